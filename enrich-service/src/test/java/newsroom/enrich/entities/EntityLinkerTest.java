package newsroom.enrich.entities;

import static newsroom.events.EntityType.LOCATION;
import static newsroom.events.EntityType.MISC;
import static newsroom.events.EntityType.ORGANIZATION;
import static newsroom.events.EntityType.PERSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import newsroom.events.Entity;
import newsroom.events.Mention;
import newsroom.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;

/** Linking rules on mentions given by hand (no model involved), against the starter knowledge base. */
class EntityLinkerTest {
  private final EntityResolver resolver = new EntityResolver();
  private final EntityLinker linker = new EntityLinker();

  /** Tags every occurrence of each name with its type, then resolves and links as the enricher does. */
  private List<Entity> link(String title, String body, Object... typeAndName) {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < typeAndName.length; i += 2) {
      String name = (String) typeAndName[i + 1];
      for (int start = body.indexOf(name); start >= 0; start = body.indexOf(name, start + 1)) {
        int s = start;
        boolean wholeWord = s + name.length() == body.length() || !Character.isLetter(body.charAt(s + name.length()));
        if (wholeWord && spans.stream().noneMatch(x -> x.overlaps(s, s + name.length()))) {
          spans.add(Span.of((newsroom.events.EntityType) typeAndName[i], body, start, start + name.length()));
        }
      }
    }
    return linker.link(title, body, resolver.resolve(title, body, spans), KnowledgeBase.starter());
  }

  private static Entity named(List<Entity> entities, String name) {
    return entities.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void knownEntitiesGetTheirWikidataIdAndCanonicalNameOthersKeepAStableLocalId() {
    List<Entity> entities = link("", "Putin met Kim Jong Un and Ri Son Gwon in Pyongyang.",
        PERSON, "Putin", PERSON, "Kim Jong Un", PERSON, "Ri Son Gwon", LOCATION, "Pyongyang");
    assertThat(named(entities, "Vladimir Putin").getId()).isEqualTo("Q7747");
    assertThat(named(entities, "Kim Jong-un").getId()).isEqualTo("Q56226");
    assertThat(named(entities, "Pyongyang").getLinked()).isTrue();
    Entity unknown = named(entities, "Ri Son Gwon");
    assertThat(unknown.getId()).isEqualTo("person:ri-son-gwon");
    assertThat(unknown.getLinked()).isFalse();
  }

  @Test
  void aliasesOfOneEntityMergeIntoIt() {
    List<Entity> entities = link("", "The DPRK fired a missile. North Korea said the U.S. was to blame; "
        + "United States officials disagreed.", LOCATION, "DPRK", LOCATION, "North Korea", LOCATION, "U.S.",
        LOCATION, "United States");
    assertThat(entities).extracting(Entity::getId).containsExactlyInAnyOrder("Q423", "Q30");
    assertThat(named(entities, "North Korea").getMentionCount()).isEqualTo(2);
    assertThat(named(entities, "United States").getSurfaceForms()).containsExactlyInAnyOrder("U.S.", "United States");
  }

  @Test
  void aDemonymJoinsItsPlaceButKeepsItsOwnClassOnTheMention() {
    List<Entity> entities = link("", "Russia warned on Monday. Russian troops moved west.",
        LOCATION, "Russia", MISC, "Russian");
    Entity russia = named(entities, "Russia");
    assertThat(russia.getId()).isEqualTo("Q159");
    assertThat(russia.getType()).isEqualTo(LOCATION);
    assertThat(russia.getMentions()).extracting(Mention::getText, Mention::getType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Russia", null),
            org.assertj.core.groups.Tuple.tuple("Russian", MISC));
  }

  @Test
  void aNameThatStartsWithTheKeepsItsThe() {
    String body = "The Associated Press reported it first.";
    Entity ap = named(link("", body, ORGANIZATION, "Associated Press"), "Associated Press");
    assertThat(ap.getId()).isEqualTo("Q40469");
    assertThat(ap.getMentions()).extracting(Mention::getText).containsExactly("The Associated Press");
    assertThat(ap.getMentions().get(0).getStart()).isZero();
  }

  @Test
  void aMentionLinksOnlyToAnEntryOfItsOwnClass() {
    List<Entity> entities = link("", "Jordan scored twice for the club.", PERSON, "Jordan");
    assertThat(named(entities, "Jordan").getId()).isEqualTo("person:jordan");
  }

  @Test
  void aNameOfSeveralEntriesIsNotLinked() {
    List<Entity> entities = link("", "Officials in Georgia counted the votes again.", LOCATION, "Georgia");
    assertThat(named(entities, "Georgia").getLinked()).isFalse();
  }

  @Test
  void placesInASportsReportAreMostlyTeamsAndStayUnlinked() {
    String report = "England beat Samoa 40-10 in the rugby match at the stadium. The coach praised the squad "
        + "after a second-half try; the league table now favours England.";
    List<Entity> entities = link("", report, LOCATION, "England", LOCATION, "Samoa");
    assertThat(entities).noneMatch(Entity::getLinked);
  }

  @Test
  void aPlaceFoundOnlyInsideALongerNameIsNotLinked() {
    List<Entity> entities = link("", "She read it in H Texas magazine last week.", LOCATION, "Texas");
    assertThat(named(entities, "Texas").getLinked()).isFalse();
  }

  @Test
  void theEntityInTheHeadlineAndLeadThatKeepsComingBackIsTheMostSalient() {
    String title = "Putin visits Pyongyang";
    String body = "Vladimir Putin arrived in Pyongyang on Wednesday for talks.\nPutin was greeted at the airport.\n"
        + "Later he laid a wreath. A spokesman in Moscow said Putin would return on Thursday.";
    List<Entity> entities = link(title, body, PERSON, "Vladimir Putin", PERSON, "Putin", LOCATION, "Pyongyang",
        LOCATION, "Moscow");
    assertThat(entities.get(0).getName()).isEqualTo("Vladimir Putin");
    assertThat(entities.get(0).getSalience()).isEqualTo(1.0f);
    assertThat(named(entities, "Moscow").getSalience()).isLessThan(named(entities, "Pyongyang").getSalience());
  }
}
