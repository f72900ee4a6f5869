package newsroom.index;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets safe to commit while records are handled out of order: per partition, up to the oldest
 * record still in hand, else past the last one read. A restart then redoes what was in hand (at least
 * once), never skips it.
 */
final class PendingOffsets {
  private final Map<TopicPartition, Long> read = new ConcurrentHashMap<>();
  private final Map<TopicPartition, ConcurrentSkipListSet<Long>> inHand = new ConcurrentHashMap<>();

  void read(TopicPartition partition, long offset) {
    read.merge(partition, offset + 1, Math::max);
  }

  void started(TopicPartition partition, long offset) {
    inHand.computeIfAbsent(partition, p -> new ConcurrentSkipListSet<>()).add(offset);
  }

  void finished(TopicPartition partition, long offset) {
    inHand.getOrDefault(partition, new ConcurrentSkipListSet<>()).remove(offset);
  }

  Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
    read.forEach((partition, next) -> {
      ConcurrentSkipListSet<Long> pending = inHand.get(partition);
      Long oldest = pending == null || pending.isEmpty() ? null : pending.first();
      offsets.put(partition, new OffsetAndMetadata(oldest != null ? oldest : next));
    });
    return offsets;
  }
}
