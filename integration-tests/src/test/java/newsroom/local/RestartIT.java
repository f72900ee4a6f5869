package newsroom.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.schemas.Topics;
import newsroom.service.ServiceHttp;
import newsroom.tools.ArticleGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills one service with SIGKILL while articles stream through, restarts it, and checks that
 * every accepted article is indexed exactly once and announced exactly once.
 */
class RestartIT {
  private static final int ARTICLES = 60;
  private final Infra infra = LocalInfra.shared();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, ChildProcess> services = new HashMap<>();
  private final Map<String, Integer> ports = new HashMap<>();
  private Map<String, String> env;

  @TempDir
  Path logs;

  @AfterEach
  void stopServices() {
    services.values().forEach(ChildProcess::close);
  }

  @ParameterizedTest(name = "kill -9 {0}")
  @ValueSource(strings = {"ingest-service", "enrich-service", "index-service"})
  void killingAServiceMidStreamLosesAndDuplicatesNothing(String victim) throws Exception {
    env = new Pipeline(infra).env;
    ports.put("ingest-service", Ports.free());
    ports.put("enrich-service", Ports.free());
    ports.put("index-service", Ports.free());
    env.put("INGEST_PORT", ports.get("ingest-service").toString());
    env.put("ENRICH_PORT", ports.get("enrich-service").toString());
    env.put("INDEX_PORT", ports.get("index-service").toString());
    // Stable instance names, as a deployment gives them: a restarted instance takes its partitions back at once.
    env.put("ENRICH_INSTANCE_ID", "restart-enrich");
    env.put("INDEX_INSTANCE_ID", "restart-index");
    for (String service : List.of("ingest-service", "enrich-service", "index-service")) {
      start(service);
    }

    String run = "restart" + System.nanoTime();
    ArticleGenerator generator = new ArticleGenerator(new Random(11));
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < ARTICLES; i++) {
        accepted.add(sendWithRetries(generator.article(run, i)));
        sent.incrementAndGet();
      }
    });

    await().atMost(Pipeline.PATIENCE).until(() -> sent.get() >= ARTICLES / 3);
    services.get(victim).kill();
    Thread.sleep(1_000);
    start(victim);
    producer.get();

    assertThat(accepted).hasSize(ARTICLES);
    String search = "http://localhost:" + ports.get("index-service");
    await().atMost(Pipeline.PATIENCE.multipliedBy(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode result = get(search + "/v1/search?size=0&q=" + run);
      assertThat(result.path("total").asLong()).isEqualTo(ARTICLES);
    });
    for (String id : accepted) {
      JsonNode article = get(search + "/v1/articles/" + id);
      assertThat(article.path("revision").asInt()).as(id).isEqualTo(1);
      assertThat(article.path("event_version").asLong()).as(id).isEqualTo(1L);
    }
    // Exactly-once into Kafka as well: one committed enriched event per article.
    var events = new KafkaProbe(infra.kafkaBootstrap()).readToEnd(Topics.ARTICLES_ENRICHED.name(),
        r -> accepted.contains(new String(r.key(), UTF_8)));
    assertThat(events).hasSize(ARTICLES);
  }

  private void start(String service) throws Exception {
    String main = switch (service) {
      case "ingest-service" -> "newsroom.ingest.IngestMain";
      case "enrich-service" -> "newsroom.enrich.EnrichMain";
      default -> "newsroom.index.IndexMain";
    };
    ChildProcess child = new ChildProcess(service, service.equals("enrich-service") ? "768m" : "256m", main, List.of(),
        env, Files.createDirectories(logs).resolve(service + ".log")).start();
    services.put(service, child);
    child.awaitReady("http://localhost:" + ports.get(service) + "/health/ready", Pipeline.PATIENCE);
  }

  /** What a well-behaved client does: retry until acknowledged (ids are stable, so retries never duplicate). */
  private String sendWithRetries(Map<String, Object> article) {
    for (int attempt = 0; attempt < 200; attempt++) {
      try {
        HttpResponse<String> response = http.send(Pipeline.authorized(HttpRequest.newBuilder(
                URI.create("http://localhost:" + ports.get("ingest-service") + "/v1/articles")))
            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(ServiceHttp.JSON.writeValueAsString(article))).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202) {
          return ServiceHttp.JSON.readTree(response.body()).path("id").asText();
        }
      } catch (Exception e) {
        // the service is down: try again shortly
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("article never accepted: " + article.get("url"));
  }

  private JsonNode get(String url) throws Exception {
    return ServiceHttp.JSON.readTree(http.send(Pipeline.authorized(HttpRequest.newBuilder(URI.create(url))).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }
}
