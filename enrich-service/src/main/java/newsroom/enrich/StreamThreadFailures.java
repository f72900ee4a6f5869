package newsroom.enrich;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a stream thread dies. A broker that fails a transaction's commit as it goes down, or a
 * registry out of reach, is passing: the thread is replaced (exactly-once aborts its transaction and the
 * new thread starts again from the last commit), after a pause. A thread that keeps dying is not passing:
 * after {@value #LIMIT} replacements within {@link #WINDOW} the service stops, so that a supervisor
 * restarts it and someone notices. Registry outages do not count: the service waits for the registry.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);
  static final int LIMIT = 5;
  static final Duration WINDOW = Duration.ofMinutes(10);
  private final Clock clock;
  private final Duration pause;
  private final Deque<Instant> recent = new ArrayDeque<>();

  /** @param pause how long a failed thread waits before it is replaced (not a new thread a millisecond) */
  StreamThreadFailures(Clock clock, Duration pause) {
    this.clock = clock;
    this.pause = pause;
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable error) {
    if (RegistryOutages.caused(error)) {
      LOG.warn("a stream thread stopped: {}; it starts again from its last commit", error.getMessage());
      return pauseAndReplace();
    }
    Instant now = clock.instant();
    while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(WINDOW))) {
      recent.removeFirst();
    }
    if (recent.size() >= LIMIT) {
      LOG.error("a stream thread failed for the {}th time in {} minutes; stopping so that the service can be restarted",
          recent.size() + 1, WINDOW.toMinutes(), error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    recent.addLast(now);
    LOG.error("a stream thread failed; it is replaced and starts again from its last commit", error);
    return pauseAndReplace();
  }

  private StreamThreadExceptionResponse pauseAndReplace() {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }
}
