package newsroom.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import newsroom.service.ServiceHttp;
import newsroom.tools.ArticleGenerator;
import org.junit.jupiter.api.Test;

/**
 * The schema registry going away stops nothing already running: the services registered their schemas
 * at start and keep them, with their ids, so producers and consumers go on from their caches.
 */
class SchemaRegistryOutageIT {
  @Test
  void articlesGoThroughWhileTheRegistryIsAway() throws Exception {
    Infra infra = LocalInfra.shared();
    URI registry = URI.create(infra.schemaRegistryUrl());
    ArticleGenerator generator = new ArticleGenerator(new Random(7));
    String run = "registry" + System.nanoTime();
    try (TcpProxy proxy = new TcpProxy(registry.getHost(), registry.getPort());
         Pipeline pipeline = new Pipeline(infra)) {
      pipeline.env.put("SCHEMA_REGISTRY_URL", "http://localhost:" + proxy.port() + registry.getPath());
      pipeline.startAll();
      await().atMost(Pipeline.PATIENCE).until(() -> pipeline.get("/health/ready").statusCode() == 200);
      String before = accept(pipeline, generator.article(run, 0));
      await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> searchable(pipeline, run, 1));

      proxy.cut();
      String during = accept(pipeline, generator.article(run, 1));

      await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> searchable(pipeline, run, 2));
      assertThat(pipeline.get("/v1/articles/" + during).statusCode()).isEqualTo(200);
      assertThat(pipeline.get("/v1/articles/" + before).statusCode()).isEqualTo(200);
      // Still ready, and saying what it noticed.
      await().atMost(Pipeline.PATIENCE).until(() -> ServiceHttp.JSON.readTree(pipeline.get("/health/ready").body())
          .path("checks").path("schemaRegistry").asText().contains("out of reach"));
      assertThat(pipeline.get("/health/ready").statusCode()).isEqualTo(200);
      proxy.restore();
    }
  }

  private static String accept(Pipeline pipeline, Object article) throws Exception {
    var response = pipeline.post("/v1/articles", "application/json", ServiceHttp.JSON.writeValueAsString(article).getBytes(UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return ServiceHttp.JSON.readTree(response.body()).path("id").asText();
  }

  private static boolean searchable(Pipeline pipeline, String run, int articles) throws Exception {
    JsonNode result = ServiceHttp.JSON.readTree(pipeline.get("/v1/search?size=0&q=" + run).body());
    return result.path("total").asLong() == articles;
  }
}
