package newsroom.ingest.feeds;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import newsroom.events.FeedState;
import newsroom.events.FeedSubscription;
import newsroom.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions and poller state, kept in compacted Kafka topics (news.feeds, news.feeds.state) and
 * mirrored here: restored from the beginning at start, then followed, so they survive restarts and
 * are shared by every ingest instance. Writers update the mirror at once and publish to Kafka.
 */
public final class FeedStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedStore.class);

  private final Map<String, FeedSubscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final CountDownLatch restored = new CountDownLatch(1);
  private final Thread reader;
  private volatile boolean running = true;

  public FeedStore(String bootstrapServers) {
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.CLIENT_ID_CONFIG, "ingest-feed-store"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.reader = Thread.ofPlatform().name("feed-store").daemon().start(this::follow);
  }

  /** Blocks until both topics were read to their end once (at start). */
  public void awaitRestored(Duration timeout) throws InterruptedException {
    if (!restored.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("feed subscriptions not restored from Kafka within " + timeout.toSeconds() + " s");
    }
  }

  public List<FeedSubscription> subscriptions() {
    return List.copyOf(subscriptions.values());
  }

  public FeedSubscription subscription(String id) {
    return subscriptions.get(id);
  }

  public FeedState state(String id) {
    return states.get(id);
  }

  void remember(FeedSubscription subscription) {
    subscriptions.put(subscription.getId(), subscription);
  }

  void forget(String id) {
    subscriptions.remove(id);
  }

  void remember(FeedState state) {
    states.put(state.getFeedId(), state);
  }

  private void follow() {
    try {
      List<TopicPartition> partitions = new java.util.ArrayList<>();
      for (String topic : List.of(Topics.FEEDS.name(), Topics.FEED_STATE.name())) {
        consumer.partitionsFor(topic, Duration.ofSeconds(60))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          apply(record);
        }
        if (restored.getCount() > 0 && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          restored.countDown();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("feed store stopped following Kafka", e);
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    String id = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (record.topic().equals(Topics.FEEDS.name())) {
        FeedSubscription subscription = Topics.FEED_SUBSCRIPTION_SERDE.fromBytes(record.value());
        if (subscription == null) {
          subscriptions.remove(id);
        } else {
          subscriptions.put(id, subscription);
        }
      } else if (record.value() != null) {
        FeedState state = Topics.FEED_STATE_SERDE.fromBytes(record.value());
        // Our own writes come back; never let an older one replace what the poller already knows.
        states.merge(id, state, (mine, theirs) -> newer(theirs, mine) ? theirs : mine);
      }
    } catch (RuntimeException e) {
      LOG.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  private static boolean newer(FeedState a, FeedState b) {
    long at = a.getLastPolledAt() == null ? 0 : a.getLastPolledAt().toEpochMilli();
    long bt = b.getLastPolledAt() == null ? 0 : b.getLastPolledAt().toEpochMilli();
    return at > bt;
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
