package newsroom.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsroom chaos}: a fault-injection run on a fresh local cluster, and what it lost or duplicated. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "Start a fresh local cluster, stream distinct articles at a steady rate while SIGKILLing and restarting"
        + " every service instance, the leader broker and an Elasticsearch node, then count what was lost or duplicated."
        + " Exits 1 unless nothing was.")
final class ChaosCommand implements Callable<Integer> {
  @Option(names = "--articles", defaultValue = "20000", description = "Articles to send (default: ${DEFAULT-VALUE})")
  int articles;
  @Option(names = "--rate", defaultValue = "10", description = "Articles per second: a steady pace this 2-core machine"
      + " sustains on the cluster (default: ${DEFAULT-VALUE})")
  double rate;
  @Option(names = "--kills", defaultValue = "2", description = "Times each service instance is killed (default: ${DEFAULT-VALUE})")
  int kills;
  @Option(names = "--downtime", defaultValue = "5", description = "Seconds a killed part stays down (default: ${DEFAULT-VALUE})")
  int downtime;
  @Option(names = "--cut", defaultValue = "50", description = "Seconds an enrich instance is cut off the network, longer"
      + " than its group's 45 s session timeout (0: no cut; needs root and iproute2) (default: ${DEFAULT-VALUE})")
  int cut;
  @Option(names = "--brokers", defaultValue = "3", description = "Kafka brokers (default: ${DEFAULT-VALUE})")
  int brokers;
  @Option(names = "--elasticsearch-nodes", defaultValue = "2", description = "Elasticsearch nodes (default: ${DEFAULT-VALUE})")
  int elasticsearchNodes;
  @Option(names = "--instances", defaultValue = "2", description = "Instances of each service (default: ${DEFAULT-VALUE})")
  int instances;
  @Option(names = "--data", defaultValue = ".newsroom-chaos", description = "Folder for the cluster's data and logs,"
      + " emptied first (default: ${DEFAULT-VALUE})")
  Path data;
  @Option(names = "--base-port", defaultValue = "" + ChaosRun.DEFAULT_BASE_PORT, description = "First of the ports the"
      + " cluster uses: Kafka from it, Elasticsearch from +20, services from +30, +100 per instance (default: ${DEFAULT-VALUE})")
  int basePort;

  @Override
  public Integer call() throws Exception {
    if (articles < 1 || rate <= 0 || kills < 0 || downtime < 0 || cut < 0 || brokers < 1 || elasticsearchNodes < 1 || instances < 1
        || brokers > 9 || elasticsearchNodes > 9 || instances > 9) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--articles and --rate must be positive, --kills and"
          + " --downtime and --cut at least 0, --brokers, --elasticsearch-nodes and --instances 1 to 9");
    }
    Path home = data.toAbsolutePath().normalize();
    empty(home);
    ChaosRun.Report report = ChaosRun.run(new ChaosRun.Plan(brokers, elasticsearchNodes, instances, articles, rate, kills,
        Duration.ofSeconds(downtime), Duration.ofSeconds(cut), home, basePort), System.out);
    ChaosRun.print(report, System.out);
    System.out.println("logs kept in " + home.resolve("logs"));
    return report.clean() ? 0 : 1;
  }

  /** Deletes the folder's contents and makes sure it exists. */
  static void empty(Path home) throws java.io.IOException {
    if (Files.exists(home)) {
      try (Stream<Path> files = Files.walk(home)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(home);
  }
}
