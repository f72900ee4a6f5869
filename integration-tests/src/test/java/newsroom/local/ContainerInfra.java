package newsroom.local;

import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;

/** The same infrastructure from the official images, for machines with Docker (versions pinned in the pom). */
final class ContainerInfra implements Infra {
  private static ContainerInfra shared;

  private final KafkaContainer kafka = new KafkaContainer("apache/kafka:" + Versions.kafka());
  private final ElasticsearchContainer elasticsearch =
      new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:" + Versions.elasticsearch())
          .withEnv("xpack.security.enabled", "false")
          .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");

  private ContainerInfra() {
    kafka.start();
    elasticsearch.start();
  }

  static synchronized ContainerInfra shared() {
    if (shared == null) {
      shared = new ContainerInfra();
    }
    return shared;
  }

  @Override
  public String kafkaBootstrap() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String elasticsearchUrl() {
    return "http://" + elasticsearch.getHttpHostAddress();
  }
}
