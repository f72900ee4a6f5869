package newsroom.local;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster on this machine: {@code size} nodes, each broker and controller in one, node i
 * (from 1) listening on {@code basePort + 2(i - 1)} and its controller on the port after it.
 * Topics get three replicas (fewer on a smaller cluster) and need all but one in sync to accept a
 * write, so one broker can die without losing or refusing anything. The brokers are known as
 * {@code host}: localhost, or an address that processes in a {@link NetworkNamespace} reach too.
 */
public record KafkaCluster(String clusterId, int size, int basePort, String host) {

  public KafkaCluster {
    if (size < 1) {
      throw new IllegalArgumentException("a Kafka cluster needs at least one broker, not " + size);
    }
  }

  public static KafkaCluster create(int size, int basePort) {
    return new KafkaCluster(Uuid.randomUuid().toString(), size, basePort, "localhost");
  }

  /** The same cluster, its brokers known as {@code address}. */
  public KafkaCluster at(String address) {
    return new KafkaCluster(clusterId, size, basePort, address);
  }

  public int port(int node) {
    return basePort + 2 * (node - 1);
  }

  public int controllerPort(int node) {
    return port(node) + 1;
  }

  public String bootstrapServers() {
    return IntStream.rangeClosed(1, size).mapToObj(n -> host + ":" + port(n)).collect(Collectors.joining(","));
  }

  /** The controller quorum, as {@code controller.quorum.voters} wants it: {@code 1@localhost:9093,…}. */
  public String voters() {
    return IntStream.rangeClosed(1, size).mapToObj(n -> n + "@localhost:" + controllerPort(n))
        .collect(Collectors.joining(","));
  }

  public short replicas() {
    return (short) Math.min(size, 3);
  }

  public int minInSyncReplicas() {
    return Math.max(1, replicas() - 1);
  }

  /** {@code clusterId@size@basePort[@host]}: how the launcher tells a node process its cluster. */
  @Override
  public String toString() {
    return clusterId + "@" + size + "@" + basePort + (host.equals("localhost") ? "" : "@" + host);
  }

  public static KafkaCluster parse(String text) {
    String[] parts = text.split("@");
    return new KafkaCluster(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
        parts.length > 3 ? parts[3] : "localhost");
  }
}
