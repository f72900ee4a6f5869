package newsroom.local;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An Elasticsearch cluster on this machine: {@code size} nodes, node i (from 1) answering HTTP on
 * {@code baseHttpPort + i - 1} and talking to the others on that port + 100. Every node may be
 * master and holds data; the articles index keeps one replica of each shard on another node.
 */
public record ElasticsearchCluster(int size, int baseHttpPort) {

  public ElasticsearchCluster {
    if (size < 1) {
      throw new IllegalArgumentException("an Elasticsearch cluster needs at least one node, not " + size);
    }
  }

  public int httpPort(int node) {
    return baseHttpPort + node - 1;
  }

  public int transportPort(int node) {
    return httpPort(node) + 100;
  }

  public String nodeName(int node) {
    return "local-" + node;
  }

  /** Every node's URL, comma-separated, as ELASTICSEARCH_URL takes them. */
  public String urls() {
    return IntStream.rangeClosed(1, size).mapToObj(n -> "http://localhost:" + httpPort(n)).collect(Collectors.joining(","));
  }

  String seedHosts() {
    return IntStream.rangeClosed(1, size).mapToObj(n -> "127.0.0.1:" + transportPort(n)).collect(Collectors.joining(","));
  }

  String initialMasterNodes() {
    return IntStream.rangeClosed(1, size).mapToObj(this::nodeName).collect(Collectors.joining(","));
  }
}
