package newsroom.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import newsroom.local.ChildProcess;
import newsroom.local.ElasticsearchCluster;
import newsroom.local.ElasticsearchNode;
import newsroom.local.KafkaCluster;
import newsroom.local.NetworkNamespace;
import newsroom.local.Ports;
import newsroom.local.SchemaRegistryNode;
import newsroom.local.StackProcesses;
import newsroom.local.Versions;

/**
 * Kafka, Elasticsearch, the schema registry and the three services on this machine, as {@code ./newsroom up}
 * starts them: by default one of each; with {@link Layout#brokers()}, {@link Layout#elasticsearchNodes()} and
 * {@link Layout#instances()} above one, a Kafka cluster, an Elasticsearch cluster and several
 * instances of every service and of the registry. Each part can be killed and started again with the same command.
 */
final class LocalStack implements AutoCloseable {
  /** A file in the data folder naming the layout it was made with: a cluster's data needs the same one. */
  static final String LAYOUT_FILE = "layout";

  /** The schema registry's heap (Apicurio Registry on Quarkus: ~270 MB resident with it). */
  static final String REGISTRY_HEAP = "256m";

  /**
   * How many of each part, where they listen (instance i and node i add 100 × (i - 1) and i - 1; the
   * registry's health is on its port + 1) and their heaps.
   */
  record Layout(Path home, int brokers, int elasticsearchNodes, int instances, int kafkaPort, int elasticsearchPort,
                int ingestPort, int enrichPort, int searchPort, int registryPort, String kafkaHeap,
                String elasticsearchHeap, String serviceHeap, String enrichHeap) {

    String describe() {
      return "brokers=" + brokers + " elasticsearch-nodes=" + elasticsearchNodes;
    }

    int port(int base, int instance) {
      return base + 100 * (instance - 1);
    }
  }

  /** One service instance: its process and its base URL. */
  record Service(String name, ChildProcess process, String url) {
    String readyUrl() {
      return url + "/health/ready";
    }
  }

  private final Layout layout;
  private final Consumer<String> progress;
  private final Map<String, ChildProcess> brokers = new LinkedHashMap<>();
  private final Map<String, ElasticsearchNode> elasticsearch = new LinkedHashMap<>();
  private final Map<String, SchemaRegistryNode> registries = new LinkedHashMap<>();
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final Map<String, Runnable> restarts = new HashMap<>();
  private final Map<String, String> serviceSettings = new HashMap<>();
  private String isolatedService;
  private NetworkNamespace isolation;
  private KafkaCluster kafka;
  private ElasticsearchCluster elasticsearchCluster;

  LocalStack(Layout layout, Consumer<String> progress) {
    this.layout = layout;
    this.progress = progress;
  }

  /** A setting given to every service instance on top of the layout's (before {@link #start}). */
  LocalStack serviceSetting(String name, String value) {
    serviceSettings.put(name, value);
    return this;
  }

  /**
   * Runs one service instance in a network namespace of its own, so that it can be cut off the
   * brokers ({@link NetworkNamespace#cut}); the brokers then listen on the namespace's shared address.
   * Only with a cluster of brokers (before {@link #start}).
   */
  LocalStack isolate(String service, NetworkNamespace namespace) {
    if (layout.brokers() < 2) {
      throw new IllegalArgumentException("isolating a service needs a cluster of brokers");
    }
    isolatedService = service;
    isolation = namespace;
    return this;
  }

  /** Starts every part and waits until each is ready; on failure, stops what started and throws. */
  LocalStack start() throws IOException {
    Path logs = Files.createDirectories(layout.home().resolve("logs"));
    try {
      checkLayout();
      startKafka(logs);
      launchRegistry(logs, 1); // it reads its journal from Kafka while Elasticsearch starts
      startElasticsearch(logs);
      registries.get(registryName(1)).awaitReady();
      // Only once the first has made KafkaSQL's topics: two making them at once, one fails to start.
      for (int i = 2; i <= layout.instances(); i++) {
        launchRegistry(logs, i);
      }
      for (int i = 2; i <= layout.instances(); i++) {
        registries.get(registryName(i)).awaitReady();
      }
      startServices(logs);
      StackProcesses.write(layout.home(), pids(), serviceUrls());
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  private void checkLayout() throws IOException {
    Path file = layout.home().resolve(LAYOUT_FILE);
    if (Files.exists(file)) {
      String made = Files.readString(file).strip();
      if (!made.startsWith(layout.describe() + " ") && !made.equals(layout.describe())) {
        throw new IllegalStateException("the data folder " + layout.home() + " holds a stack made with " + made.split(" kafka")[0]
            + "; start it with those options again, or give another --data folder");
      }
    }
  }

  private void startKafka(Path logs) throws IOException {
    Path file = layout.home().resolve(LAYOUT_FILE);
    if (layout.brokers() == 1) {
      kafka = new KafkaCluster("-", 1, layout.kafkaPort(), "localhost");
      progress.accept("Kafka " + Versions.kafka() + " on localhost:" + layout.kafkaPort());
      ChildProcess broker = child("kafka", layout.kafkaHeap(), "newsroom.local.KafkaNode", List.of(
          layout.home().resolve("kafka").toString(), Integer.toString(layout.kafkaPort()),
          Integer.toString(layout.kafkaPort() + 1)), Map.of(), logs, List.of());
      brokers.put("kafka", broker);
    } else {
      // The cluster id is written once: every broker of the cluster must be formatted with the same one.
      kafka = Files.exists(file) ? KafkaCluster.parse(Files.readString(file).strip().replaceAll(".* kafka=", ""))
          : KafkaCluster.create(layout.brokers(), layout.kafkaPort());
      if (isolation != null) {
        kafka = kafka.at(isolation.sharedAddress());
      }
      progress.accept("a Kafka " + Versions.kafka() + " cluster of " + layout.brokers() + " brokers on " + kafka.bootstrapServers()
          + " (" + kafka.replicas() + " replicas, " + kafka.minInSyncReplicas() + " in sync)");
      for (int node = 1; node <= layout.brokers(); node++) {
        String name = "kafka-" + node;
        brokers.put(name, child(name, layout.kafkaHeap(), "newsroom.local.KafkaNode", List.of(
            layout.home().resolve(name).toString(), Integer.toString(node), kafka.toString()), Map.of(), logs, List.of()));
      }
    }
    Files.writeString(file, layout.describe() + (layout.brokers() > 1 ? " kafka=" + kafka : "") + "\n");
    for (var broker : brokers.entrySet()) { // a broker listens once the controller quorum has formed
      Ports.awaitListening(broker.getKey(), broker.getValue(), kafka.port(brokerNumber(broker.getKey())), Duration.ofSeconds(90));
    }
  }

  private static int brokerNumber(String name) {
    return name.equals("kafka") ? 1 : Integer.parseInt(name.substring("kafka-".length()));
  }

  /** Starts registry instance {@code i} (from 1) without waiting for it; the first says what starts. */
  private void launchRegistry(Path logs, int i) throws IOException {
    // Where a service runs in a network namespace, it reaches the registry at the namespace's shared address.
    String host = isolation == null ? "localhost" : isolation.sharedAddress();
    if (i == 1) {
      progress.accept(layout.instances() == 1
          ? "the schema registry (Apicurio Registry " + Versions.apicurioRegistry() + ", its schemas in Kafka) on " + host
              + ":" + layout.registryPort()
          : layout.instances() + " instances of the schema registry (Apicurio Registry " + Versions.apicurioRegistry()
              + ", sharing their schemas in Kafka) on " + host + ":" + layout.registryPort() + "… (+100 per instance)");
    }
    String name = registryName(i);
    int port = layout.port(layout.registryPort(), i);
    Runnable launch = () -> unchecked(() -> registries.put(name, SchemaRegistryNode.launch(
        layout.home().resolve("schema-registry"), host, port, kafka.bootstrapServers(), REGISTRY_HEAP,
        logs.resolve(name + ".log"))));
    launch.run();
    restarts.put(name, () -> {
      launch.run();
      unchecked(() -> registries.get(name).awaitReady());
    });
  }

  private String registryName(int i) {
    return layout.instances() == 1 ? "schema-registry" : "schema-registry-" + i;
  }

  /** Every registry instance's Confluent-compatible API, comma-separated: what SCHEMA_REGISTRY_URL takes. */
  String schemaRegistryUrl() {
    return String.join(",", registries.values().stream().map(SchemaRegistryNode::url).toList());
  }

  private void startElasticsearch(Path logs) throws IOException {
    Path work = layout.home().resolve("elasticsearch");
    elasticsearchCluster = new ElasticsearchCluster(layout.elasticsearchNodes(), layout.elasticsearchPort());
    if (layout.elasticsearchNodes() == 1) {
      progress.accept("Elasticsearch " + Versions.elasticsearch() + " on localhost:" + layout.elasticsearchPort() + " (first start unpacks it)");
      elasticsearch.put("elasticsearch", ElasticsearchNode.start(work, layout.elasticsearchPort(),
          layout.elasticsearchHeap(), logs.resolve("elasticsearch.log")));
      restarts.put("elasticsearch", () -> unchecked(() -> elasticsearch.put("elasticsearch", ElasticsearchNode.start(work,
          layout.elasticsearchPort(), layout.elasticsearchHeap(), logs.resolve("elasticsearch.log")))));
      return;
    }
    progress.accept("an Elasticsearch " + Versions.elasticsearch() + " cluster of " + layout.elasticsearchNodes() + " nodes on "
        + elasticsearchCluster.urls() + " (first start unpacks it)");
    for (int node = 1; node <= layout.elasticsearchNodes(); node++) {
      String name = "elasticsearch-" + node;
      int n = node;
      Runnable launch = () -> unchecked(() -> elasticsearch.put(name, ElasticsearchNode.launch(work, elasticsearchCluster, n,
          layout.elasticsearchHeap(), logs.resolve(name + ".log"))));
      launch.run();
      restarts.put(name, () -> {
        launch.run();
        unchecked(() -> elasticsearch.get(name).awaitHealthy());
      });
    }
    for (ElasticsearchNode node : elasticsearch.values()) { // the first master is elected once most nodes run
      node.awaitHealthy();
    }
  }

  private void startServices(Path logs) throws IOException {
    progress.accept(layout.instances() == 1
        ? "ingest-service on :" + layout.ingestPort() + ", enrich-service on :" + layout.enrichPort()
            + ", index-service on :" + layout.searchPort()
        : layout.instances() + " instances of each service: ingest on :" + layout.ingestPort() + "…, enrich on :"
            + layout.enrichPort() + "…, index on :" + layout.searchPort() + "… (+100 per instance)");
    Path keys = LocalKey.ensureKeysFile(layout.home()).toAbsolutePath();
    for (int i = 1; i <= layout.instances(); i++) {
      Map<String, String> env = new HashMap<>();
      env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      env.put("NEWSROOM_TOPIC_REPLICAS", Short.toString(kafka.replicas()));
      env.put("ELASTICSEARCH_URL", elasticsearchCluster.urls());
      env.put("SCHEMA_REGISTRY_URL", schemaRegistryUrl());
      env.put("NEWSROOM_API_KEYS_FILE", keys.toString());
      env.put("NEWSROOM_INSTANCES", Integer.toString(layout.instances())); // each allows its share of a key's rate
      env.put("INGEST_PORT", Integer.toString(layout.port(layout.ingestPort(), i)));
      env.put("ENRICH_PORT", Integer.toString(layout.port(layout.enrichPort(), i)));
      env.put("INDEX_PORT", Integer.toString(layout.port(layout.searchPort(), i)));
      String suffix = layout.instances() == 1 ? "" : "-" + i;
      env.put("ENRICH_STATE_DIR", layout.home().resolve("enrich-state" + suffix).toString());
      env.put("ENRICH_INSTANCE_ID", "local-enrich" + suffix);
      String kb = layout.home().resolve("kb").toAbsolutePath().toString(); // ./newsroom kb import writes here
      env.put("ENRICH_KB_DIR", kb);
      env.put("INDEX_KB_DIR", kb);
      env.put("INDEX_INSTANCE_ID", "local-index" + suffix);
      if (layout.instances() > 1) {
        env.put("ENRICH_STANDBY_REPLICAS", "1"); // another instance keeps a copy of each task's state warm
      }
      env.putAll(serviceSettings);
      service("ingest-service" + suffix, layout.serviceHeap(), "newsroom.ingest.IngestMain", env, logs,
          layout.port(layout.ingestPort(), i));
      service("enrich-service" + suffix, layout.enrichHeap(), "newsroom.enrich.EnrichMain", env, logs,
          layout.port(layout.enrichPort(), i));
      service("index-service" + suffix, layout.serviceHeap(), "newsroom.index.IndexMain", env, logs,
          layout.port(layout.searchPort(), i));
    }
    for (Service service : services.values()) {
      service.process().awaitReady(service.readyUrl(), Duration.ofSeconds(180));
    }
  }

  private void service(String name, String heap, String mainClass, Map<String, String> env, Path logs, int port)
      throws IOException {
    boolean isolated = name.equals(isolatedService);
    String url = "http://" + (isolated ? isolation.address() : "localhost") + ":" + port;
    services.put(name, new Service(name, child(name, heap, mainClass, List.of(), env, logs,
        isolated ? isolation.launcher() : List.of()), url));
  }

  private ChildProcess child(String name, String heap, String mainClass, List<String> args, Map<String, String> env,
                             Path logs, List<String> launcher) throws IOException {
    ChildProcess child = new ChildProcess(name, heap, mainClass, args, env, logs.resolve(name + ".log")).inside(launcher).start();
    restarts.put(name, () -> unchecked(() -> {
      ChildProcess again = new ChildProcess(name, heap, mainClass, args, env, logs.resolve(name + ".log")).inside(launcher)
          .start();
      if (brokers.containsKey(name)) {
        brokers.put(name, again);
      } else {
        Service service = services.get(name);
        services.put(name, new Service(name, again, service.url()));
      }
    }));
    return child;
  }

  String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  String elasticsearchUrls() {
    return elasticsearchCluster.urls();
  }

  String ingestUrl(int instance) {
    return "http://localhost:" + layout.port(layout.ingestPort(), instance);
  }

  String searchUrl(int instance) {
    return "http://localhost:" + layout.port(layout.searchPort(), instance);
  }

  /** Every part's process id, by name, for {@code ./newsroom bench}. */
  Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    brokers.forEach((name, process) -> pids.put(name, process.pid()));
    elasticsearch.forEach((name, node) -> pids.put(name, node.pid()));
    registries.forEach((name, registry) -> pids.put(name, registry.pid()));
    services.forEach((name, service) -> pids.put(name, service.process().pid()));
    return pids;
  }

  /** Each service instance's base URL, by name ("enrich-service", or "enrich-service-2" with several instances). */
  Map<String, String> serviceUrls() {
    Map<String, String> urls = new LinkedHashMap<>();
    services.forEach((name, service) -> urls.put(name, service.url()));
    return urls;
  }

  /** The processes that have exited. */
  List<ChildProcess> exited() {
    List<ChildProcess> exited = new ArrayList<>();
    brokers.values().stream().filter(p -> !p.alive()).forEach(exited::add);
    services.values().stream().map(Service::process).filter(p -> !p.alive()).forEach(exited::add);
    return exited;
  }

  /** SIGKILL to one part ("kafka-2", "elasticsearch-1", "enrich-service-2"…): a crash, not a shutdown. */
  void kill(String name) throws InterruptedException {
    if (brokers.containsKey(name)) {
      brokers.get(name).kill();
    } else if (elasticsearch.containsKey(name)) {
      elasticsearch.get(name).kill();
    } else if (registries.containsKey(name)) {
      registries.get(name).kill();
    } else if (services.containsKey(name)) {
      services.get(name).process().kill();
    } else {
      throw new IllegalArgumentException("no part named " + name + " in this stack: " + pids().keySet());
    }
  }

  /** Waits until a service instance answers ready. */
  void awaitReady(String name) throws IOException {
    Service service = services.get(name);
    service.process().awaitReady(service.readyUrl(), Duration.ofSeconds(180));
  }

  /** Starts a killed part again with the command it was first started with, and waits until it is ready. */
  void restart(String name) throws IOException {
    Runnable restart = restarts.get(name);
    if (restart == null) {
      throw new IllegalArgumentException("no part named " + name + " in this stack: " + pids().keySet());
    }
    restart.run();
    if (brokers.containsKey(name)) {
      Ports.awaitListening(name, brokers.get(name), kafka.port(brokerNumber(name)), Duration.ofSeconds(90));
    } else if (services.containsKey(name)) {
      awaitReady(name);
    }
    StackProcesses.write(layout.home(), pids(), serviceUrls());
  }

  /** Stops the services, then Elasticsearch and the registry, then Kafka. */
  @Override
  public void close() {
    StackProcesses.forget(layout.home());
    List<AutoCloseable> parts = new ArrayList<>();
    services.values().forEach(s -> parts.add(s.process()));
    parts.addAll(elasticsearch.values());
    parts.addAll(registries.values());
    parts.addAll(brokers.values());
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        progress.accept("stopping failed: " + e.getMessage());
      }
    }
    services.clear();
    elasticsearch.clear();
    registries.clear();
    brokers.clear();
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void unchecked(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
