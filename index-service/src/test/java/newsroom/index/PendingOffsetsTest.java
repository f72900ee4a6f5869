package newsroom.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {
  private static final TopicPartition P0 = new TopicPartition("news.alerts", 0);
  private static final TopicPartition P1 = new TopicPartition("news.alerts", 1);

  @Test
  void commitsOnlyUpToTheOldestRecordStillInHand() {
    PendingOffsets offsets = new PendingOffsets();
    for (long offset = 10; offset <= 14; offset++) {
      offsets.read(P0, offset);
    }
    offsets.started(P0, 11);
    offsets.started(P0, 13);
    offsets.read(P1, 3);
    assertThat(offsets.committable().get(P0).offset()).isEqualTo(11);
    assertThat(offsets.committable().get(P1).offset()).isEqualTo(4); // nothing in hand: past the last read

    offsets.finished(P0, 13); // finishing out of order moves nothing
    assertThat(offsets.committable().get(P0).offset()).isEqualTo(11);
    offsets.finished(P0, 11);
    assertThat(offsets.committable().get(P0).offset()).isEqualTo(15);
  }
}
