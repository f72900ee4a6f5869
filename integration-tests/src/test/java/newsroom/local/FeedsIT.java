package newsroom.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import newsroom.schemas.Topics;
import newsroom.service.ServiceHttp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A newsroom subscribes to a feed served on this machine: its articles become searchable with their
 * extracted text, a re-poll ingests nothing, an edited article becomes revision 2 of the same id,
 * and a feed that stops delivering is reported as silent.
 */
class FeedsIT {
  private static final int ARTICLES = 36;
  private final Map<Integer, String> paragraphs = new ConcurrentHashMap<>();
  private final Map<Integer, Instant> updated = new ConcurrentHashMap<>();
  private final AtomicInteger notModified = new AtomicInteger();
  private final AtomicInteger feedVersion = new AtomicInteger(1);
  private final String run = "feedrun" + System.nanoTime();
  private final Instant firstPublished = Instant.now().minusSeconds(ARTICLES * 2L);
  private Javalin site;
  private Pipeline pipeline;

  @BeforeEach
  void start() throws Exception {
    for (int i = 0; i < ARTICLES; i++) {
      paragraphs.put(i, "Reporters in the harbour town confirmed on Monday that story " + i + " of " + run
          + " is developing, and the council promised a full statement before the weekend.");
    }
    site = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.routes.get("/feed.xml", ctx -> {
        String etag = "\"v" + feedVersion.get() + "\"";
        if (etag.equals(ctx.header("If-None-Match"))) {
          notModified.incrementAndGet();
          ctx.status(304);
          return;
        }
        ctx.header("ETag", etag).contentType("application/rss+xml; charset=utf-8").result(feed());
      });
      config.routes.get("/gone.xml", ctx -> ctx.status(404));
      config.routes.get("/broken.xml", ctx -> ctx.contentType("application/rss+xml")
          .result("<rss version=\"2.0\"><channel><title>Broken</title><item><title>unclosed"));
      config.routes.get("/articles/{n}", ctx -> ctx.contentType("text/html; charset=utf-8")
          .result(page(Integer.parseInt(ctx.pathParam("n").replace(".html", "")))));
    }).start("127.0.0.1", 0);
    pipeline = new Pipeline(LocalInfra.shared());
    pipeline.env.put("INGEST_FEED_POLLING", "true");
    pipeline.env.put("INGEST_FETCH_ALLOWED_HOSTS", "127.0.0.1");
    pipeline.env.put("INGEST_POLITENESS_MS", "0");
    pipeline.env.put("INGEST_FEED_SILENT_MIN_SECONDS", "1");
    pipeline.env.put("INGEST_FEED_SILENT_FACTOR", "3");
    pipeline.startAll();
  }

  @AfterEach
  void stop() throws Exception {
    // Leave no subscription behind in the shared broker.
    for (JsonNode feed : ServiceHttp.JSON.readTree(HttpClient.newHttpClient().send(Pipeline.authorized(HttpRequest.newBuilder(
        URI.create(pipeline.ingestUrl() + "/v1/feeds"))).build(), HttpResponse.BodyHandlers.ofString()).body())) {
      HttpClient.newHttpClient().send(Pipeline.authorized(HttpRequest.newBuilder(URI.create(pipeline.ingestUrl() + "/v1/feeds/"
          + feed.path("id").asText()))).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }
    pipeline.close();
    site.stop();
  }

  @Test
  void subscribeOncePollAgainEditAndFallSilent() throws Exception {
    HttpResponse<String> created = pipeline.post("/v1/feeds", "application/json", ServiceHttp.JSON.writeValueAsString(
        Map.of("url", "http://127.0.0.1:" + site.port() + "/feed.xml", "source", "Harbour Wire", "interval_seconds", 3600))
        .getBytes(UTF_8));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String feedId = ServiceHttp.JSON.readTree(created.body()).path("id").asText();

    await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(500))
        .until(() -> total("/v1/search?size=0&q=" + run) == ARTICLES);
    JsonNode hit = ServiceHttp.JSON.readTree(pipeline.get("/v1/search?q=" + run + "%20story%203&size=1").body())
        .path("hits").get(0);
    JsonNode article = ServiceHttp.JSON.readTree(pipeline.get("/v1/articles/" + hit.path("id").asText()).body());
    assertThat(article.path("body").asText()).contains("the council promised a full statement")
        .doesNotContain("Subscribe to our newsletter", "All rights reserved", "Home");
    assertThat(article.path("source").asText()).isEqualTo("Harbour Wire");
    assertThat(article.path("language").asText()).isEqualTo("en");

    // A second poll finds nothing new: the server answers 304 to the conditional request.
    pollAndWait(feedId);
    assertThat(notModified.get()).isPositive();
    assertThat(health(feedId).path("items_ingested").asLong()).isEqualTo(ARTICLES);

    // An edited article is the next revision of the same document.
    String editedId = articleIdOf(3);
    paragraphs.put(3, paragraphs.get(3) + " Update: the statement was published on Friday.");
    updated.put(3, Instant.now());
    feedVersion.incrementAndGet();
    pollAndWait(feedId);
    await().atMost(Pipeline.PATIENCE).until(() -> ServiceHttp.JSON.readTree(
        pipeline.get("/v1/articles/" + editedId).body()).path("revision").asInt() == 2);
    assertThat(total("/v1/search?size=0&q=" + run)).isEqualTo(ARTICLES);

    // Items usually come every 2 s; with nothing new for more than 3 × that, the feed is silent.
    await().atMost(Pipeline.PATIENCE).until(() -> "SILENT".equals(health(feedId).path("status").asText()));
    JsonNode sources = ServiceHttp.JSON.readTree(HttpClient.newHttpClient().send(Pipeline.authorized(HttpRequest.newBuilder(
        URI.create(pipeline.ingestUrl() + "/v1/sources/health"))).build(), HttpResponse.BodyHandlers.ofString()).body())
        .path("sources");
    assertThat(sources.findValuesAsText("source")).contains("Harbour Wire");
    assertThat(new KafkaProbe(LocalInfra.shared().kafkaBootstrap()).read(Topics.SOURCES_HEALTH.name(),
        r -> new String(r.key(), UTF_8).equals(feedId)
            && pipeline.serdes.read(Topics.SOURCES_HEALTH, r.value()).getStatus() == newsroom.events.SourceStatus.SILENT,
        found -> !found.isEmpty(), Pipeline.PATIENCE)).isNotEmpty();
  }

  @Test
  void feedsThatDisappearOrBreakAreReportedAndRecorded() throws Exception {
    String gone = subscribe("/gone.xml");
    String broken = subscribe("/broken.xml");
    await().atMost(Pipeline.PATIENCE).until(() -> health(gone).path("http_errors").asLong() >= 1
        && health(broken).path("last_error").isTextual());
    pollAndWait(gone);
    pollAndWait(broken);

    JsonNode goneHealth = health(gone);
    assertThat(goneHealth.path("status").asText()).isEqualTo("FAILING");
    assertThat(goneHealth.path("last_error").asText()).contains("HTTP 404");
    assertThat(health(broken).path("status").asText()).isEqualTo("FAILING");
    assertThat(health(broken).path("last_error").asText()).contains("not a readable feed");

    KafkaProbe probe = new KafkaProbe(LocalInfra.shared().kafkaBootstrap());
    Predicate<ConsumerRecord<byte[], byte[]>> aboutGone = r -> new String(r.key(), UTF_8).equals(gone);
    // The API judges health when asked; the poller announces it at its next check: wait for that.
    Predicate<List<ConsumerRecord<byte[], byte[]>>> failingAnnounced = found -> !found.isEmpty()
        && pipeline.serdes.read(Topics.SOURCES_HEALTH, found.getLast().value()).getStatus() == newsroom.events.SourceStatus.FAILING;
    assertThat(failingAnnounced.test(probe.read(Topics.SOURCES_HEALTH.name(), aboutGone, failingAnnounced, Pipeline.PATIENCE)))
        .as("FAILING announced").isTrue();
    int announced = probe.readToEnd(Topics.SOURCES_HEALTH.name(), aboutGone).size();

    // Subscriptions and what the poller knows live in Kafka, not in the process: a restart keeps them.
    long errorsBefore = goneHealth.path("http_errors").asLong();
    pipeline.restartIngest();
    assertThat(health(gone).path("http_errors").asLong()).isGreaterThanOrEqualTo(errorsBefore);
    assertThat(health(broken).path("status").asText()).isEqualTo("FAILING");
    // The restarted poller judges both feeds FAILING again, as announced before: no new announcement.
    await().atMost(Pipeline.PATIENCE).until(() -> feedsJudged("FAILING") >= 2);
    pollAndWait(gone);
    assertThat(probe.readToEnd(Topics.SOURCES_HEALTH.name(), aboutGone)).as("announcements about the feed").hasSize(announced);
    // The broken document is on record for the newsroom's engineers, with the reason.
    assertThat(new KafkaProbe(LocalInfra.shared().kafkaBootstrap()).read(Topics.INGEST_REJECTED.name(),
        r -> new String(r.value(), UTF_8).contains("/broken.xml"), found -> !found.isEmpty(), Pipeline.PATIENCE))
        .isNotEmpty();
  }

  private String subscribe(String path) throws Exception {
    HttpResponse<String> created = pipeline.post("/v1/feeds", "application/json", ServiceHttp.JSON.writeValueAsString(
        Map.of("url", "http://127.0.0.1:" + site.port() + path, "interval_seconds", 3600)).getBytes(UTF_8));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return ServiceHttp.JSON.readTree(created.body()).path("id").asText();
  }

  private void pollAndWait(String feedId) throws Exception {
    String before = health(feedId).path("last_polled_at").asText();
    assertThat(pipeline.postToIngest("/v1/feeds/" + feedId + "/poll").statusCode()).isEqualTo(202);
    await().atMost(Pipeline.PATIENCE).until(() -> !health(feedId).path("last_polled_at").asText().equals(before));
  }

  /** The feeds this ingest instance has judged, with that health (its ingest_feeds gauge). */
  private double feedsJudged(String status) throws Exception {
    String metrics = HttpClient.newHttpClient().send(Pipeline.authorized(HttpRequest.newBuilder(
        URI.create(pipeline.ingestUrl() + "/metrics"))).build(), HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(l -> l.startsWith("ingest_feeds{") && l.contains("status=\"" + status + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private JsonNode health(String feedId) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(Pipeline.authorized(HttpRequest.newBuilder(
        URI.create(pipeline.ingestUrl() + "/v1/feeds/" + feedId))).build(), HttpResponse.BodyHandlers.ofString());
    return ServiceHttp.JSON.readTree(response.body()).path("health");
  }

  private String articleIdOf(int n) throws Exception {
    // Every article a hit: these 36 share all but a number, and a few may be taken for near copies and grouped.
    JsonNode hits = ServiceHttp.JSON.readTree(pipeline.get("/v1/search?size=50&copies=all&q=" + run).body()).path("hits");
    for (JsonNode hit : hits) {
      if (hit.path("title").asText().equals("Harbour story number " + n)) {
        return hit.path("id").asText();
      }
    }
    throw new AssertionError("article " + n + " not indexed");
  }

  private long total(String query) throws Exception {
    return ServiceHttp.JSON.readTree(pipeline.get(query).body()).path("total").asLong();
  }

  private String feed() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Harbour Wire</title><link>http://127.0.0.1:" + site.port() + "/</link>");
    for (int i = ARTICLES - 1; i >= 0; i--) {
      Instant published = firstPublished.plusSeconds(2L * i);
      xml.append("<item><title>Harbour story number ").append(i).append("</title>")
          .append("<link>http://127.0.0.1:").append(site.port()).append("/articles/").append(i).append(".html</link>")
          .append("<guid>").append(run).append("-").append(i).append("</guid>")
          .append("<pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(published.atOffset(ZoneOffset.UTC)))
          .append("</pubDate><description>").append(updated.containsKey(i) ? "Updated " + updated.get(i) : "Story " + i)
          .append("</description></item>");
    }
    return xml.append("</channel></rss>").toString();
  }

  private String page(int n) {
    return "<html><head><title>Harbour story number " + n + " | Harbour Wire</title></head><body>"
        + "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        + "<div class='newsletter'>Subscribe to our newsletter for the latest harbour news every morning.</div>"
        + "<article><h1>Harbour story number " + n + "</h1><p>" + paragraphs.get(n) + "</p>"
        + "<p>Fishermen said the new quay would change how the town works, and most welcomed the plan.</p></article>"
        + "<footer><p>Harbour Wire. All rights reserved. Contact the newsroom for corrections.</p></footer></body></html>";
  }
}
