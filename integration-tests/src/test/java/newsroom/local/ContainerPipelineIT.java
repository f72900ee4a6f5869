package newsroom.local;

import org.testcontainers.junit.jupiter.Testcontainers;

/** The same tests against the official Kafka and Elasticsearch images; runs only where Docker is available. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPipelineIT extends PipelineTests {
  @Override
  Infra infra() {
    return ContainerInfra.shared();
  }
}
