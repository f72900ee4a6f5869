package newsroom.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import newsroom.schemas.SchemaRegistry;
import newsroom.schemas.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads compacted topics from the beginning, then follows them, handing every record to a
 * callback: how a service keeps a mirror of shared state (feed subscriptions, knowledge-base
 * entries) that survives restarts. No consumer group: every instance reads everything.
 */
public final class TopicFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
  private static final Duration REGISTRY_RETRY = Duration.ofSeconds(2);

  /** One record: its topic and partition, its key as text and its value bytes (null for a tombstone). */
  public record Update(String topic, int partition, String key, byte[] value) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<Topic<?, ?>> topics;
  private final Consumer<Update> apply;
  private final CountDownLatch restored = new CountDownLatch(1);
  private final Queue<CompletableFuture<Void>> catchUps = new ConcurrentLinkedQueue<>();
  private final Thread reader;
  private volatile boolean running = true;
  private volatile String waitingForRegistry;

  public TopicFollower(String bootstrapServers, String clientId, List<Topic<?, ?>> topics, Consumer<Update> apply) {
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.CLIENT_ID_CONFIG, clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = List.copyOf(topics);
    this.apply = apply;
    this.reader = Thread.ofPlatform().name(clientId).daemon().start(this::follow);
  }

  /**
   * Blocks until every topic was read to its end once (at start). Time spent waiting for the schema
   * registry does not count: the service waits for it, however long, and logs that it does.
   */
  public void awaitRestored(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextReport = System.nanoTime();
    while (!restored.await(1, TimeUnit.SECONDS)) {
      String registryProblem = waitingForRegistry;
      if (registryProblem != null) {
        deadline = System.nanoTime() + timeout.toNanos();
        if (System.nanoTime() >= nextReport) {
          LOG.warn("{} not read yet: waiting for the schema registry ({})", names(), registryProblem);
          nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        }
      } else if (System.nanoTime() > deadline) {
        throw new IllegalStateException(names() + " not read from Kafka within " + timeout.toSeconds()
            + " s; check that the brokers are reachable");
      }
    }
  }

  private List<String> names() {
    return topics.stream().map(Topic::name).toList();
  }

  /**
   * Completes once every record written before this call has been handed to the callback: what a
   * caller waits for before acting on the mirror as if it were current (taking over a feed).
   */
  public CompletableFuture<Void> catchUp() {
    CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    catchUps.add(caughtUp);
    return caughtUp;
  }

  private void follow() {
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (Topic<?, ?> topic : topics) {
        consumer.partitionsFor(topic.name(), Duration.ofSeconds(60))
            .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<CompletableFuture<Void>> waiting = new ArrayList<>();
      Map<TopicPartition, Long> waitingEnds = Map.of();
      while (running) {
        if (waiting.isEmpty() && !catchUps.isEmpty()) { // the end offsets now, taken after the callers asked
          for (CompletableFuture<Void> next; (next = catchUps.poll()) != null; ) {
            waiting.add(next);
          }
          waitingEnds = consumer.endOffsets(partitions);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(waiting.isEmpty() ? 500 : 50))) {
          applyOne(record);
        }
        if (restored.getCount() > 0 && reached(ends)) {
          restored.countDown();
        }
        if (!waiting.isEmpty() && reached(waitingEnds)) {
          waiting.forEach(f -> f.complete(null));
          waiting.clear();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("stopped following {}", names(), e);
    } finally {
      consumer.close();
    }
  }

  /**
   * Hands one record to the callback. One it cannot read is skipped; one whose schema the registry could
   * not be asked for is tried again until it can (the mirror must not miss it).
   */
  private void applyOne(ConsumerRecord<byte[], byte[]> record) {
    Update update = new Update(record.topic(), record.partition(), new String(record.key(), StandardCharsets.UTF_8),
        record.value());
    while (running) {
      try {
        apply.accept(update);
      } catch (SchemaRegistry.RegistryException e) {
        if (e.retriable()) {
          waitingForRegistry = e.getMessage();
          pause(REGISTRY_RETRY);
          continue;
        }
        skip(record, e);
      } catch (RuntimeException e) {
        skip(record, e);
      }
      waitingForRegistry = null;
      return;
    }
  }

  private static void skip(ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
    LOG.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    }
  }

    private boolean reached(Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
