package newsroom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The real Kafka broker (in this JVM), Elasticsearch node and schema registry (child processes) the
 * integration tests run against, started once per JVM with the same code as {@code ./newsroom up}.
 */
final class LocalInfra implements Infra {
  private static LocalInfra shared;

  private final KafkaNode kafka;
  private final ElasticsearchNode elasticsearch;
  private final SchemaRegistryNode registry;

  private LocalInfra() throws IOException {
    // World-traversable: when tests run as root, Elasticsearch runs as an unprivileged user.
    Path work = Files.createTempDirectory("newsroom-it-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    int kafkaPort = Ports.free();
    this.kafka = KafkaNode.start(work.resolve("kafka"), kafkaPort, Ports.free());
    // The registry reads its journal from Kafka while Elasticsearch starts.
    this.registry = SchemaRegistryNode.launch(work.resolve("registry"), Ports.freePair(), kafka.bootstrapServers(), "256m",
        work.resolve("registry.log"));
    this.elasticsearch = ElasticsearchNode.start(work.resolve("elasticsearch"), Ports.free(), "512m",
        work.resolve("elasticsearch.log"));
    registry.awaitReady();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      registry.close();
      elasticsearch.close();
      kafka.close();
      TestFolders.deleteQuietly(work);
    }, "it-infra-stop"));
  }

  static synchronized LocalInfra shared() {
    if (shared == null) {
      try {
        shared = new LocalInfra();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  @Override
  public String kafkaBootstrap() {
    return kafka.bootstrapServers();
  }

  @Override
  public String schemaRegistryUrl() {
    return registry.url();
  }

  @Override
  public String elasticsearchUrl() {
    return elasticsearch.url();
  }
}
