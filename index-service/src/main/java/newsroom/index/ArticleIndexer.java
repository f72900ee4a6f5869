package newsroom.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import newsroom.events.ArticleEnriched;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.SchemaRegistry;
import newsroom.schemas.Topics;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes news.articles.enriched and writes each article to Elasticsearch with {@code _id} =
 * article id and external version = event_version, so replays and out-of-order delivery never
 * overwrite newer data.
 *
 * <p>Offsets are committed only after every record of a batch is settled: indexed, already
 * superseded by a newer version, or sent to news.index.dlq (acknowledged). While Elasticsearch is
 * unavailable the consumer pauses and retries with jittered backoff; nothing is skipped.
 */
final class ArticleIndexer implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArticleIndexer.class);
  private static final Set<String> SUPERSEDED = Set.of("version_conflict_engine_exception");
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final ElasticsearchClient client;
  private final IndexConfig config;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> deadLetters;
  private final MeterRegistry metrics;
  private final IndexedLanguages languages;
  private final EventSerdes serdes;
  private final Timer bulkTime;
  private volatile boolean running = true;
  private volatile boolean healthy = true;

  ArticleIndexer(ElasticsearchClient client, IndexConfig config, EventSerdes serdes, MeterRegistry metrics,
                 IndexedLanguages languages) {
    this.serdes = serdes;
    this.client = client;
    this.config = config;
    this.metrics = metrics;
    this.languages = languages;
    this.bulkTime = Timer.builder("index.bulk").description("Elasticsearch bulk request time")
        .publishPercentiles(0.5, 0.95, 0.99).register(metrics);
    Map<String, Object> consumerConfig = new HashMap<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
        ConsumerConfig.CLIENT_ID_CONFIG, "index-service",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", // enrich-service writes transactionally
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize()));
    if (config.instanceId() != null) { // static membership: no wait for the session timeout after a crash
      consumerConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
    }
    this.consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.deadLetters = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers(),
        ProducerConfig.CLIENT_ID_CONFIG, "index-service-dlq",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, newsroom.schemas.Topic.MAX_MESSAGE_BYTES),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** False while Elasticsearch refuses writes (readiness reports it). */
  boolean healthy() {
    return healthy;
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(Topics.ARTICLES_ENRICHED.name()));
    try {
      while (running) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
        if (!batch.isEmpty()) {
          settle(batch);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (SchemaRegistry.RegistryException e) {
      if (running) {
        throw e;
      }
      LOG.info("stopped while waiting for the schema registry; the batch is read again after restart");
    } finally {
      consumer.close();
      deadLetters.close();
    }
  }

  /** A record and its event, decoded once however often its indexing is retried. */
  private record Pending(ConsumerRecord<byte[], byte[]> record, ArticleEnriched event) {}

  /** Indexes the batch until every record is settled, then commits its offsets. */
  private void settle(List<ConsumerRecord<byte[], byte[]>> batch) {
    Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets(batch);
    List<Pending> pending = decode(batch);
    int attempt = 0;
    while (!pending.isEmpty()) {
      pending = bulk(pending);
      if (pending.isEmpty()) {
        break;
      }
      healthy = false;
      consumer.pause(consumer.assignment());
      Duration backoff = backoff(++attempt);
      LOG.warn("Elasticsearch did not take {} articles; retry {} in {} ms", pending.size(), attempt, backoff.toMillis());
      metrics.counter("index.retries").increment();
      // Polling while paused keeps the group membership alive; records of newly assigned
      // partitions join the batch so none is skipped.
      List<ConsumerRecord<byte[], byte[]>> more = new ArrayList<>();
      consumer.poll(backoff).forEach(more::add);
      if (!more.isEmpty()) {
        offsets.putAll(nextOffsets(more));
        pending.addAll(decode(more));
      }
      if (!running) {
        return; // not committed: the records are delivered again after restart
      }
    }
    healthy = true;
    consumer.resume(consumer.paused());
    offsets.keySet().retainAll(consumer.assignment());
    try {
      consumer.commitSync(offsets);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // Another member owns these partitions now; it re-reads them and indexing is idempotent.
      LOG.info("offsets not committed after a rebalance: {}", e.getMessage());
    }
  }

  /** Decodes records: unreadable ones go to the DLQ at once. Returns those to index (copies too: each is its own document). */
  private List<Pending> decode(List<ConsumerRecord<byte[], byte[]>> records) {
    List<Pending> readable = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (record.value() == null) {
        continue; // tombstone: nothing to index
      }
      ArticleEnriched event;
      try {
        event = read(record);
      } catch (SchemaRegistry.RegistryException e) {
        if (e.retriable()) {
          throw e; // stopping while the registry was out of reach: nothing committed, read again after restart
        }
        deadLetter(record, "unreadable event: " + e.getMessage());
        continue;
      } catch (RuntimeException e) {
        deadLetter(record, "unreadable event: " + e.getMessage());
        continue;
      }
      readable.add(new Pending(record, event));
    }
    return readable;
  }

  /**
   * The event in a record. A registry out of reach is no fault of the record: wait for it (not ready
   * meanwhile) rather than dead-letter an event that is fine.
   */
  private ArticleEnriched read(ConsumerRecord<byte[], byte[]> record) {
    for (int attempt = 1; ; attempt++) {
      try {
        ArticleEnriched event = serdes.read(Topics.ARTICLES_ENRICHED, record.value());
        if (attempt > 1) {
          healthy = true;
          LOG.info("the schema registry answers again");
        }
        return event;
      } catch (SchemaRegistry.RegistryException e) {
        if (!e.retriable() || !running) {
          throw e;
        }
        healthy = false;
        Duration backoff = backoff(attempt);
        LOG.warn("{}; reading {} again in {} ms", e.getMessage(), record.topic() + "-" + record.partition() + "@"
            + record.offset(), backoff.toMillis());
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

    /** One bulk request; returns what must be retried. */
  private List<Pending> bulk(List<Pending> pending) {
    // Within a batch only the newest version of an article matters.
    Map<String, Pending> latest = new LinkedHashMap<>();
    for (Pending p : pending) {
      latest.merge(p.event().getArticle().getId(), p,
          (a, b) -> a.event().getEventVersion() >= b.event().getEventVersion() ? a : b);
    }
    metrics.counter("index.documents", "outcome", "superseded_in_batch").increment(pending.size() - latest.size());
    List<Pending> sent = new ArrayList<>(latest.values());
    List<BulkOperation> operations = new ArrayList<>();
    for (Pending p : sent) {
      ArticleEnriched event = p.event();
      languages.saw(event.getArticle().getLanguage());
      operations.add(BulkOperation.of(op -> op.index(i -> i
          .index(config.alias())
          .id(event.getArticle().getId())
          .version(event.getEventVersion())
          .versionType(VersionType.External)
          .document(ArticleDocument.of(event)))));
    }
    BulkResponse response;
    long start = System.nanoTime();
    try {
      response = client.bulk(b -> b.operations(operations));
    } catch (Exception e) {
      LOG.warn("bulk request failed: {}", e.toString());
      return sent;
    } finally {
      bulkTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
    List<Pending> retry = new ArrayList<>();
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      BulkResponseItem item = items.get(i);
      ErrorCause error = item.error();
      if (error == null) {
        metrics.counter("index.documents", "outcome", "indexed").increment();
      } else if (SUPERSEDED.contains(error.type())) {
        metrics.counter("index.documents", "outcome", "superseded").increment(); // newer version already indexed
      } else if (item.status() == 429 || item.status() >= 500) {
        retry.add(sent.get(i));
      } else {
        deadLetter(sent.get(i).record(), error.type() + ": " + error.reason());
      }
    }
    return retry;
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    LOG.error("article at {}-{}@{} goes to {}: {}", record.topic(), record.partition(), record.offset(),
        Topics.INDEX_DLQ.name(), reason);
    ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(Topics.INDEX_DLQ.name(), record.key(), record.value());
    dead.headers().add("error.reason", reason.getBytes(StandardCharsets.UTF_8));
    dead.headers().add("error.source", (record.topic() + "-" + record.partition() + "@" + record.offset())
        .getBytes(StandardCharsets.UTF_8));
    try {
      deadLetters.send(dead).get(30, TimeUnit.SECONDS); // acknowledged before the offset is committed
    } catch (Exception e) {
      throw new IllegalStateException("cannot write to " + Topics.INDEX_DLQ.name() + "; not committing", e);
    }
    metrics.counter("index.documents", "outcome", "dead_letter").increment();
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      offsets.merge(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    return offsets;
  }

  /** Exponential backoff from 200 ms to 30 s with full jitter. */
  static Duration backoff(int attempt) {
    long cap = Math.min(MAX_BACKOFF.toMillis(), 200L << Math.min(attempt, 10));
    return Duration.ofMillis(100 + ThreadLocalRandom.current().nextLong(cap));
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}
