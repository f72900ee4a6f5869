package newsroom.enrich;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import newsroom.enrich.entities.CoreNlpRecognizer;
import newsroom.enrich.entities.Recognizers;
import newsroom.kb.KnowledgeBaseVersions;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topic;
import newsroom.schemas.Topics;
import newsroom.service.AccessControl;
import newsroom.service.KafkaHealth;
import newsroom.service.SchemaRegistryReadiness;
import newsroom.service.ServiceHttp;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running enrich-service: the Kafka Streams app plus its health and metrics endpoint. */
public final class EnrichService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichService.class);

  private final KafkaStreams streams;
  private final Javalin http;
  private final KafkaStreamsMetrics streamsMetrics;
  private final KafkaHealth kafkaHealth;
  private final SchemaRegistryReadiness registry;
  private final Closeable importedKnowledgeBase;
  private static final Duration KB_CHECK_INTERVAL = Duration.ofSeconds(30);
  /** The catalogue's topics the topology writes (its changelogs and repartition topics aside). */
  private static final List<Topic<?, ?>> WRITTEN = List.of(Topics.ARTICLES_ENRICHED, Topics.STORIES, Topics.ALERTS,
      Topics.ENRICH_REQUESTS, Topics.ENRICH_DLQ);

  private EnrichService(EnrichConfig config) {
    config.kafka().ensureTopics(List.of(Topics.ARTICLES_INGESTED, Topics.ARTICLES_ENRICHED, Topics.ENRICH_DLQ,
        Topics.ENTITIES_KB, Topics.ENRICH_REQUESTS, Topics.STORIES, Topics.TOPIC_MODELS, Topics.TOPIC_RULES,
        Topics.ALERT_SUBSCRIPTIONS, Topics.ALERTS));
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics); // live heap after GC: what a soak watches
    EnrichTopology.Tables tables = EnrichTopology.Tables.create();
    this.importedKnowledgeBase = config.knowledgeBaseDir() == null ? () -> { }
        : tables.knowledgeBase().follow(new KnowledgeBaseVersions(config.knowledgeBaseDir()), KB_CHECK_INTERVAL);
    Enricher enricher = new Enricher(
        Recognizers.of(new CoreNlpRecognizer(config.nerModel()), config.languages()), Clock.systemUTC(), tables.knowledgeBase(),
        tables.topicModels(), tables.topicRules(), new StageTimers(metrics));
    EventSerdes serdes = config.kafka().eventSerdes();
    this.registry = new SchemaRegistryReadiness(serdes, WRITTEN);
    this.streams = new KafkaStreams(EnrichTopology.build(enricher, tables, config.topology(), serdes, metrics),
        streamsProperties(config));
    this.streams.setUncaughtExceptionHandler(new StreamThreadFailures(Clock.systemUTC(), Duration.ofSeconds(2)));
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(metrics);
    // Its global tables and changelogs are read through the registry: it starts once the registry answers.
    registry.registered().thenRun(streams::start);
    this.kafkaHealth = new KafkaHealth(config.kafka().bootstrapServers(), WRITTEN)
        .measureLag("enrich", config.applicationId(), List.of(Topics.ARTICLES_INGESTED), metrics).start(metrics);
    this.http = ServiceHttp.start("enrich-service", config.port(), metrics,
        new ServiceHttp.Health(this::live, () -> streams.state() == KafkaStreams.State.RUNNING && kafkaHealth.ready() && registry.ready(),
            this::checks), AccessControl.OFF, app -> { });
  }

  public static EnrichService start(EnrichConfig config) {
    return new EnrichService(config);
  }

  static Properties streamsProperties(EnrichConfig config) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.ENRICH_DLQ.name());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, RegistryOutages.Deserialization.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RegistryOutages.Processing.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replicas());
    props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
        Integer.toString(Topic.minInSyncReplicas(config.kafka().replicas())));
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
    // KIP-892: without it, exactly-once wipes a crashed instance's stores and restores them from the changelogs
    props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, config.transactionalState());
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topic.MAX_MESSAGE_BYTES);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    if (config.instanceId() != null) { // static membership: no wait for the session timeout after a crash
      props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), config.instanceId());
    }
    // NER takes ~30 ms an article: keep poll batches small enough to stay well inside the poll interval.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 100);
    return props;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  private java.util.Map<String, Object> checks() {
    java.util.Map<String, Object> checks = new java.util.LinkedHashMap<>();
    checks.put("streams", streams.state().name());
    checks.putAll(kafkaHealth.report());
    checks.putAll(registry.report());
    return checks;
  }

  private boolean live() {
    KafkaStreams.State state = streams.state();
    return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
        && state != KafkaStreams.State.PENDING_ERROR;
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
    kafkaHealth.close();
    registry.close();
    streamsMetrics.close();
    streams.close();
    try {
      importedKnowledgeBase.close();
    } catch (java.io.IOException e) {
      LOG.warn("closing the imported knowledge base: {}", e.getMessage());
    }
  }
}
