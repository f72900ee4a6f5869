package newsroom.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Reads and writes raw records for assertions, outside any consumer group. */
final class KafkaProbe {
  private final String bootstrap;

  KafkaProbe(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /**
   * Committed records of {@code topic} matching {@code filter}, read from the beginning until
   * {@code until} holds or {@code timeout} runs out (then whatever was found, for the assertion to judge).
   */
  List<ConsumerRecord<byte[], byte[]>> read(String topic, Predicate<ConsumerRecord<byte[], byte[]>> filter,
                                             Predicate<List<ConsumerRecord<byte[], byte[]>>> until, Duration timeout) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      seekToBeginning(consumer, topic);
      List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline) && !until.test(found)) {
        poll(consumer, filter, found);
      }
      return found;
    }
  }

  /**
   * Every committed record of {@code topic} matching {@code filter} up to the end of the topic as it
   * is now: for "exactly these and no more" checks, which must not depend on how fast the machine reads.
   */
  List<ConsumerRecord<byte[], byte[]>> readToEnd(String topic, Predicate<ConsumerRecord<byte[], byte[]>> filter) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = seekToBeginning(consumer, topic);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // read_committed: the last stable offsets
      List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      Instant deadline = Instant.now().plus(Pipeline.PATIENCE);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("could not read " + topic + " to its end within " + Pipeline.PATIENCE);
        }
        poll(consumer, filter, found);
      }
      return found;
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static List<TopicPartition> seekToBeginning(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  private static void poll(KafkaConsumer<byte[], byte[]> consumer, Predicate<ConsumerRecord<byte[], byte[]>> filter,
                           List<ConsumerRecord<byte[], byte[]>> found) {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      if (filter.test(record)) {
        found.add(record);
      }
    }
  }

  void send(String topic, byte[] key, byte[] value) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }
}
