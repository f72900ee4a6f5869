package newsroom.schemas;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic: its name, the serde of its keys and the type of its values ({@link EventSerdes#values} gives
 * their serde, which needs the schema registry).
 *
 * @param compacted whether the topic keeps the latest value per key forever (cleanup.policy=compact)
 * @param writtenBy what writes its records (for consumers: the AsyncAPI document, {@link AsyncApi})
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Class<V> valueType, boolean compacted, String doc,
                          String writtenBy) {

  /** Largest record a topic accepts: long articles with their entities fit comfortably. */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  public NewTopic newTopic(int partitions, short replicationFactor) {
    String policy = compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
    return new NewTopic(name, partitions, replicationFactor).configs(Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, policy,
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES),
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas(replicationFactor))));
  }

  /**
   * Replicas that must have a write before it is acknowledged: all but one, so that a topic keeps
   * accepting writes with one broker down and no acknowledged write lives on a single broker.
   */
  public static int minInSyncReplicas(short replicationFactor) {
    return Math.max(1, replicationFactor - 1);
  }
}
