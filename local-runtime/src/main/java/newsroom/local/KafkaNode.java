package newsroom.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka node (KRaft, broker and controller in one) for the local stack and the integration
 * tests: alone, or one of a local cluster of several ({@link KafkaCluster}). The log directory is
 * formatted on first start and reused afterwards, so topics and offsets survive a restart.
 */
public final class KafkaNode implements AutoCloseable {
  private final KafkaRaftServer server;
  private final int port;

  private KafkaNode(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** A node alone: its own controller quorum of one. */
  public static KafkaNode start(Path dataDir, int port, int controllerPort) throws IOException {
    Properties props = common(dataDir, 1, port, controllerPort);
    props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
    // One node: every internal topic has one replica. Without the transaction-log settings an
    // exactly-once Kafka Streams app waits in REBALANCING forever.
    replication(props, (short) 1, 1);
    return start(dataDir, props, port, Uuid.randomUuid().toString(), "--standalone");
  }

  /** Node {@code nodeId} (1 to the cluster's size) of a local cluster. */
  public static KafkaNode start(Path dataDir, KafkaCluster cluster, int nodeId) throws IOException {
    Properties props = common(dataDir, nodeId, cluster.port(nodeId), cluster.controllerPort(nodeId));
    if (!cluster.host().equals("localhost")) { // reached from network namespaces too: every address, known by that one
      props.put("listeners", "PLAINTEXT://0.0.0.0:" + cluster.port(nodeId) + ",CONTROLLER://localhost:" + cluster.controllerPort(nodeId));
      props.put("advertised.listeners", "PLAINTEXT://" + cluster.host() + ":" + cluster.port(nodeId));
    }
    props.put("controller.quorum.voters", cluster.voters());
    replication(props, cluster.replicas(), cluster.minInSyncReplicas());
    return start(dataDir, props, cluster.port(nodeId), cluster.clusterId());
  }

  private static Properties common(Path dataDir, int nodeId, int port, int controllerPort) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(nodeId));
    props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", dataDir.resolve("logs").toString());
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.cleaner.dedupe.buffer.size", "2097152");
    props.put("message.max.bytes", Integer.toString(newsroom.schemas.Topic.MAX_MESSAGE_BYTES));
    props.put("num.partitions", "3");
    props.put("auto.create.topics.enable", "false");
    return props;
  }

  /** Replicas of the internal topics (offsets, transactions) and of topics created without a factor. */
  private static void replication(Properties props, short replicas, int minInSync) {
    props.put("default.replication.factor", Short.toString(replicas));
    props.put("min.insync.replicas", Integer.toString(minInSync));
    props.put("offsets.topic.replication.factor", Short.toString(replicas));
    props.put("transaction.state.log.replication.factor", Short.toString(replicas));
    props.put("transaction.state.log.min.isr", Integer.toString(minInSync));
    props.put("share.coordinator.state.topic.replication.factor", Short.toString(replicas));
    props.put("share.coordinator.state.topic.min.isr", Integer.toString(minInSync));
  }

  private static KafkaNode start(Path dataDir, Properties props, int port, String clusterId, String... formatOptions)
      throws IOException {
    Files.createDirectories(dataDir);
    Path configFile = dataDir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(configFile)) {
      props.store(out, "written by newsroom local-runtime");
    }
    if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      List<String> format = new ArrayList<>(List.of("format", "-t", clusterId, "-c", configFile.toString()));
      format.addAll(List.of(formatOptions));
      int status = StorageTool.execute(format.toArray(String[]::new), new PrintStream(log, true, StandardCharsets.UTF_8));
      if (status != 0) {
        throw new IllegalStateException("cannot format Kafka log dir " + dataDir + ": " + log.toString(StandardCharsets.UTF_8));
      }
    }
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    server.startup();
    return new KafkaNode(server, port);
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  /**
   * Runs the node as its own process: {@code KafkaNode DATA_DIR PORT CONTROLLER_PORT} alone, or
   * {@code KafkaNode DATA_DIR NODE_ID CLUSTER} in a cluster ({@link KafkaCluster#toString()}).
   */
  public static void main(String[] args) throws Exception {
    KafkaNode node = args.length == 3 && !args[2].contains("@")
        ? start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]))
        : start(Path.of(args[0]), KafkaCluster.parse(args[2]), Integer.parseInt(args[1]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "kafka-shutdown"));
    System.err.println("kafka ready on " + node.bootstrapServers());
    stopped.await();
  }
}
