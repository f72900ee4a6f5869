package newsroom.enrich.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import newsroom.kb.ImportedEntities;
import newsroom.kb.KnowledgeBaseVersions;
import newsroom.kb.wikidata.WikidataImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newly published import is linked against without a restart. */
class KnowledgeBaseTableTest {
  @TempDir
  Path dir;

  @Test
  void switchesToEachNewlyPublishedImport() throws Exception {
    Path dump = dir.resolve("sample.json");
    try (InputStream in = getClass().getResourceAsStream("/newsroom/kb/wikidata-sample.json")) {
      Files.copy(in, dump);
    }
    KnowledgeBaseVersions versions = new KnowledgeBaseVersions(dir.resolve("kb"));
    KnowledgeBaseTable table = new KnowledgeBaseTable();
    try (Closeable following = table.follow(versions, Duration.ofMillis(100))) {
      assertThat(table.get().imported()).as("nothing published yet").isEmpty();
      assertThat(table.get().candidates("Joan Harcourt")).isEmpty();

      String first = new WikidataImport(new WikidataImport.Options(List.of("en"), 1)).run(dump, versions, (p, l, k, r, t, e) -> {}).version();
      await().atMost(Duration.ofSeconds(30)).until(() -> table.get().imported().map(ImportedEntities::version).orElse("").equals(first));
      assertThat(table.get().candidates("Joan Harcourt")).hasSize(2);

      String second = new WikidataImport(new WikidataImport.Options(List.of("en"), 10)).run(dump, versions, (p, l, k, r, t, e) -> {}).version();
      await().atMost(Duration.ofSeconds(30)).until(() -> table.get().imported().map(ImportedEntities::version).orElse("").equals(second));
      // The second import kept entities with ten sitelinks or more: one of the two.
      assertThat(table.get().candidates("Joan Harcourt")).extracting(c -> c.entry().id()).containsExactly("Q990000001");
    }
  }
}
