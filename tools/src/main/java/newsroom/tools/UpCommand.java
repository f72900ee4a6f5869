package newsroom.tools;

import newsroom.local.ChildProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsroom up}: Kafka, Elasticsearch and the three services on this machine, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Kafka, Elasticsearch and the three services locally (one of each, or clusters and several"
        + " instances); Ctrl-C stops them all.")
final class UpCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = ".newsroom", description = "Folder for data and logs (default: ${DEFAULT-VALUE})")
  Path data;
  @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default: ${DEFAULT-VALUE}); its controller uses port+1, broker i of a cluster port+2(i-1)")
  int kafkaPort;
  @Option(names = "--elasticsearch-port", defaultValue = "9200", description = "Elasticsearch HTTP port (default: ${DEFAULT-VALUE}); node i of a cluster port+i-1, transport +100")
  int elasticsearchPort;
  @Option(names = "--ingest-port", defaultValue = "8081", description = "ingest API port (default: ${DEFAULT-VALUE})")
  int ingestPort;
  @Option(names = "--enrich-port", defaultValue = "8082", description = "enrich health port (default: ${DEFAULT-VALUE})")
  int enrichPort;
  @Option(names = "--search-port", defaultValue = "8083", description = "search API port (default: ${DEFAULT-VALUE})")
  int searchPort;
  @Option(names = "--registry-port", defaultValue = "8085",
      description = "schema registry port (default: ${DEFAULT-VALUE}); its health uses port+1")
  int registryPort;
  @Option(names = "--elasticsearch-heap", defaultValue = "512m", description = "Elasticsearch heap (default: ${DEFAULT-VALUE})")
  String elasticsearchHeap;
  @Option(names = "--kafka-heap", defaultValue = "256m", description = "Kafka heap (default: ${DEFAULT-VALUE})")
  String kafkaHeap;
  @Option(names = "--service-heap", defaultValue = "256m", description = "ingest and index heap (default: ${DEFAULT-VALUE})")
  String serviceHeap;
  @Option(names = "--enrich-heap", defaultValue = "1280m",
      description = "enrich heap: English recognition and state take ~350 MB, Spanish and German add ~410 MB once used (default: ${DEFAULT-VALUE})")
  String enrichHeap;

  @Option(names = "--brokers", defaultValue = "1",
      description = "Kafka brokers: 3 or more make a cluster whose topics have 3 replicas, 2 of them in sync (default: ${DEFAULT-VALUE})")
  int brokers;
  @Option(names = "--elasticsearch-nodes", defaultValue = "1",
      description = "Elasticsearch nodes: 2 or more make a cluster whose index has a replica of each shard (default: ${DEFAULT-VALUE})")
  int elasticsearchNodes;
  @Option(names = "--instances", defaultValue = "1",
      description = "Instances of each service; instance i listens on the ports above + 100 × (i - 1) (default: ${DEFAULT-VALUE})")
  int instances;

  private volatile LocalStack stack;
  private volatile boolean stopping;

  @Override
  public Integer call() throws Exception {
    if (brokers < 1 || elasticsearchNodes < 1 || instances < 1 || brokers > 9 || elasticsearchNodes > 9 || instances > 9) {
      System.err.println("newsroom: --brokers, --elasticsearch-nodes and --instances take 1 to 9");
      return 2;
    }
    Path home = data.toAbsolutePath().normalize();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopAll();
      stop.countDown();
    }, "newsroom-stop"));

    LocalStack.Layout layout = new LocalStack.Layout(home, brokers, elasticsearchNodes, instances, kafkaPort,
        elasticsearchPort, ingestPort, enrichPort, searchPort, registryPort, kafkaHeap, elasticsearchHeap, serviceHeap, enrichHeap);
    try {
      stack = new LocalStack(layout, UpCommand::step);
      stack.start();
    } catch (RuntimeException e) {
      System.err.println("newsroom: could not start: " + e.getMessage());
      stopAll();
      return 1;
    }
    System.out.printf("newsroom ready: search page %s/  ingest %s/v1/articles  search %s/v1/search"
            + "  enrich http://localhost:%d/health/ready  kafka %s  elasticsearch %s  schema registry %s  (API key in %s; logs in %s; Ctrl-C stops)%n",
        stack.searchUrl(1), stack.ingestUrl(1), stack.searchUrl(1), enrichPort, stack.kafkaBootstrapServers(),
        stack.elasticsearchUrls(), stack.schemaRegistryUrl(), home.resolve(LocalKey.KEY_FILE), home.resolve("logs"));
    System.out.flush();
    watch(stop);
    return 0;
  }

  /** Reports a process that died; the others keep running so the data stays reachable. */
  private void watch(CountDownLatch stop) throws InterruptedException {
    List<String> reported = new ArrayList<>();
    while (!stop.await(2, java.util.concurrent.TimeUnit.SECONDS) && !stopping) {
      for (ChildProcess child : stack.exited()) {
        if (!reported.contains(child.name())) {
          reported.add(child.name());
          System.err.println("newsroom: " + child.name() + " exited with code " + child.exitCode()
              + "; see " + child.logFile() + ", then restart ./newsroom up");
        }
      }
    }
  }

  private synchronized void stopAll() {
    stopping = true;
    if (stack == null) {
      return;
    }
    System.err.println("newsroom: stopping…");
    stack.close();
    stack = null;
    System.err.println("newsroom: stopped; data kept in " + data.toAbsolutePath().normalize());
  }

  private static void step(String what) {
    System.out.println("newsroom: starting " + what + " …");
    System.out.flush();
  }
}
