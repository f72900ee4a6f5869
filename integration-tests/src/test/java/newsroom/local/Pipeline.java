package newsroom.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import newsroom.enrich.EnrichConfig;
import newsroom.enrich.EnrichService;
import newsroom.index.IndexConfig;
import newsroom.index.IndexService;
import newsroom.ingest.IngestConfig;
import newsroom.ingest.IngestService;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.SchemaRegistry;
import newsroom.service.ApiKeys;
import newsroom.service.Settings;

/**
 * The three services wired to test infrastructure, each test class with its own consumer groups,
 * Streams application id and index alias so tests never see each other's state.
 */
final class Pipeline implements AutoCloseable {
  /**
   * How long a test waits for the pipeline to do something: far longer than it takes on an idle
   * machine, so that a loaded one (CI, other test classes' leftover work) cannot fail a test.
   * Tests wait for conditions; how fast the pipeline is, is measured by {@code ./newsroom bench}.
   */
  static final Duration PATIENCE = Duration.ofMinutes(2);
  /** Keys of the test stack: every scope; search only; search at three requests a minute. */
  static final String KEY = ApiKeys.generate();
  static final String SEARCH_KEY = ApiKeys.generate();
  static final String SLOW_KEY = ApiKeys.generate();
  final Map<String, String> env;
  /** Serdes reading what the services wrote, through the test stack's registry. */
  final EventSerdes serdes;
  private IngestService ingest;
  private EnrichService enrich;
  private IndexService index;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Path state;
  private final Path keys;

  Pipeline(Infra infra) throws java.io.IOException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    state = Files.createTempDirectory("newsroom-enrich-" + run);
    env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrap());
    env.put("SCHEMA_REGISTRY_URL", infra.schemaRegistryUrl());
    serdes = EventSerdes.using(new SchemaRegistry(infra.schemaRegistryUrl()));
    env.put("NEWSROOM_TOPIC_PARTITIONS", "2");
    env.put("ELASTICSEARCH_URL", infra.elasticsearchUrl());
    env.put("INGEST_PORT", "0");
    env.put("ENRICH_PORT", "0");
    env.put("INDEX_PORT", "0");
    env.put("ENRICH_APPLICATION_ID", "enrich-it-" + run);
    env.put("ENRICH_STATE_DIR", state.toString());
    env.put("INDEX_ALIAS", "news-it-" + run);
    env.put("INDEX_GROUP_ID", "index-it-" + run);
    // Subscriptions live in the shared broker: only the feed tests poll, so no test polls another's feeds.
    env.put("INGEST_FEED_POLLING", "false");
    keys = Files.createTempFile("newsroom-keys-" + run, "");
    Files.writeString(keys, String.join("\n", ApiKeys.line("tests", EnumSet.allOf(ApiKeys.Scope.class), KEY, 1_000_000),
        ApiKeys.line("search-desk", EnumSet.of(ApiKeys.Scope.SEARCH), SEARCH_KEY, 1_000),
        ApiKeys.line("slow-desk", EnumSet.of(ApiKeys.Scope.SEARCH), SLOW_KEY, 3)) + "\n");
    env.put("NEWSROOM_API_KEYS_FILE", keys.toString());
    env.put("INDEX_WEBHOOK_ALLOWED_HOSTS", "localhost"); // the tests' webhook receiver
  }

  /** A request carrying the test key with every scope. */
  static HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return request.header("Authorization", "Bearer " + KEY);
  }

  Pipeline startAll() {
    startIngest();
    startEnrich();
    startIndex();
    return this;
  }

  void startIngest() {
    ingest = IngestService.start(IngestConfig.from(new Settings(env)));
  }

  /** A clean stop and start of ingest-service, as in a deployment. */
  void restartIngest() {
    ingest.close();
    startIngest();
  }

  void startEnrich() {
    enrich = EnrichService.start(EnrichConfig.from(new Settings(env)));
  }

  void startIndex() {
    index = IndexService.start(IndexConfig.from(new Settings(env)));
  }

  java.util.List<String> indexRoutes() {
    return index.routes();
  }

  String ingestUrl() {
    return "http://localhost:" + ingest.port();
  }

  String searchUrl() {
    return "http://localhost:" + index.port();
  }

  HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    // Expect: 100-continue, as curl sends for large bodies, so a refusal arrives before the upload.
    return http.send(authorized(HttpRequest.newBuilder(URI.create(ingestUrl() + path))).header("Content-Type", contentType)
        .expectContinue(true)
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postToIngest(String path) throws Exception {
    return http.send(authorized(HttpRequest.newBuilder(URI.create(ingestUrl() + path))).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request with a JSON body (or none) to index-service's API. */
  HttpResponse<String> send(String method, String path, String json) throws Exception {
    return send(method, searchUrl() + path, json, KEY);
  }

  /** A request to any URL with this key (null: none). */
  HttpResponse<String> send(String method, String url, String json, String key) throws Exception {
    HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").method(method, body);
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return get(pathAndQuery, KEY);
  }

  /** A GET to index-service with this key (null: none). */
  HttpResponse<String> get(String pathAndQuery, String key) throws Exception {
    return send("GET", searchUrl() + pathAndQuery, null, key);
  }

  /** Stops the three services; their state stays, to start them again (after an upgrade, say). */
  void stopAll() {
    for (AutoCloseable service : new AutoCloseable[] {ingest, enrich, index}) {
      try {
        if (service != null) {
          service.close();
        }
      } catch (Exception e) {
        // closing the rest matters more
      }
    }
    ingest = null;
    enrich = null;
    index = null;
  }

  @Override
  public void close() {
    stopAll();
    TestFolders.deleteQuietly(state);
    TestFolders.deleteQuietly(keys);
  }
}
