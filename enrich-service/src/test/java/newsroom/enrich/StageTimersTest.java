package newsroom.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StageTimersTest {
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final StageTimers stages = new StageTimers(metrics);

  @Test
  void aStageRecordsItsOwnCpuTimeNotThatOfTheStagesItCalls() {
    stages.run("outer", () -> {
      burn(5);
      stages.run("inner", () -> burn(40));
      burn(5);
    });

    double inner = millis("inner");
    double outer = millis("outer");
    assertThat(inner).isGreaterThanOrEqualTo(40);
    assertThat(outer).isBetween(10.0, 30.0); // its own 10 ms (and a little more), without inner's 40
  }

  @Test
  void withoutARegistryTheWorkJustRuns() {
    assertThat(StageTimers.NONE.time("anything", () -> 42)).isEqualTo(42);
  }

  private double millis(String stage) {
    return metrics.find(StageTimers.METRIC).tag("stage", stage).timer().totalTime(TimeUnit.MILLISECONDS);
  }

  /** Spends {@code millis} of this thread's CPU time (not wall time: a loaded machine does not change it). */
  private static void burn(long millis) {
    var threads = ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long spin = 0;
    while (threads.getCurrentThreadCpuTime() < until) {
      spin++;
    }
    assertThat(spin).isPositive();
  }
}
