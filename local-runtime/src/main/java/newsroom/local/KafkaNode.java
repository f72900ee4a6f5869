package newsroom.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) for the local stack and the
 * integration tests. The log directory is formatted on first start and reused afterwards, so
 * topics and offsets survive a restart.
 */
public final class KafkaNode implements AutoCloseable {
  private final KafkaRaftServer server;
  private final int port;

  private KafkaNode(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static KafkaNode start(Path dataDir, int port, int controllerPort) throws IOException {
    Files.createDirectories(dataDir);
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
    props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", dataDir.resolve("logs").toString());
    // One node: every internal topic has one replica. Without the transaction-log settings an
    // exactly-once Kafka Streams app waits in REBALANCING forever.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.cleaner.dedupe.buffer.size", "2097152");
    props.put("message.max.bytes", Integer.toString(newsroom.schemas.Topic.MAX_MESSAGE_BYTES));
    props.put("num.partitions", "3");
    props.put("auto.create.topics.enable", "false");

    Path configFile = dataDir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(configFile)) {
      props.store(out, "written by newsroom local-runtime");
    }
    if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      int status = StorageTool.execute(new String[] {
          "format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString(), "--standalone"},
          new PrintStream(log, true, StandardCharsets.UTF_8));
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

  /** Runs the broker as its own process: {@code KafkaNode DATA_DIR PORT CONTROLLER_PORT}. */
  public static void main(String[] args) throws Exception {
    KafkaNode node = start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "kafka-shutdown"));
    System.err.println("kafka ready on " + node.bootstrapServers());
    stopped.await();
  }
}
