package newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** docker-compose (.env) must run the same Kafka, Elasticsearch and registry versions as the local stack and the tests. */
class VersionsPinnedOnceTest {
  @Test
  void composeImagesMatchThePom() throws Exception {
    Properties env = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of("../.env"))) {
      env.load(in);
    }
    assertThat(env.getProperty("KAFKA_VERSION")).isEqualTo(Versions.kafka());
    assertThat(env.getProperty("ELASTICSEARCH_VERSION")).isEqualTo(Versions.elasticsearch());
    assertThat(env.getProperty("APICURIO_REGISTRY_VERSION")).isEqualTo(Versions.apicurioRegistry());
  }
}
