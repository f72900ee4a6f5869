package newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import newsroom.tools.ChaosRun;
import org.junit.jupiter.api.Test;

/**
 * The CI form of {@code ./newsroom chaos}: a 3-broker Kafka cluster, 2 Elasticsearch nodes and 2
 * instances of each service and of the schema registry, every service instance killed once, the leader
 * broker, an Elasticsearch node and a registry instance too, while articles stream in. Nothing may be lost, duplicated or added, a subscribed feed must be
 * polled once per interval throughout, and everything must be healthy at the end. Timings are reported, never asserted: this machine may be loaded.
 */
class ChaosIT {
  @Test
  void aClusterLosesAndDuplicatesNothingWhileEveryPartIsKilledAndRestarted() throws Exception {
    // World-traversable: when tests run as root, Elasticsearch runs as an unprivileged user.
    Path home = Files.createTempDirectory("newsroom-chaos-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    boolean cut = NetworkNamespace.unavailable().isEmpty();
    if (!cut) {
      System.out.println("ChaosIT: no network cut, " + NetworkNamespace.unavailable().get());
    }
    ChaosRun.Report report = ChaosRun.run(new ChaosRun.Plan(3, 2, 2, 600, 3.0, 1, Duration.ofSeconds(2),
        Duration.ofSeconds(50), home, freeBasePort()), System.out);
    ChaosRun.print(report, System.out);

    // 2 × 3 service instances, the leader broker, a registry instance, an Elasticsearch node, and the cut
    // where it can be made
    assertThat(report.faults()).hasSize(cut ? 10 : 9);
    assertThat(report.accepted()).isEqualTo(600);
    assertThat(report.lost()).as("accepted but never searchable").isZero();
    assertThat(report.extra()).as("indexed but never accepted").isZero();
    assertThat(report.duplicated()).as("more than one committed enriched event for an id").isZero();
    assertThat(report.enrichedEvents()).isEqualTo(600);
    assertThat(report.unhealthy()).isEmpty();
    // Both ingest instances die in turn, so whichever polled the feed died and the other took it over.
    assertThat(report.feed().steady()).as("a feed polled once per interval throughout: %s", report.feed()).isTrue();
    TestFolders.delete(home); // kept, with its logs, when an assertion above fails
  }

  /** A base port whose whole range (Kafka, Elasticsearch HTTP and transport, two instances of the services) is free. */
  private static int freeBasePort() throws IOException {
    Random random = new Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 20_000 + random.nextInt(120) * 100; // below the ephemeral ports (32768 on) clients take
      List<Integer> ports = IntStream.of(0, 1, 2, 3, 4, 5, 20, 21, 120, 121, 30, 31, 32, 130, 131, 132)
          .map(offset -> base + offset).boxed().toList();
      if (ports.stream().allMatch(ChaosIT::free)) {
        return base;
      }
    }
    throw new IOException("no free range of ports for the cluster");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
