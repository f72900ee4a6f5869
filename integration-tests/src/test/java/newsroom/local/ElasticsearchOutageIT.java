package newsroom.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import newsroom.service.ServiceHttp;
import newsroom.tools.ArticleGenerator;
import org.junit.jupiter.api.Test;

/** Elasticsearch going away is back-pressure, not loss: the indexer waits, retries and catches up. */
class ElasticsearchOutageIT {
  @Test
  void articlesArrivingDuringAnOutageAreIndexedOnceItEnds() throws Exception {
    Infra infra = LocalInfra.shared();
    URI elasticsearch = URI.create(infra.elasticsearchUrl());
    try (TcpProxy proxy = new TcpProxy(elasticsearch.getHost(), elasticsearch.getPort());
         Pipeline pipeline = new Pipeline(infra)) {
      pipeline.env.put("ELASTICSEARCH_URL", "http://localhost:" + proxy.port());
      pipeline.startAll();

      proxy.cut();
      ArticleGenerator generator = new ArticleGenerator(new Random(3));
      String run = "outage" + System.nanoTime();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        var response = pipeline.post("/v1/articles", "application/json",
            ServiceHttp.JSON.writeValueAsString(generator.article(run, i)).getBytes(UTF_8));
        assertThat(response.statusCode()).isEqualTo(202);
        ids.add(ServiceHttp.JSON.readTree(response.body()).path("id").asText());
      }
      // While Elasticsearch is away, readiness says so and search answers 503, not 500.
      await().atMost(Pipeline.PATIENCE).until(() -> pipeline.get("/health/ready").statusCode() == 503);
      assertThat(pipeline.get("/v1/search?q=" + run).statusCode()).isEqualTo(503);

      proxy.restore();
      await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        JsonNode result = ServiceHttp.JSON.readTree(pipeline.get("/v1/search?size=0&q=" + run).body());
        assertThat(result.path("total").asLong()).isEqualTo(ids.size());
      });
      await().atMost(Pipeline.PATIENCE).until(() -> pipeline.get("/health/ready").statusCode() == 200);
    }
  }
}
