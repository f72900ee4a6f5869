package newsroom.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The real Kafka broker (in this JVM) and Elasticsearch node (a child process) the integration
 * tests run against, started once per JVM with the same code as {@code ./newsroom up}.
 */
final class LocalInfra implements Infra {
  private static LocalInfra shared;

  private final KafkaNode kafka;
  private final ElasticsearchNode elasticsearch;

  private LocalInfra() throws IOException {
    // World-traversable: when tests run as root, Elasticsearch runs as an unprivileged user.
    Path work = Files.createTempDirectory("newsroom-it-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    int kafkaPort = Ports.free();
    this.kafka = KafkaNode.start(work.resolve("kafka"), kafkaPort, Ports.free());
    this.elasticsearch = ElasticsearchNode.start(work.resolve("elasticsearch"), Ports.free(), "512m",
        work.resolve("elasticsearch.log"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
  public String elasticsearchUrl() {
    return elasticsearch.url();
  }
}
