package newsroom.kb.wikidata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import newsroom.events.EntityType;
import newsroom.kb.ImportedEntities;
import newsroom.kb.ImportedEntities.Imported;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBaseVersions;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports the small dump in Wikidata's own format shipped with the tests (confusable entities on purpose). */
class WikidataImportTest {
  private static final WikidataImport.Options OPTIONS = new WikidataImport.Options(List.of("en", "es"), 1);

  @TempDir
  Path dir;

  @Test
  void keepsPeopleOrganisationsPlacesAndEventsByTheirClassesAtAnyDepth() throws IOException {
    KnowledgeBaseVersions versions = new KnowledgeBaseVersions(dir.resolve("kb"));
    WikidataImport.Summary summary = new WikidataImport(OPTIONS).run(sample(dir.resolve("dump.json"), Compression.NONE),
        versions, (pass, lines, kept, read, total, elapsed) -> {});

    assertThat(summary.byKind()).containsEntry(EntityType.LOCATION, 39L).containsEntry(EntityType.PERSON, 6L)
        .containsEntry(EntityType.ORGANIZATION, 11L).containsEntry(EntityType.MISC, 1L);
    assertThat(summary.skippedLines()).as("the broken line").isEqualTo(1);
    try (ImportedEntities kb = versions.openCurrent().orElseThrow()) {
      assertThat(kb.size()).isEqualTo(57);
      // Paris, Texas is a "city in the United States", a subclass of a subclass of human settlement.
      assertThat(kb.named("paris")).extracting(i -> i.entry().id(), i -> i.entry().type())
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Q90", EntityType.LOCATION),
              org.assertj.core.groups.Tuple.tuple("Q830149", EntityType.LOCATION));
      Imported state = kb.get("Q1428").orElseThrow();
      assertThat(state.entry().aliases()).contains("GA", "State of Georgia");
      assertThat(state.description()).contains("Atlanta");
      assertThat(state.sitelinks()).isEqualTo(210);
      assertThat(state.wikipediaTitle()).isEqualTo("Georgia (U.S. state)");
      assertThat(state.related()).as("its country and its capital").containsExactly("Q30", "Q23556");
      // The United States: country of the state and of every American place, party and president of the sample.
      assertThat(kb.relatedCount("Q30")).isEqualTo(15);
      assertThat(kb.relatedCount("Q990000010")).as("Lamar County: Paris, Texas only").isEqualTo(1);
      assertThat(kb.named("city of light")).extracting(i -> i.entry().id()).containsExactly("Q90");
      assertThat(kb.named(KnowledgeBase.key("Paris, Texas"))).extracting(i -> i.entry().id()).containsExactly("Q830149");
      assertThat(kb.get("Q990000003").orElseThrow().entry().name()).as("named in Spanish only").isEqualTo("Fundación Ribera del Duero");
      assertThat(kb.get("Q990000004").orElseThrow().entry().type()).isEqualTo(EntityType.MISC);
      for (String dropped : List.of("Q990000005", "Q990000006", "Q990000007", "Q990000008", "Q5", "Q6256")) {
        assertThat(kb.get(dropped)).as(dropped).isEmpty();
      }
    }
  }

  @Test
  void readsGzipAndBzip2DumpsAlike() throws IOException {
    for (Compression compression : List.of(Compression.GZIP, Compression.BZIP2)) {
      KnowledgeBaseVersions versions = new KnowledgeBaseVersions(dir.resolve("kb-" + compression));
      WikidataImport.Summary summary = new WikidataImport(OPTIONS).run(
          sample(dir.resolve("dump." + compression), compression), versions, (pass, lines, kept, read, total, elapsed) -> {});
      assertThat(summary.kept()).as(compression.name()).isEqualTo(57);
    }
  }

  @Test
  void theCuratedEntriesWinOverTheImportedOnes() throws IOException {
    KnowledgeBaseVersions versions = new KnowledgeBaseVersions(dir.resolve("kb"));
    new WikidataImport(OPTIONS).run(sample(dir.resolve("dump.json"), Compression.NONE), versions, (p, l, k, r, t, e) -> {});
    try (ImportedEntities imported = versions.openCurrent().orElseThrow()) {
      KnowledgeBase kb = KnowledgeBase.starter().withImported(imported);
      // The starter KB has Q230 and Q1428 under "Georgia": the imported copies of them do not add candidates.
      assertThat(kb.candidates("Georgia")).extracting(c -> c.entry().id()).containsExactlyInAnyOrder("Q230", "Q1428");
      // An alias only the import knows does not name a starter entity either: the starter's names rule.
      assertThat(kb.candidates("GA")).isEmpty();
      // Entities only the import has are found, with their popularity and description.
      assertThat(kb.candidates("Joan Harcourt")).extracting(c -> c.entry().id(), c -> c.imported().sitelinks())
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Q990000001", 12), org.assertj.core.groups.Tuple.tuple("Q990000002", 9));
      assertThat(kb.get("Q990000002")).isPresent();
      // The newsroom's corrections win over both.
      KnowledgeBase corrected = kb.with(new KnowledgeBase.Entry("Q990000002", EntityType.PERSON, "Joan Harcourt",
          List.of(), List.of(), List.of(), true));
      assertThat(corrected.candidates("Joan Harcourt")).extracting(c -> c.entry().id()).containsExactly("Q990000001");
    }
  }

  @Test
  void aNameOfManyEntitiesListsItsMostPopularAndCountsTheRest() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      lines.add(TestDumps.person("Q99100" + i, "Ann Lee", "person", i));
    }
    Path file = dir.resolve("namesakes.json");
    Files.writeString(file, TestDumps.dump(lines));
    KnowledgeBaseVersions versions = new KnowledgeBaseVersions(dir.resolve("kb"));
    new WikidataImport(new WikidataImport.Options(List.of("en"), 0)).run(file, versions, (p, l, k, r, t, e) -> {});
    try (ImportedEntities imported = versions.openCurrent().orElseThrow()) {
      assertThat(imported.named("ann lee")).extracting(Imported::sitelinks).containsExactly(24, 23, 22, 21, 20, 19, 18, 17, 16, 15);
      assertThat(imported.namesakes("ann lee")).isEqualTo(25);
      assertThat(KnowledgeBase.starter().withImported(imported).unlisted("Ann Lee")).isEqualTo(15);
    }
  }

  @Test
  void publishingANewVersionKeepsThePreviousOneAndRemovesOlderOnes() throws IOException {
    KnowledgeBaseVersions versions = new KnowledgeBaseVersions(dir.resolve("kb"));
    Path dump = sample(dir.resolve("dump.json"), Compression.NONE);
    for (String version : List.of("20260101T000000000Z", "20260201T000000000Z", "20260301T000000000Z")) {
      Files.createDirectories(versions.startWriting(version));
      versions.publish(version);
    }
    assertThat(versions.current()).contains("20260301T000000000Z");
    assertThat(Files.exists(versions.path("20260201T000000000Z"))).isTrue();
    assertThat(Files.exists(versions.path("20260101T000000000Z"))).isFalse();
    // An interrupted import leaves a partial folder only; the published version stays current.
    versions.startWriting("20260401T000000000Z");
    assertThat(versions.current()).contains("20260301T000000000Z");
    WikidataImport.Summary summary = new WikidataImport(OPTIONS).run(dump, versions, (p, l, k, r, t, e) -> {});
    assertThat(versions.current()).contains(summary.version());
    // ... and the next import to finish removes what the interrupted one left.
    assertThat(Files.exists(versions.dir().resolve("versions/20260401T000000000Z.partial"))).isFalse();
  }

  private enum Compression { NONE, GZIP, BZIP2 }

  private static Path sample(Path target, Compression compression) throws IOException {
    try (InputStream in = WikidataImportTest.class.getResourceAsStream("/newsroom/kb/wikidata-sample.json");
         OutputStream out = switch (compression) {
           case NONE -> Files.newOutputStream(target);
           case GZIP -> new GZIPOutputStream(Files.newOutputStream(target));
           case BZIP2 -> new BZip2CompressorOutputStream(Files.newOutputStream(target));
         }) {
      in.transferTo(out);
    }
    return target;
  }
}
