package newsroom.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import newsroom.kb.KnowledgeBaseVersions;
import newsroom.schemas.AsyncApi;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topic;
import newsroom.schemas.Topics;
import newsroom.service.KafkaHealth;
import newsroom.service.SchemaRegistryReadiness;
import newsroom.service.ServiceHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running index-service: the indexer thread and the search API. */
public final class IndexService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);
  /** The API described for clients (OpenAPI 3.1), served at /openapi.json; a test holds it to the routes. */
  private static final String OPENAPI = resource("/newsroom/index/openapi.json");
  /** The events for consumers (AsyncAPI 3.0), made from the topic catalogue, served at /asyncapi.json. */
  private static final String ASYNCAPI = AsyncApi.document();

  private final ElasticsearchClient client;
  private final ArticleIndexer indexer;
  private final Thread indexerThread;
  private final EntitiesApi entities;
  private final TopicRulesApi topicRules;
  private final AlertsApi alerts;
  private final WebhookDelivery webhooks;
  private final Javalin http;
  private final KafkaHealth kafkaHealth;
  private final SchemaRegistryReadiness registry;
  private final ScheduledExecutorService elasticsearchChecks = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("elasticsearch-health").daemon().factory());
  private volatile String elasticsearch = "unknown";

  private IndexService(IndexConfig config) throws IOException {
    List<Topic<?, ?>> written = List.of(Topics.INDEX_DLQ, Topics.ENTITIES_KB, Topics.ENRICH_REQUESTS, Topics.TOPIC_RULES,
        Topics.ALERT_SUBSCRIPTIONS);
    config.kafka().ensureTopics(Stream.concat(Stream.of(Topics.ARTICLES_ENRICHED), written.stream()).toList());
    this.client = Elastic.client(config);
    Elastic.bootstrap(client, config.alias());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics); // live heap after GC: what a soak watches
    IndexedLanguages languages = new IndexedLanguages(client, config.alias());
    EventSerdes serdes = config.kafka().eventSerdes();
    this.registry = new SchemaRegistryReadiness(serdes, written);
    this.indexer = new ArticleIndexer(client, config, serdes, metrics, languages);
    this.indexerThread = new Thread(indexer, "indexer");
    indexerThread.setUncaughtExceptionHandler((t, e) -> LOG.error("indexer stopped; the service must be restarted", e));
    indexerThread.start();
    SearchApi search = new SearchApi(client, config.alias(), languages);
    this.entities = new EntitiesApi(client, config.alias(), config.kafka().bootstrapServers(), serdes, Clock.systemUTC(),
        config.knowledgeBaseDir() == null ? null : new KnowledgeBaseVersions(config.knowledgeBaseDir()));
    this.topicRules = new TopicRulesApi(config.kafka().bootstrapServers(), serdes, Clock.systemUTC());
    this.alerts = new AlertsApi(config.kafka().bootstrapServers(), serdes, config.webhookAllowedHosts(), Clock.systemUTC());
    try {
      entities.awaitRestored(Duration.ofSeconds(60));
      topicRules.awaitRestored(Duration.ofSeconds(60));
      alerts.awaitRestored(Duration.ofSeconds(60));
      this.webhooks = new WebhookDelivery(config.kafka(), serdes, config.groupId() + "-webhooks", alerts::subscription,
          config.webhookAllowedHosts(), metrics);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the knowledge base", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start webhook delivery: " + e.getMessage(), e);
    }
    Thread.ofPlatform().name("webhooks").daemon().start(webhooks);
    this.kafkaHealth = new KafkaHealth(config.kafka().bootstrapServers(), written)
        .measureLag("index", config.groupId(), List.of(Topics.ARTICLES_ENRICHED), metrics)
        .measureLag("alerts", config.groupId() + "-webhooks", List.of(Topics.ALERTS), metrics).start(metrics);
    elasticsearchChecks.scheduleWithFixedDelay(() -> elasticsearch = Elastic.health(client), 0, 2, TimeUnit.SECONDS);
    this.http = ServiceHttp.start("index-service", config.port(), metrics,
        new ServiceHttp.Health(indexerThread::isAlive, this::ready, this::checks), config.access(),
        routes -> {
          routes.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(OPENAPI));
          routes.routes.get("/asyncapi.json", ctx -> ctx.contentType("application/json").result(ASYNCAPI));
          WebPage.serve(routes);
          search.routes(routes);
          entities.routes(routes);
          topicRules.routes(routes);
          alerts.routes(routes);
        });
  }

  /** Bootstraps the index if needed, then starts consuming and serving. */
  public static IndexService start(IndexConfig config) {
    try {
      return new IndexService(config);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach Elasticsearch at " + config.elasticsearchUrls()
          + " to set up the index: " + e.getMessage() + " (check ELASTICSEARCH_URL)", e);
    }
  }

  public int port() {
    return http.port();
  }

  /** Every route served, as "GET /v1/search": what the OpenAPI document must describe. */
  public List<String> routes() {
    return http.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(route -> io.javalin.http.HandlerType.commonHttp().contains(route.endpoint.method)) // not before/after handlers
        .map(route -> route.endpoint.method + " " + route.endpoint.path).toList();
  }

  private static String resource(String name) {
    try (var in = IndexService.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing resource " + name, e);
    }
  }

  /** Indexing works and searches can be answered: a yellow cluster (a replica missing) still can, a red one cannot. */
  private boolean ready() {
    return indexer.healthy() && (elasticsearch.equals("green") || elasticsearch.equals("yellow")) && kafkaHealth.ready()
        && registry.ready();
  }

  private Map<String, Object> checks() {
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("indexer", indexer.healthy() ? "consuming" : "failing");
    checks.put("elasticsearch", elasticsearch);
    checks.putAll(kafkaHealth.report());
    checks.putAll(registry.report());
    return checks;
  }

  @Override
  public void close() {
    http.stop();
    elasticsearchChecks.shutdownNow();
    kafkaHealth.close();
    registry.close();
    entities.close();
    topicRules.close();
    webhooks.close();
    alerts.close();
    indexer.close();
    try {
      indexerThread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      client.close();
    } catch (IOException e) {
      LOG.warn("closing the Elasticsearch client: {}", e.toString());
    }
  }
}
