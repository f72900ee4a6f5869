package newsroom.service;

import java.util.List;
import newsroom.schemas.Topic;

/** Kafka settings every service reads the same way. */
public record KafkaSettings(String bootstrapServers, int partitions, short replicas) {

  public static KafkaSettings from(Settings settings) {
    return new KafkaSettings(
        settings.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "Kafka brokers, host:port[,host:port…]"),
        settings.integer("NEWSROOM_TOPIC_PARTITIONS", 3, 1, 1_000,
            "Partitions of the topics a service creates when they are missing"),
        (short) settings.integer("NEWSROOM_TOPIC_REPLICAS", 1, 1, 10,
            "Replication factor of the topics a service creates (use 3 on a real cluster)"));
  }

  /** Creates any of {@code topics} that does not exist yet. */
  public void ensureTopics(List<Topic<?, ?>> topics) {
    KafkaTopics.ensure(bootstrapServers, topics, partitions, replicas);
  }
}
