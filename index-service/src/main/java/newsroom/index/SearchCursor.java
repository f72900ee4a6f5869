package newsroom.index;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where a page of results ended, as an opaque URL-safe token ({@code next} in a response,
 * {@code after} in the next request). With every copy a hit of its own, it holds the sort values of
 * the page's last hit, for Elasticsearch's {@code search_after}: unlike {@code from}, it reaches any
 * depth at the same cost. Grouped hits cannot be continued that way (Elasticsearch collapses only
 * with {@code from}), so their token holds the next offset.
 */
record SearchCursor(SearchRequest.Sort sort, SearchRequest.Copies copies, List<FieldValue> values, Integer offset) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static SearchCursor after(SearchRequest.Sort sort, List<FieldValue> values) {
    return new SearchCursor(sort, SearchRequest.Copies.ALL, values, null);
  }

  static SearchCursor at(SearchRequest.Sort sort, int offset) {
    return new SearchCursor(sort, SearchRequest.Copies.GROUPED, List.of(), offset);
  }

  String token() {
    ObjectNode node = JSON.createObjectNode().put("sort", sort.label()).put("copies", copies.label());
    if (offset != null) {
      node.put("offset", offset);
    } else {
      ArrayNode after = node.putArray("after");
      for (FieldValue value : values) {
        switch (value._kind()) {
          case Double -> after.add(value.doubleValue());
          case Long -> after.add(value.longValue());
          case String -> after.add(value.stringValue());
          default -> throw new IllegalStateException("unexpected sort value " + value);
        }
      }
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in {@code token}, which must come from a search with the same sort and copies. */
  static SearchCursor parse(String token, SearchRequest.Sort sort, SearchRequest.Copies copies) {
    JsonNode node;
    try {
      node = JSON.readTree(Base64.getUrlDecoder().decode(token.strip()));
    } catch (IllegalArgumentException | IOException e) {
      throw notACursor();
    }
    if (node == null || !(node.path("after").isArray() || node.path("offset").canConvertToInt())) {
      throw notACursor();
    }
    if (!sort.label().equals(node.path("sort").asText())) {
      throw SearchRequest.invalid("after", "this cursor continues a search sorted by " + node.path("sort").asText()
          + "; ask with sort=" + node.path("sort").asText() + " or start again without 'after'");
    }
    String made = node.path("copies").asText(SearchRequest.Copies.ALL.label());
    if (!copies.label().equals(made)) {
      throw SearchRequest.invalid("after", "this cursor continues a search with copies=" + made
          + "; ask with copies=" + made + " or start again without 'after'");
    }
    if (node.has("offset")) {
      int offset = node.path("offset").intValue();
      if (offset < 0) {
        throw notACursor();
      }
      return at(sort, offset);
    }
    JsonNode after = node.path("after");
    int fields = sort.clauses().size();
    if (after.size() != fields || !after.get(fields - 1).isTextual()) {
      throw notACursor();
    }
    List<FieldValue> values = new ArrayList<>();
    for (int i = 0; i < fields - 1; i++) {
      JsonNode value = after.get(i);
      if (value.isIntegralNumber()) {
        values.add(FieldValue.of(value.longValue()));
      } else if (value.isNumber()) {
        values.add(FieldValue.of(value.doubleValue()));
      } else {
        throw notACursor();
      }
    }
    values.add(FieldValue.of(after.get(fields - 1).textValue()));
    return after(sort, values);
  }

  private static RuntimeException notACursor() {
    return SearchRequest.invalid("after", "'after' must be the 'next' value of a previous search response, unchanged");
  }
}
