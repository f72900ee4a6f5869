package newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.service.ServiceHttp;

/** The OpenAPI document index-service serves, as a checker of its responses (JSON Schema 2020-12, as OpenAPI 3.1 uses). */
final class OpenApiContract {
  private final JsonNode document;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  OpenApiContract(String document) throws Exception {
    this.document = ServiceHttp.JSON.readTree(document);
  }

  /** "GET /v1/search" for every operation the document describes. */
  List<String> operations() {
    return List.copyOf(scopes().keySet());
  }

  /** Every operation with the scopes its security names (none: open to all). */
  Map<String, List<String>> scopes() {
    Map<String, List<String>> scopes = new java.util.LinkedHashMap<>();
    document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
      List<String> needed = new ArrayList<>();
      operation.getValue().path("security").forEach(requirement -> requirement.path("apiKey").forEach(s -> needed.add(s.asText())));
      scopes.put(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), needed);
    }));
    return scopes;
  }

  /** Fails with the schema's complaints unless {@code json} is a valid {@code components/schemas/<name>}. */
  void assertValid(String name, String json) {
    Schema schema = schemas.computeIfAbsent(name, n -> {
      // The document's schemas as the definitions of one JSON Schema that refers to the one asked for.
      ObjectNode root = ServiceHttp.JSON.createObjectNode().put("$ref", "#/$defs/" + n);
      root.set("$defs", document.path("components").path("schemas"));
      return registry.getSchema(root.toString().replace("#/components/schemas/", "#/$defs/"), InputFormat.JSON);
    });
    List<Error> errors = schema.validate(json, InputFormat.JSON);
    assertThat(errors).as("%s response %s", name, json.length() > 400 ? json.substring(0, 400) + "…" : json).isEmpty();
  }
}
