package newsroom.tools;

import newsroom.local.ChildProcess;
import newsroom.local.ElasticsearchNode;
import newsroom.local.KafkaNode;
import newsroom.local.Ports;
import newsroom.local.StackProcesses;
import newsroom.local.Versions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsroom up}: Kafka, Elasticsearch and the three services on this machine, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Kafka, Elasticsearch and the three services locally; Ctrl-C stops them all.")
final class UpCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = ".newsroom", description = "Folder for data and logs (default: ${DEFAULT-VALUE})")
  Path data;
  @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default: ${DEFAULT-VALUE}); the controller uses port+1")
  int kafkaPort;
  @Option(names = "--elasticsearch-port", defaultValue = "9200", description = "Elasticsearch HTTP port (default: ${DEFAULT-VALUE})")
  int elasticsearchPort;
  @Option(names = "--ingest-port", defaultValue = "8081", description = "ingest API port (default: ${DEFAULT-VALUE})")
  int ingestPort;
  @Option(names = "--enrich-port", defaultValue = "8082", description = "enrich health port (default: ${DEFAULT-VALUE})")
  int enrichPort;
  @Option(names = "--search-port", defaultValue = "8083", description = "search API port (default: ${DEFAULT-VALUE})")
  int searchPort;
  @Option(names = "--elasticsearch-heap", defaultValue = "512m", description = "Elasticsearch heap (default: ${DEFAULT-VALUE})")
  String elasticsearchHeap;
  @Option(names = "--kafka-heap", defaultValue = "256m", description = "Kafka heap (default: ${DEFAULT-VALUE})")
  String kafkaHeap;
  @Option(names = "--service-heap", defaultValue = "256m", description = "ingest and index heap (default: ${DEFAULT-VALUE})")
  String serviceHeap;
  @Option(names = "--enrich-heap", defaultValue = "1280m",
      description = "enrich heap: English recognition and state take ~350 MB, Spanish and German add ~410 MB once used (default: ${DEFAULT-VALUE})")
  String enrichHeap;

  private final List<AutoCloseable> started = new ArrayList<>();
  private volatile boolean stopping;

  @Override
  public Integer call() throws Exception {
    Path home = data.toAbsolutePath().normalize();
    Path logs = Files.createDirectories(home.resolve("logs"));
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopAll();
      stop.countDown();
    }, "newsroom-stop"));

    try {
      step("Kafka " + Versions.kafka() + " on localhost:" + kafkaPort);
      ChildProcess kafka = child("kafka", kafkaHeap, "newsroom.local.KafkaNode",
          List.of(home.resolve("kafka").toString(), Integer.toString(kafkaPort), Integer.toString(kafkaPort + 1)),
          Map.of(), logs);
      Ports.awaitListening("Kafka", kafka, kafkaPort, Duration.ofSeconds(60));

      step("Elasticsearch " + Versions.elasticsearch() + " on localhost:" + elasticsearchPort
          + " (first start unpacks it)");
      ElasticsearchNode elasticsearch = ElasticsearchNode.start(home.resolve("elasticsearch"), elasticsearchPort,
          elasticsearchHeap, logs.resolve("elasticsearch.log"));
      started.add(elasticsearch);

      Map<String, String> common = new HashMap<>();
      common.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafkaPort);
      common.put("ELASTICSEARCH_URL", "http://localhost:" + elasticsearchPort);
      common.put("INGEST_PORT", Integer.toString(ingestPort));
      common.put("ENRICH_PORT", Integer.toString(enrichPort));
      common.put("INDEX_PORT", Integer.toString(searchPort));
      common.put("ENRICH_STATE_DIR", home.resolve("enrich-state").toString());
      common.put("ENRICH_INSTANCE_ID", "local-enrich");
      common.put("INDEX_INSTANCE_ID", "local-index");
      common.put("NEWSROOM_API_KEYS_FILE", LocalKey.ensureKeysFile(home).toAbsolutePath().toString());

      step("ingest-service on :" + ingestPort + ", enrich-service on :" + enrichPort + ", index-service on :" + searchPort);
      ChildProcess ingest = child("ingest-service", serviceHeap, "newsroom.ingest.IngestMain", List.of(), common, logs);
      ChildProcess enrich = child("enrich-service", enrichHeap, "newsroom.enrich.EnrichMain", List.of(), common, logs);
      ChildProcess index = child("index-service", serviceHeap, "newsroom.index.IndexMain", List.of(), common, logs);
      ingest.awaitReady("http://localhost:" + ingestPort + "/health/ready", Duration.ofSeconds(90));
      enrich.awaitReady("http://localhost:" + enrichPort + "/health/ready", Duration.ofSeconds(120));
      index.awaitReady("http://localhost:" + searchPort + "/health/ready", Duration.ofSeconds(90));
      Map<String, Long> pids = new java.util.LinkedHashMap<>();
      pids.put("kafka", kafka.pid());
      pids.put("elasticsearch", elasticsearch.pid());
      for (ChildProcess service : List.of(ingest, enrich, index)) {
        pids.put(service.name(), service.pid());
      }
      StackProcesses.write(home, pids);
    } catch (RuntimeException e) {
      System.err.println("newsroom: could not start: " + e.getMessage());
      stopAll();
      return 1;
    }
    System.out.printf("newsroom ready: search page http://localhost:%d/  ingest http://localhost:%d/v1/articles"
            + "  search http://localhost:%d/v1/search  enrich http://localhost:%d/health/ready  kafka localhost:%d"
            + "  elasticsearch http://localhost:%d  (API key in %s; logs in %s; Ctrl-C stops)%n",
        searchPort, ingestPort, searchPort, enrichPort, kafkaPort, elasticsearchPort, home.resolve(LocalKey.KEY_FILE), logs);
    System.out.flush();
    watch(stop);
    return 0;
  }

  /** Reports a service that died; the others keep running so the data stays reachable. */
  private void watch(CountDownLatch stop) throws InterruptedException {
    List<String> reported = new ArrayList<>();
    while (!stop.await(2, java.util.concurrent.TimeUnit.SECONDS) && !stopping) {
      for (AutoCloseable part : List.copyOf(started)) {
        if (part instanceof ChildProcess child && !child.alive() && !reported.contains(child.name())) {
          reported.add(child.name());
          System.err.println("newsroom: " + child.name() + " exited with code " + child.exitCode()
              + "; see " + child.logFile() + ", then restart ./newsroom up");
        }
      }
    }
  }

  private ChildProcess child(String name, String heap, String mainClass, List<String> args, Map<String, String> env,
                             Path logs) throws java.io.IOException {
    ChildProcess child = new ChildProcess(name, heap, mainClass, args, env, logs.resolve(name + ".log")).start();
    started.add(child);
    return child;
  }

  private synchronized void stopAll() {
    stopping = true;
    if (started.isEmpty()) {
      return;
    }
    System.err.println("newsroom: stopping…");
    StackProcesses.forget(data.toAbsolutePath().normalize());
    for (int i = started.size() - 1; i >= 0; i--) { // services first, Kafka last
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("newsroom: stopping failed: " + e.getMessage());
      }
    }
    started.clear();
    System.err.println("newsroom: stopped; data kept in " + data.toAbsolutePath().normalize());
  }

  private static void step(String what) {
    System.out.println("newsroom: starting " + what + " …");
    System.out.flush();
  }
}
