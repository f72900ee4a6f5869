package newsroom.ingest.feeds;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import newsroom.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which feeds this instance polls. Every polling ingest instance joins one consumer group on
 * news.feeds and polls the feeds whose subscriptions are in the partitions the group gives it, so
 * each feed has exactly one poller while any instance lives. The group's records are never read
 * (the partitions stay paused): membership is all it is for. When an instance dies its partitions
 * move to the others once the group misses its heartbeats ({@link #SESSION_TIMEOUT}); when one
 * joins or leaves cleanly, only the partitions that move change hands (cooperative rebalancing).
 *
 * <p>Hand-over order keeps a feed from being polled twice in one interval: the old owner gives a
 * partition back only after the polls it had started on it ended and their state was acknowledged
 * ({@link Owner#release}), and the new owner starts only once its mirror of news.feeds.state holds
 * that state ({@link Owner#takeOver}), so it schedules from the last poll, not from scratch.
 */
public final class FeedAssignment implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedAssignment.class);
  /** How long a dead instance's feeds wait before another instance takes them. */
  public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
  static final String GROUP = "ingest-feed-pollers";

  /** What the poller does when partitions come and go (called on the assignment thread). */
  public interface Owner {
    /** Partitions this instance no longer polls: finish what is in flight on them. */
    void release(Set<Integer> partitions);

    /** Partitions this instance polls from now on: bring the mirror up to date first. */
    void takeOver(Set<Integer> partitions);
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Owner owner;
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private final Thread member;
  private volatile boolean running = true;

  public FeedAssignment(String bootstrapServers, Owner owner) {
    this.owner = owner;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, GROUP,
        ConsumerConfig.CLIENT_ID_CONFIG, "ingest-feed-assignment",
        ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic", // the client sets the session timeout
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis(),
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis() / 4,
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.member = Thread.ofPlatform().name("feed-assignment").daemon().unstarted(this::takePart);
  }

  public FeedAssignment start() {
    member.start();
    return this;
  }

  /** Whether this instance polls the feeds of that news.feeds partition now. */
  public boolean owns(int partition) {
    return owned.contains(partition);
  }

  private void takePart() {
    try {
      consumer.subscribe(List.of(Topics.FEEDS.name()), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          Set<Integer> numbers = numbers(partitions);
          owned.removeAll(numbers);
          owner.release(numbers);
          LOG.info("feeds of news.feeds partitions {} handed over", numbers);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
          onPartitionsRevoked(partitions); // the group moved on without us: stop polling them at once
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          consumer.pause(partitions);
          Set<Integer> numbers = numbers(partitions);
          if (!numbers.isEmpty()) {
            owner.takeOver(numbers);
            owned.addAll(numbers);
            LOG.info("polling the feeds of news.feeds partitions {} (all mine: {})", numbers, owned);
          }
        }
      });
      while (running) {
        consumer.poll(Duration.ofMillis(500)); // keeps the membership; paused partitions return nothing
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("left the feed pollers' group; this instance polls no feeds until it restarts", e);
      owned.clear();
    } finally {
      consumer.close(); // a clean leave: the others take our partitions without waiting for the timeout
    }
  }

  private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
  }

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      member.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
