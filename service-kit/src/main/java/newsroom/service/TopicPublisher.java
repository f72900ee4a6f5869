package newsroom.service;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes records of the topic catalogue with an idempotent, acks=all producer. */
public final class TopicPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final EventSerdes serdes;

  /** @param ackTimeoutMs how long a send may wait for metadata and for the acknowledgement */
  public TopicPublisher(String bootstrapServers, EventSerdes serdes, String clientId, int ackTimeoutMs) {
    this.serdes = serdes;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, clientId,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topic.MAX_MESSAGE_BYTES,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeoutMs,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ackTimeoutMs,
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(ackTimeoutMs - 10, 30_000)),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Completes once the broker acknowledged the record (all in-sync replicas have it); null value = tombstone. */
  public <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(topic.name(),
              topic.keySerde().serializer().serialize(topic.name(), key),
              value == null ? null : serdes.values(topic).serializer().serialize(topic.name(), value)),
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

  /**
   * Waits for an acknowledgement; a refusal or a timeout becomes a 503 problem for the API caller
   * (nothing was changed). For APIs that must not answer before Kafka has the change.
   */
  public static void awaitAcknowledged(CompletableFuture<?> ack, long timeoutSeconds) throws InterruptedException {
    try {
      ack.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new Problem.Exception(Problem.of(503, "Kafka unavailable",
          "The change was not acknowledged by Kafka (" + (e.getCause() != null ? e.getCause() : e) + "); retry shortly."));
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
