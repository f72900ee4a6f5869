package newsroom.ingest.feeds;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.events.FeedState;
import newsroom.events.FeedSubscription;
import newsroom.events.SourceStatus;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topics;
import newsroom.service.TopicFollower;

/**
 * Subscriptions and poller state, kept in compacted Kafka topics (news.feeds, news.feeds.state) and
 * mirrored here: restored from the beginning at start, then followed, so they survive restarts and
 * are shared by every ingest instance. Writers update the mirror at once and publish to Kafka. The
 * last health announced for each feed (news.sources.health) is mirrored too, so that a restarted
 * instance or a feed's new owner announces only real changes.
 */
public final class FeedStore implements AutoCloseable {
  private final Map<String, FeedSubscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private final Map<String, Integer> partitions = new ConcurrentHashMap<>();
  private final Map<String, SourceStatus> announced = new ConcurrentHashMap<>();
  private final TopicFollower follower;
  private final EventSerdes serdes;

  public FeedStore(String bootstrapServers, EventSerdes serdes) {
    this.serdes = serdes;
    this.follower = new TopicFollower(bootstrapServers, "ingest-feed-store",
        List.of(Topics.FEEDS, Topics.FEED_STATE, Topics.SOURCES_HEALTH), this::apply);
  }

  /** Blocks until the topics were read to their end once (at start). */
  public void awaitRestored(Duration timeout) throws InterruptedException {
    follower.awaitRestored(timeout);
  }

  public List<FeedSubscription> subscriptions() {
    return List.copyOf(subscriptions.values());
  }

  /** The news.feeds partition the subscription is in (what decides which instance polls it), or -1 until read back. */
  public int partitionOf(String id) {
    return partitions.getOrDefault(id, -1);
  }

  /** Completes when everything already written to the topics is in the mirror. */
  public CompletableFuture<Void> catchUp() {
    return follower.catchUp();
  }

  public FeedSubscription subscription(String id) {
    return subscriptions.get(id);
  }

  public FeedState state(String id) {
    return states.get(id);
  }

  /** The health last announced for the feed on news.sources.health; null when none was (or it expired). */
  public SourceStatus announced(String id) {
    return announced.get(id);
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

  private void apply(TopicFollower.Update update) {
    if (update.topic().equals(Topics.FEEDS.name())) {
      FeedSubscription subscription = serdes.read(Topics.FEEDS, update.value());
      if (subscription == null) {
        subscriptions.remove(update.key());
        partitions.remove(update.key());
      } else {
        subscriptions.put(update.key(), subscription);
        partitions.put(update.key(), update.partition());
      }
    } else if (update.topic().equals(Topics.SOURCES_HEALTH.name())) {
      if (update.value() != null) {
        announced.put(update.key(), serdes.read(Topics.SOURCES_HEALTH, update.value()).getStatus());
      }
    } else if (update.value() != null) {
      FeedState state = serdes.read(Topics.FEED_STATE, update.value());
      // Our own writes come back; never let an older one replace what the poller already knows.
      states.merge(update.key(), state, (mine, theirs) -> newer(theirs, mine) ? theirs : mine);
    }
  }

  private static boolean newer(FeedState a, FeedState b) {
    long at = a.getLastPolledAt() == null ? 0 : a.getLastPolledAt().toEpochMilli();
    long bt = b.getLastPolledAt() == null ? 0 : b.getLastPolledAt().toEpochMilli();
    return at > bt;
  }

  @Override
  public void close() {
    follower.close();
  }
}
