package newsroom.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document says what the search code accepts (the routes are held to it end to end, in integration-tests). */
class OpenApiDocumentTest {
  private final JsonNode document = read();

  private static JsonNode read() {
    try (var in = OpenApiDocumentTest.class.getResourceAsStream("/newsroom/index/openapi.json")) {
      return new ObjectMapper().readTree(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode searchParameter(String name) {
    for (JsonNode parameter : document.at("/paths/~1v1~1search/get/parameters")) {
      if (parameter.path("name").asText().equals(name)) {
        return parameter;
      }
    }
    throw new AssertionError("/v1/search does not document " + name);
  }

  @Test
  void documentsExactlyTheSearchParametersTheCodeAccepts() {
    List<String> documented = new ArrayList<>();
    document.at("/paths/~1v1~1search/get/parameters").forEach(p -> documented.add(p.path("name").asText()));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(SearchRequest.PARAMETERS);
  }

  @Test
  void documentsTheSortOrdersFacetsAndLimitsTheCodeHas() {
    List<String> sorts = new ArrayList<>();
    searchParameter("sort").at("/schema/enum").forEach(v -> sorts.add(v.asText()));
    assertThat(sorts).containsExactlyElementsOf(Arrays.stream(SearchRequest.Sort.values()).map(SearchRequest.Sort::label).toList());

    List<String> facets = new ArrayList<>();
    searchParameter("facet").at("/schema/items/enum").forEach(v -> facets.add(v.asText()));
    List<String> expected = new ArrayList<>(Arrays.stream(SearchFacet.values()).map(SearchFacet::key).toList());
    expected.add("none");
    assertThat(facets).containsExactlyElementsOf(expected);
    List<String> facetSchemas = new ArrayList<>();
    document.at("/components/schemas/SearchResults/properties/facets/properties").fieldNames().forEachRemaining(facetSchemas::add);
    assertThat(facetSchemas).containsExactlyElementsOf(expected.subList(0, expected.size() - 1));

    assertThat(searchParameter("size").at("/schema/maximum").asInt()).isEqualTo(SearchRequest.MAX_SIZE);
    assertThat(searchParameter("offset").at("/schema/maximum").asInt()).isEqualTo(SearchRequest.MAX_OFFSET);
    assertThat(searchParameter("q").at("/schema/maxLength").asInt()).isEqualTo(newsroom.query.QuerySyntax.MAX_LENGTH);
  }
}
