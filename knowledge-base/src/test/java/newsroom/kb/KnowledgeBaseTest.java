package newsroom.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import newsroom.events.EntityType;
import newsroom.kb.KnowledgeBase.Candidate;
import newsroom.kb.KnowledgeBase.Entry;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
  private final KnowledgeBase kb = KnowledgeBase.starter();

  private static List<String> ids(List<Candidate> candidates) {
    return candidates.stream().map(c -> c.entry().id()).toList();
  }

  @Test
  void theStarterKnowsTheEntitiesOfTheBridgeSampleByTheirWikidataIds() {
    assertThat(ids(kb.candidates("Vladimir Putin"))).containsExactly("Q7747");
    assertThat(ids(kb.candidates("Kim Jong Un"))).containsExactly("Q56226");
    assertThat(ids(kb.candidates("Pyongyang"))).containsExactly("Q18808");
    assertThat(ids(kb.candidates("Moscow"))).containsExactly("Q649");
    assertThat(ids(kb.candidates("Soviet Union"))).containsExactly("Q15180");
    assertThat(ids(kb.candidates("South Korea"))).containsExactly("Q884");
    assertThat(ids(kb.candidates("Ukraine"))).containsExactly("Q212");
  }

  @Test
  void countriesAndContinentsGoByTheirNamesInTheOtherRecognisedLanguagesFromCldr() {
    assertThat(ids(kb.candidates("Estados Unidos"))).containsExactly("Q30");
    assertThat(ids(kb.candidates("Vereinigte Staaten"))).containsExactly("Q30");
    assertThat(ids(kb.candidates("États-Unis"))).containsExactly("Q30");
    assertThat(ids(kb.candidates("Stati Uniti"))).containsExactly("Q30");
    assertThat(ids(kb.candidates("Alemania"))).containsExactly("Q183");
    assertThat(ids(kb.candidates("Südkorea"))).containsExactly("Q884");
    assertThat(ids(kb.candidates("Birmania"))).containsExactly("Q836"); // "Myanmar (Birmania)" in CLDR
    assertThat(ids(kb.candidates("Europa"))).containsExactly("Q46"); // UN M.49 area 150
    assertThat(kb.get("Q30").orElseThrow().aliases()).containsOnlyOnce("Estados Unidos");
  }

  @Test
  void aCldrNameThatAlreadyNamesAnotherEntryIsNotAddedToACountry() {
    Entry georgia = new Entry("Q230", EntityType.LOCATION, "Georgia", List.of(), List.of(), List.of(), false);
    Entry state = new Entry("Q1428", EntityType.LOCATION, "Georgia (U.S. state)", List.of("Georgien"), List.of(),
        List.of(), false);
    var entries = new java.util.LinkedHashMap<String, Entry>();
    entries.put(georgia.id(), georgia);
    entries.put(state.id(), state);
    var named = RegionNames.add(entries);
    assertThat(named.get("Q230").aliases()).contains("Géorgie")
        .doesNotContain("Georgien"); // the country's German name in CLDR, and already the other entry's alias
  }

  @Test
  void aliasesAcronymsAndDemonymsMatchWhateverTheCaseDotsOrLeadingThe() {
    assertThat(ids(kb.candidates("DPRK"))).containsExactly("Q423");
    assertThat(ids(kb.candidates("Democratic People’s Republic of Korea"))).containsExactly("Q423");
    assertThat(ids(kb.candidates("U.S."))).containsExactly("Q30");
    assertThat(ids(kb.candidates("US"))).containsExactly("Q30");
    assertThat(ids(kb.candidates("the Ukraine"))).containsExactly("Q212");
    assertThat(kb.candidates("Russians")).singleElement().satisfies(c -> {
      assertThat(c.entry().id()).isEqualTo("Q159");
      assertThat(c.demonym()).isTrue();
    });
  }

  @Test
  void aNameOfSeveralEntitiesHasSeveralCandidates() {
    assertThat(ids(kb.candidates("Georgia"))).containsExactlyInAnyOrder("Q230", "Q1428");
  }

  @Test
  void aNewsroomEntryOverridesTheStarterAndRemovingItRevertsToIt() {
    Entry correction = new Entry("Q230", EntityType.LOCATION, "Georgia (country)", List.of("Sakartvelo"), List.of(),
        List.of("Georgia"), false);
    KnowledgeBase corrected = kb.with(correction);
    assertThat(ids(corrected.candidates("Georgia"))).containsExactly("Q1428");
    assertThat(corrected.get("Q230")).contains(correction);
    assertThat(corrected.isNewsroomEntry("Q230")).isTrue();

    KnowledgeBase reverted = corrected.without("Q230");
    assertThat(ids(reverted.candidates("Georgia"))).containsExactlyInAnyOrder("Q230", "Q1428");
    assertThat(reverted.get("Q230").orElseThrow().name()).isEqualTo("Georgia");
  }

  @Test
  void aDisabledEntryLinksNothing() {
    Entry disabled = new Entry("Q7747", EntityType.PERSON, "Vladimir Putin", List.of("Putin"), List.of(), List.of(), true);
    assertThat(kb.with(disabled).candidates("Putin")).isEmpty();
  }

  @Test
  void newsroomEntriesAreValidatedWithReasons() {
    Entry bad = new Entry("423", null, " ", List.of(""), List.of(), List.of(), false);
    assertThat(KnowledgeBase.problems(bad)).hasSize(4)
        .anyMatch(p -> p.startsWith("id:")).anyMatch(p -> p.startsWith("name:"))
        .anyMatch(p -> p.startsWith("type:")).anyMatch(p -> p.startsWith("aliases:"));
    assertThat(KnowledgeBase.problems(new Entry("person:jane-doe", EntityType.PERSON, "Jane Doe", List.of(), List.of(),
        List.of(), false))).isEmpty();
  }
}
