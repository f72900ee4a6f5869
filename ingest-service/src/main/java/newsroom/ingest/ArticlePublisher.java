package newsroom.ingest;

import java.util.concurrent.CompletableFuture;
import newsroom.events.ArticleIngested;
import newsroom.events.IngestRejection;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topic;
import newsroom.schemas.Topics;
import newsroom.service.TopicPublisher;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes articles (and rejections, feed records) with an idempotent, acks=all producer. */
final class ArticlePublisher implements AutoCloseable {
  private final TopicPublisher publisher;

  ArticlePublisher(IngestConfig config, EventSerdes serdes) {
    this.publisher = new TopicPublisher(config.kafka().bootstrapServers(), serdes, "ingest-service", config.ackTimeoutMs());
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
    return publisher.send(topic, key, value);
  }

  @Override
  public void close() {
    publisher.close();
  }
}
