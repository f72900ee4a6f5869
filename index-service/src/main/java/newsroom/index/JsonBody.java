package newsroom.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import newsroom.service.Problem;
import newsroom.service.ServiceHttp;

/**
 * A JSON object request body of the editors' APIs, read strictly: malformed JSON, another JSON value
 * or an unknown field is a 400 whose pointer names the field, titled in the API's own words.
 */
record JsonBody(JsonNode node, String title) {

  /** {@code example}: a JSON object of the expected shape, shown when the body is not one. */
  static JsonBody read(String text, String title, Set<String> fields, String example) {
    JsonNode node;
    try {
      node = ServiceHttp.JSON.readTree(text);
    } catch (Exception e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw invalid(title, "body", "expected a JSON object like " + example);
    }
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!fields.contains(field)) {
        throw invalid(title, field, "unknown field '" + field + "'; allowed: " + fields);
      }
    }
    return new JsonBody(node, title);
  }

  JsonNode path(String field) {
    return node.path(field);
  }

  boolean has(String field) {
    return node.has(field);
  }

  boolean hasNonNull(String field) {
    return node.hasNonNull(field);
  }

  /** An optional array of at most {@code max} non-empty strings (stripped); absent or null: empty. */
  List<String> strings(String field, int max) {
    JsonNode array = node.path(field);
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray() || array.size() > max) {
      throw invalid(field, "'" + field + "' must be an array of at most " + max + " strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : array) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw invalid(field, "'" + field + "' must hold non-empty strings");
      }
      out.add(item.asText().strip());
    }
    return out;
  }

  Problem.Exception invalid(String field, String detail) {
    return invalid(title, field, detail);
  }

  static Problem.Exception invalid(String title, String field, String detail) {
    return new Problem.Exception(Problem.of(400, title, detail).at(field));
  }
}
