package newsroom.enrich.entities;

import static newsroom.events.EntityType.LOCATION;
import static newsroom.events.EntityType.ORGANIZATION;
import static newsroom.events.EntityType.PERSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.events.Entity;
import newsroom.events.EntityType;
import newsroom.kb.ImportedEntities;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBaseVersions;
import newsroom.kb.wikidata.TestDumps;
import newsroom.kb.wikidata.WikidataImport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linking against a knowledge base imported from the sample Wikidata dump (knowledge-base's test
 * data), whose confusable entities only the article's words or the other entities it names tell
 * apart: Georgia the country and the US state, Paris in France and in Texas, two people named Joan
 * Harcourt. Articles written for the test.
 */
class ImportedLinkingTest {
  @TempDir
  static Path dir;
  private static ImportedEntities imported;
  private static KnowledgeBase kb;
  private final EntityResolver resolver = new EntityResolver();
  private final EntityLinker linker = new EntityLinker();

  @BeforeAll
  static void importTheSample() throws IOException {
    Path dump = dir.resolve("sample.json");
    try (InputStream in = ImportedLinkingTest.class.getResourceAsStream("/newsroom/kb/wikidata-sample.json")) {
      Files.copy(in, dump);
    }
    KnowledgeBaseVersions versions = new KnowledgeBaseVersions(dir.resolve("kb"));
    new WikidataImport(new WikidataImport.Options(List.of("en"), 1)).run(dump, versions, (p, l, k, r, t, e) -> {});
    imported = versions.openCurrent().orElseThrow();
    kb = KnowledgeBase.starter().withImported(imported);
  }

  @AfterAll
  static void close() throws IOException {
    imported.close();
  }

  @Test
  void georgiaIsTheStateInAnArticleAboutAtlantaAndTheCountryInOneAboutTbilisi() {
    assertThat(idOf("Georgia", LOCATION, "Voters in Georgia lined up for hours in Atlanta on Tuesday, and the state's"
        + " governor promised more polling places.")).isEqualTo("Q1428");
    assertThat(idOf("Georgia", LOCATION, "Protesters filled the streets of Tbilisi as Georgia's parliament debated the"
        + " law; neighbours in the Caucasus watched closely.")).isEqualTo("Q230");
    // Nothing in the text tells them apart: no link rather than a guess.
    assertThat(idOf("Georgia", LOCATION, "Georgia is in the news again.")).isEqualTo("location:georgia");
  }

  @Test
  void eachLinkSaysHowSureItIsAndWhichWordsDecided() {
    Entity georgia = entity(kb, "Georgia", LOCATION, "Voters in Georgia lined up for hours in Atlanta on Tuesday, and the"
        + " state's governor promised more polling places.");
    assertThat(georgia.getLinkScore()).isBetween(Disambiguation.CONFIDENCE, 1.0);
    assertThat(georgia.getLinkEvidence()).contains("atlanta", "state");
    Entity unlinked = entity(kb, "Georgia", LOCATION, "Georgia is in the news again.");
    assertThat(unlinked.getLinkScore()).isNull();
    assertThat(unlinked.getLinkEvidence()).isEmpty();
  }

  @Test
  void parisIsTheCapitalUnlessTheArticleIsInTexas() {
    assertThat(idOf("Paris", LOCATION, "Paris hosted the summit, and France's president greeted the leaders.")).isEqualTo("Q90");
    assertThat(idOf("Paris", LOCATION, "A tornado damaged homes in Paris, the seat of Lamar County, Texas officials said."))
        .isEqualTo("Q830149");
  }

  @Test
  void twoPeopleOfOneNameAreToldApartByWhatTheyDoAndLeftAloneOtherwise() {
    assertThat(idOf("Joan Harcourt", PERSON, "Joan Harcourt, who has studied coral reefs for twenty years, said the"
        + " bleaching was the worst she had seen.")).isEqualTo("Q990000001");
    assertThat(idOf("Joan Harcourt", PERSON, "Joan Harcourt, the Labour member of parliament for Leeds, voted against"
        + " the bill.")).isEqualTo("Q990000002");
    assertThat(idOf("Joan Harcourt", PERSON, "Joan Harcourt was seen at the opening.")).isEqualTo("person:joan-harcourt");
  }

  @Test
  void theEntitiesAnArticleNamesBesideANameTellItsNamesakesApart() {
    // Nothing the biologist's description says is in the article, but she works for the foundation it names.
    Entity scientist = entity(kb, "Joan Harcourt", PERSON, "Joan Harcourt spoke at the Halvorsen Foundation on Monday.",
        Map.of("Halvorsen Foundation", ORGANIZATION));
    assertThat(scientist.getId()).isEqualTo("Q990000001");
    assertThat(scientist.getLinkEvidence()).containsExactly("Halvorsen Foundation");
    // The politician, the trade unionist and the councillor are of one party.
    assertThat(idOf("Joan Harcourt", PERSON, "Joan Harcourt, Mara Ellison and Tom Reyes arrived together on Monday.",
        Map.of("Mara Ellison", PERSON, "Tom Reyes", PERSON))).isEqualTo("Q990000002");
    // Georgia's capital, named beside it.
    assertThat(idOf("Georgia", LOCATION, "Georgia and Tbilisi were quiet on Monday.", Map.of("Tbilisi", LOCATION)))
        .isEqualTo("Q230");
    assertThat(idOf("Georgia", LOCATION, "Georgia and Atlanta were quiet on Monday.", Map.of("Atlanta", LOCATION)))
        .isEqualTo("Q1428");
  }

  @Test
  void anEntityMuchOfTheImportIsRelatedToTellsNothing() {
    // The state is in the United States and the country is not, but so much is in the United States
    // that naming it is no sign of the state.
    assertThat(idOf("Georgia", LOCATION, "Georgia and the United States were quiet on Monday.",
        Map.of("United States", LOCATION))).isEqualTo("location:georgia");
  }

  @Test
  void aNameThousandsBearLinksOnlyOnTheArticlesEvidence() throws IOException {
    // One well-known novelist named Ann Lee and 2,000 obscure namesakes, most of them only counted.
    List<String> lines = new ArrayList<>(List.of(TestDumps.person("Q99200", "Ann Lee", "Welsh novelist", 30)));
    for (int i = 1; i <= 2_000; i++) {
      lines.add(TestDumps.person("Q9920" + i, "Ann Lee", "person", 0));
    }
    Path file = dir.resolve("namesakes.json");
    Files.writeString(file, TestDumps.dump(lines));
    KnowledgeBaseVersions versions = new KnowledgeBaseVersions(dir.resolve("namesakes-kb"));
    new WikidataImport(new WikidataImport.Options(List.of("en"), 0)).run(file, versions, (p, l, k, r, t, e) -> {});
    try (ImportedEntities namesakes = versions.openCurrent().orElseThrow()) {
      KnowledgeBase many = KnowledgeBase.starter().withImported(namesakes);
      assertThat(idOf(many, "Ann Lee", PERSON, "Ann Lee was seen at the opening.")).isEqualTo("person:ann-lee");
      assertThat(idOf(many, "Ann Lee", PERSON, "Ann Lee, the novelist, was seen at the opening."))
          .isEqualTo("Q99200");
    }
  }

  @Test
  void theNewsroomsCorrectionsOverrideTheImport() {
    String politician = "Joan Harcourt, the Labour member of parliament for Leeds, spoke.";
    // The newsroom's own entry for the politician: its names replace the imported ones.
    KnowledgeBase renamed = kb.with(new KnowledgeBase.Entry("Q990000002", PERSON, "Joan Harcourt MP",
        List.of("Harcourt of Leeds"), List.of(), List.of(), false));
    assertThat(idOf(renamed, "Harcourt of Leeds", PERSON, "Harcourt of Leeds voted against the bill.")).isEqualTo("Q990000002");
    assertThat(idOf(renamed, "Joan Harcourt", PERSON, politician)).isNotEqualTo("Q990000002");
    // Disabled: never linked, whatever the article says.
    KnowledgeBase disabled = kb.with(new KnowledgeBase.Entry("Q990000002", PERSON, "Joan Harcourt", List.of(), List.of(),
        List.of(), true));
    assertThat(idOf(disabled, "Joan Harcourt", PERSON, politician)).isNotEqualTo("Q990000002");
  }

  private String idOf(String name, EntityType type, String body) {
    return idOf(kb, name, type, body);
  }

  private String idOf(String name, EntityType type, String body, Map<String, EntityType> alsoNamed) {
    return entity(kb, name, type, body, alsoNamed).getId();
  }

  private String idOf(KnowledgeBase against, String name, EntityType type, String body) {
    return entity(against, name, type, body).getId();
  }

  private Entity entity(KnowledgeBase against, String name, EntityType type, String body) {
    return entity(against, name, type, body, Map.of());
  }

  /** The entity {@code name} of the article, linked beside the others it names (as a recogniser would have found them). */
  private Entity entity(KnowledgeBase against, String name, EntityType type, String body, Map<String, EntityType> alsoNamed) {
    List<Span> spans = new ArrayList<>();
    Map<String, EntityType> names = new LinkedHashMap<>(alsoNamed);
    names.put(name, type);
    names.forEach((each, itsType) -> {
      for (int start = body.indexOf(each); start >= 0; start = body.indexOf(each, start + 1)) {
        spans.add(Span.of(itsType, body, start, start + each.length()));
      }
    });
    List<Entity> entities = linker.link("", body, resolver.resolve("", body, spans), against);
    return entities.stream().filter(e -> e.getType() == type && e.getSurfaceForms().contains(name)).findFirst().orElseThrow();
  }
}
