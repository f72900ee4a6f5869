package newsroom.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import newsroom.schemas.SchemaRegistry;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailuresTest {
  private Instant now = Instant.parse("2025-05-01T12:00:00Z");
  private final StreamThreadFailures failures = new StreamThreadFailures(new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }, Duration.ZERO);

  @Test
  void aPassingFailureReplacesTheThreadAndOneThatKeepsComingStopsTheService() {
    StreamsException commitFailed = new StreamsException("Error encountered trying to commit a transaction");
    for (int i = 0; i < StreamThreadFailures.LIMIT; i++) {
      assertThat(failures.handle(commitFailed)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
    assertThat(failures.handle(commitFailed)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);

    now = now.plus(StreamThreadFailures.WINDOW).plus(Duration.ofSeconds(1)); // the earlier ones are history
    assertThat(failures.handle(commitFailed)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void aRegistryOutageNeverStopsTheService() {
    StreamsException registryDown = new StreamsException(new SchemaRegistry.RegistryException("down", true));
    for (int i = 0; i < 2 * StreamThreadFailures.LIMIT; i++) {
      assertThat(failures.handle(registryDown)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
  }
}
