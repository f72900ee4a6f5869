package newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import newsroom.service.ServiceHttp;
import org.junit.jupiter.api.Test;

/**
 * An index built by a release that did not keep copies holds articles without a copy group, which
 * Elasticsearch would collapse into a single hit: search shows every article, and says why.
 */
class IndexFromOlderReleaseIT {
  @Test
  void articlesWithoutACopyGroupAreShownUngroupedWithANotice() throws Exception {
    try (Pipeline pipeline = new Pipeline(LocalInfra.shared())) {
      pipeline.startIndex();
      await().atMost(Pipeline.PATIENCE).until(() -> pipeline.get("/health/ready").statusCode() == 200);
      String run = "legacy" + System.nanoTime();
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 2; i++) { // as an older release indexed them: no copy_group
        String doc = ServiceHttp.JSON.writeValueAsString(java.util.Map.of("id", run + "-" + i, "title", "Quayside " + run,
            "body", "The quayside market reopened.", "source", "archive", "date", "2024-05-0" + (i + 1) + "T08:00:00Z"));
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(LocalInfra.shared().elasticsearchUrl() + "/"
                + pipeline.env.get("INDEX_ALIAS") + "/_doc/" + run + "-" + i + "?refresh=true"))
            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(doc)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
      }

      JsonNode result = ServiceHttp.JSON.readTree(pipeline.get("/v1/search?q=" + run).body());
      assertThat(result.path("hits")).hasSize(2); // not collapsed into one
      assertThat(result.path("copies").asText()).isEqualTo("all");
      assertThat(result.path("notice").asText()).contains("rebuild the index");
    }
  }
}
