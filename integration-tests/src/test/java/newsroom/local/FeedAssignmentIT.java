package newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import newsroom.ingest.feeds.FeedAssignment;
import newsroom.schemas.Topics;
import newsroom.service.KafkaTopics;
import org.junit.jupiter.api.Test;

/**
 * Ingest instances share the news.feeds partitions on a real broker: every partition has exactly
 * one owner, and when an instance leaves its partitions go to the one left, each released by its
 * old owner before the new one takes it over.
 */
class FeedAssignmentIT {
  private static final int PARTITIONS = 2; // what Pipeline gives the topics it creates

  /** Records what the assignment tells the poller, in order. */
  private static final class Recorder implements FeedAssignment.Owner {
    final String name;
    final List<String> events;
    final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    Recorder(String name, List<String> events) {
      this.name = name;
      this.events = events;
    }

    @Override
    public void release(Set<Integer> partitions) {
      owned.removeAll(partitions);
      partitions.forEach(p -> events.add(name + " released " + p));
    }

    @Override
    public void takeOver(Set<Integer> partitions) {
      partitions.forEach(p -> events.add(name + " took " + p));
      owned.addAll(partitions);
    }
  }

  @Test
  void everyPartitionHasOneOwnerAndALeaversPartitionsMoveToTheOther() throws Exception {
    String bootstrap = LocalInfra.shared().kafkaBootstrap();
    KafkaTopics.ensure(bootstrap, List.of(Topics.FEEDS), PARTITIONS, (short) 1);
    List<String> events = new CopyOnWriteArrayList<>();
    Recorder first = new Recorder("first", events);
    Recorder second = new Recorder("second", events);
    FeedAssignment a = new FeedAssignment(bootstrap, first).start();
    try (FeedAssignment b = new FeedAssignment(bootstrap, second).start()) {
      await().atMost(Pipeline.PATIENCE).until(() -> !first.owned.isEmpty() && !second.owned.isEmpty()
          && first.owned.size() + second.owned.size() == PARTITIONS
          && IntStream.range(0, PARTITIONS).allMatch(p -> a.owns(p) || b.owns(p)));
      assertThat(first.owned).doesNotContainAnyElementsOf(second.owned);
      IntStream.range(0, PARTITIONS).forEach(p -> assertThat(a.owns(p)).isNotEqualTo(b.owns(p)));

      Set<Integer> moving = Set.copyOf(first.owned);
      a.close(); // a clean leave: no session timeout to wait for
      await().atMost(Pipeline.PATIENCE).until(() -> second.owned.size() == PARTITIONS
          && IntStream.range(0, PARTITIONS).allMatch(b::owns));
      for (int p : moving) {
        assertThat(events.indexOf("first released " + p)).as("partition %d released before it is taken", p)
            .isNotNegative().isLessThan(events.lastIndexOf("second took " + p));
        assertThat(a.owns(p)).isFalse();
        assertThat(b.owns(p)).isTrue();
      }
    } finally {
      a.close();
    }
  }
}
