package newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsroom.enrich.EnrichConfig;
import newsroom.index.IndexConfig;
import newsroom.ingest.IngestConfig;
import newsroom.service.Settings;
import org.junit.jupiter.api.Test;

/** Every setting a service reads is documented in the README, with its default. */
class ConfigurationDocumentedTest {
  @Test
  void everySettingIsInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    List<Settings.Doc> docs = new ArrayList<>();
    // The defaults, plus the one setting without a default.
    Map<String, String> required = Map.of("NEWSROOM_API_KEYS_FILE", "none");
    Settings ingest = new Settings(required);
    IngestConfig.from(ingest);
    docs.addAll(ingest.docs());
    Settings enrich = new Settings(Map.of());
    EnrichConfig.from(enrich);
    docs.addAll(enrich.docs());
    Settings index = new Settings(required);
    IndexConfig.from(index);
    docs.addAll(index.docs());
    for (Settings.Doc doc : docs) {
      assertThat(readme).as("README documents " + doc.name()).contains("`" + doc.name() + "`");
    }
  }

  @Test
  void aServiceWithAnApiRefusesToStartWithoutKeysUnlessToldNone() {
    assertThatThrownBy(() -> IndexConfig.from(new Settings(Map.of()))).hasMessageContaining("NEWSROOM_API_KEYS_FILE")
        .hasMessageContaining("./newsroom keys create");
    assertThatThrownBy(() -> IngestConfig.from(new Settings(Map.of("NEWSROOM_API_KEYS_FILE", "/no/such/file"))))
        .hasMessageContaining("cannot read it");
    assertThat(IndexConfig.from(new Settings(Map.of("NEWSROOM_API_KEYS_FILE", "none"))).access().enabled()).isFalse();
  }

  @Test
  void invalidSettingsAreAllReportedAtOnce() {
    var settings = new Settings(Map.of("INGEST_PORT", "eighty", "NEWSROOM_TOPIC_PARTITIONS", "0"));
    try {
      IngestConfig.from(settings);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).contains("INGEST_PORT=eighty: not a number").contains("NEWSROOM_TOPIC_PARTITIONS=0");
      return;
    }
    throw new AssertionError("invalid settings were accepted");
  }
}
