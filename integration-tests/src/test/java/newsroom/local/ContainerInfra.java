package newsroom.local;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
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
  private final GenericContainer<?> registry =
      new GenericContainer<>("apicurio/apicurio-registry:" + Versions.apicurioRegistry())
          .withExposedPorts(8080).waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects"));

  private ContainerInfra() {
    kafka.start();
    elasticsearch.start();
    registry.start();
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
  public String schemaRegistryUrl() {
    return "http://" + registry.getHost() + ":" + registry.getMappedPort(8080) + "/apis/ccompat/v7";
  }

  @Override
  public String elasticsearchUrl() {
    return "http://" + elasticsearch.getHttpHostAddress();
  }
}
