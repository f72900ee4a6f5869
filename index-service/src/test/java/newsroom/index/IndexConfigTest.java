package newsroom.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import newsroom.service.Settings;
import org.junit.jupiter.api.Test;

class IndexConfigTest {
  private static Settings settings(Map<String, String> values) {
    Map<String, String> all = new java.util.HashMap<>(values);
    all.put("NEWSROOM_API_KEYS_FILE", "none");
    return new Settings(all);
  }

  @Test
  void elasticsearchIsOneUrlOrSeveralNodesOfOneCluster() {
    assertThat(IndexConfig.from(settings(Map.of())).elasticsearchUrls()).containsExactly(URI.create("http://localhost:9200"));
    assertThat(IndexConfig.from(settings(Map.of("ELASTICSEARCH_URL", "http://es-1:9200, https://es-2:9200")))
        .elasticsearchUrls()).containsExactly(URI.create("http://es-1:9200"), URI.create("https://es-2:9200"));
  }

  @Test
  void aUrlThatIsNoneSaysHowToWriteIt() {
    assertThatThrownBy(() -> IndexConfig.from(settings(Map.of("ELASTICSEARCH_URL", "http://es-1:9200,es-2:9200"))))
        .hasMessageContaining("ELASTICSEARCH_URL=http://es-1:9200,es-2:9200: 'es-2:9200' is not an http(s) URL with a host;"
            + " write http://host:9200");
    assertThatThrownBy(() -> IndexConfig.from(settings(Map.of("ELASTICSEARCH_URL", "http://es 1:9200"))))
        .hasMessageContaining("'http://es 1:9200' is not a URL");
  }
}
