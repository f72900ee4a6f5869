package newsroom.ingest;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsroom.ingest.feeds.FeedParser;
import newsroom.ingest.feeds.FeedPoller;
import newsroom.ingest.feeds.FeedStore;
import newsroom.ingest.feeds.FeedsApi;
import newsroom.ingest.fetch.PageFetcher;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topic;
import newsroom.schemas.Topics;
import newsroom.service.KafkaHealth;
import newsroom.service.SchemaRegistryReadiness;
import newsroom.service.ServiceHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running ingest-service: the HTTP API in front of the Kafka producer. */
public final class IngestService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final Duration LANGUAGE_MODELS_WAIT = Duration.ofSeconds(120);
  private final ArticlePublisher publisher;
  private final KafkaHealth kafkaHealth;
  private final SchemaRegistryReadiness registry;
  private final FeedStore feeds;
  private final PageFetcher fetcher;
  private final FeedPoller poller;
  private final Javalin http;

  private IngestService(IngestConfig config) throws InterruptedException {
    // Lingua's models take seconds to load: alongside the Kafka set-up, so that a restart is back sooner.
    // On a thread of its own: Lingua loads them on the common fork-join pool and waits, which from a
    // task of that pool (one worker on two cores) can wait forever; a restart hung so in the chaos test.
    CompletableFuture<LanguageDetection> languages = CompletableFuture.supplyAsync(IngestService::loadLanguages,
        task -> Thread.ofPlatform().daemon().name("language-models").start(task));
    List<Topic<?, ?>> written = List.of(Topics.ARTICLES_INGESTED, Topics.INGEST_REJECTED, Topics.FEEDS,
        Topics.FEED_STATE, Topics.SOURCES_HEALTH);
    config.kafka().ensureTopics(written);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics); // live heap after GC: what a soak watches
    Clock clock = Clock.systemUTC();
    EventSerdes serdes = config.kafka().eventSerdes();
    this.publisher = new ArticlePublisher(config, serdes);
    this.registry = new SchemaRegistryReadiness(serdes, written);
    this.kafkaHealth = new KafkaHealth(config.kafka().bootstrapServers(), written).start(metrics);
    IngestConfig.Feeds feedConfig = config.feeds();
    this.fetcher = new PageFetcher(new PageFetcher.Limits(Duration.ofMillis(feedConfig.fetchTimeoutMs()),
        feedConfig.fetchMaxBytes(), 5, feedConfig.allowedHosts(), PageFetcher.Limits.defaults().userAgent()));
    this.feeds = new FeedStore(config.kafka().bootstrapServers(), serdes);
    feeds.awaitRestored(Duration.ofSeconds(60));
    ArticleParser parser = new ArticleParser(ServiceHttp.JSON, loaded(languages), fetcher);
    IngestApi api = new IngestApi(config, parser, publisher, clock, metrics);
    this.poller = new FeedPoller(feedConfig, feeds, publisher::send, parser, fetcher, new FeedParser(ServiceHttp.JSON),
        clock, ServiceHttp.JSON, metrics);
    if (feedConfig.polling()) {
      poller.start(config.kafka().bootstrapServers());
    }
    FeedsApi feedsApi = new FeedsApi(feeds, poller, publisher::send, feedConfig.defaultIntervalSeconds(), clock);
    this.http = ServiceHttp.start("ingest-service", config.port(), metrics,
        new ServiceHttp.Health(() -> true, () -> kafkaHealth.ready() && registry.ready(),
            this::checks), config.access(), app -> {
          api.routes(app);
          feedsApi.routes(app);
        });
  }

  private static LanguageDetection loadLanguages() {
    long start = System.nanoTime();
    LanguageDetection languages = new LanguageDetection();
    LOG.info("language models loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
    return languages;
  }

  private static LanguageDetection loaded(CompletableFuture<LanguageDetection> languages) throws InterruptedException {
    try {
      return languages.get(LANGUAGE_MODELS_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the language models were not loaded within " + LANGUAGE_MODELS_WAIT.toSeconds()
          + " s; give ingest-service more CPU or heap (they take ~75 MB)", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the language models could not be loaded: " + e.getCause().getMessage(), e.getCause());
    }
  }

  public static IngestService start(IngestConfig config) {
    try {
      return new IngestService(config);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }

  private Map<String, Object> checks() {
    Map<String, Object> checks = new LinkedHashMap<>(kafkaHealth.report());
    checks.putAll(registry.report());
    return checks;
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
    poller.close();
    fetcher.close();
    feeds.close();
    publisher.close();
    kafkaHealth.close();
    registry.close();
  }
}
