package newsroom.ingest;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import newsroom.events.ArticleIngested;
import newsroom.events.IngestRejection;
import newsroom.schemas.Topic;
import newsroom.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes articles (and rejections) with an idempotent, acks=all producer. */
final class ArticlePublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  ArticlePublisher(IngestConfig config) {
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers(),
        ProducerConfig.CLIENT_ID_CONFIG, "ingest-service",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topic.MAX_MESSAGE_BYTES,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, config.ackTimeoutMs(),
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, config.ackTimeoutMs(),
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(config.ackTimeoutMs() - 10, 30_000)),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Completes once the broker acknowledged the article (all in-sync replicas have it). */
  CompletableFuture<RecordMetadata> publish(ArticleIngested article) {
    return send(Topics.ARTICLES_INGESTED, article.getId(), article);
  }

  CompletableFuture<RecordMetadata> reject(IngestRejection rejection) {
    return send(Topics.INGEST_REJECTED, rejection.getSource(), rejection);
  }

  /** Any record of the catalogue (feed subscriptions, feed state, health events). */
  <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(topic.name(),
              topic.keySerde().serializer().serialize(topic.name(), key),
              topic.valueSerde().serializer().serialize(topic.name(), value)),
          (metadata, error) -> {
            if (error != null) {
              acked.completeExceptionally(error);
            } else {
              acked.complete(metadata);
            }
          });
    } catch (RuntimeException e) { // e.g. metadata not available within max.block.ms
      acked.completeExceptionally(e);
    }
    return acked;
  }

  @Override
  public void close() {
    producer.close();
  }
}
