package newsroom.enrich.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import newsroom.events.Entity;
import newsroom.events.EntityType;
import newsroom.events.Mention;
import newsroom.events.TextField;
import org.junit.jupiter.api.Test;

/** The merging rules, on mentions given by hand (no model involved). */
class EntityResolverTest {
  private final EntityResolver resolver = new EntityResolver();

  private static List<Span> tag(String text, Object... typeAndName) {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < typeAndName.length; i += 2) {
      String name = (String) typeAndName[i + 1];
      int start = text.indexOf(name);
      while (start >= 0) {
        int end = start + name.length();
        int s = start;
        if (spans.stream().noneMatch(x -> x.overlaps(s, end))) {
          spans.add(Span.of((EntityType) typeAndName[i], text, start, end));
          break;
        }
        start = text.indexOf(name, start + 1);
      }
    }
    return spans;
  }

  private static Map<String, Entity> byName(List<Entity> entities) {
    return entities.stream().collect(Collectors.toMap(Entity::getName, e -> e));
  }

  @Test
  void shortFormsOfPeopleMergeIntoTheFullNameWhicheverEndTheFamilyNameIsOn() {
    String body = "Vladimir Putin met Kim Jong-un. Putin smiled and Kim waved.";
    var entities = byName(resolver.resolve("Putin and Kim meet", body, tag(body,
        EntityType.PERSON, "Vladimir Putin", EntityType.PERSON, "Kim Jong-un",
        EntityType.PERSON, "Putin", EntityType.PERSON, "Kim")));

    assertThat(entities).containsOnlyKeys("Vladimir Putin", "Kim Jong-un");
    assertThat(entities.get("Vladimir Putin").getSurfaceForms()).containsExactlyInAnyOrder("Vladimir Putin", "Putin");
    assertThat(entities.get("Kim Jong-un").getId()).isEqualTo("person:kim-jong-un");
    assertThat(entities.get("Kim Jong-un").getMentions()).extracting(Mention::getField)
        .containsExactly(TextField.TITLE, TextField.BODY, TextField.BODY);
  }

  @Test
  void anAmbiguousShortFormStaysApart() {
    String body = "Kim Jong-un and Kim Yo-jong arrived. Kim spoke.";
    var entities = byName(resolver.resolve("Visit", body, tag(body,
        EntityType.PERSON, "Kim Jong-un", EntityType.PERSON, "Kim Yo-jong", EntityType.PERSON, "Kim")));
    assertThat(entities).containsKeys("Kim Jong-un", "Kim Yo-jong", "Kim");
  }

  @Test
  void parenthesisedAliasesAndAcronymsMergeUnderTheMostUsedName() {
    String body = "North Korea (Democratic People's Republic of Korea, DPRK) said so. "
        + "North Korea and the DPRK army, North Korea again.";
    var entities = byName(resolver.resolve("T", body, tag(body,
        EntityType.LOCATION, "North Korea", EntityType.MISC, "Democratic People",
        EntityType.LOCATION, "'s Republic of Korea", EntityType.ORGANIZATION, "DPRK")));

    assertThat(entities).containsOnlyKeys("North Korea");
    Entity korea = entities.get("North Korea");
    assertThat(korea.getType()).isEqualTo(EntityType.LOCATION);
    assertThat(korea.getSurfaceForms()).containsExactlyInAnyOrder("North Korea", "DPRK", "Democratic People's Republic of Korea");
    assertThat(korea.getMentionCount()).isEqualTo(6);
  }

  @Test
  void acronymsWithDotsMatchTheirInitials() {
    String body = "The United States objected. U.S. officials spoke.";
    var entities = byName(resolver.resolve("T", body, tag(body,
        EntityType.LOCATION, "United States", EntityType.LOCATION, "U.S.")));
    assertThat(entities).containsOnlyKeys("United States");
  }

  @Test
  void aNameTaggedOnceIsTaggedEverywhereWithOffsetsThatPointAtIt() {
    String body = "Kursk was shelled. Troops left Kursk on Monday.";
    Entity kursk = resolver.resolve("T", body, tag(body, EntityType.LOCATION, "Kursk")).get(0);
    assertThat(kursk.getMentionCount()).isEqualTo(2);
    for (Mention m : kursk.getMentions()) {
      assertThat(body.substring(m.getStart(), m.getEnd())).isEqualTo("Kursk");
    }
  }

  @Test
  void differentPeopleWithTheSameTypeAreNotMerged() {
    String body = "Mikhail Mishustin called Pak Thae-song.";
    var entities = byName(resolver.resolve("T", body, tag(body,
        EntityType.PERSON, "Mikhail Mishustin", EntityType.PERSON, "Pak Thae-song")));
    assertThat(entities).containsOnlyKeys("Mikhail Mishustin", "Pak Thae-song");
  }

  @Test
  void aSurnameTheModelTookForAPlaceIsThePersonTheArticleIntroduced() {
    String body = "MaliVai Washington beat Todd Martin. Washington served well.";
    var entities = byName(resolver.resolve("T", body, tag(body,
        EntityType.PERSON, "MaliVai Washington", EntityType.PERSON, "Todd Martin", EntityType.LOCATION, "Washington")));
    assertThat(entities).containsOnlyKeys("MaliVai Washington", "Todd Martin");
    assertThat(entities.get("MaliVai Washington").getMentionCount()).isEqualTo(2);
  }

  @Test
  void anOrganisationsFirstWordTheModelTookForAPersonIsTheOrganisation() {
    String body = "Magna International raised its dividend. Magna said sales rose.";
    var entities = byName(resolver.resolve("T", body, tag(body,
        EntityType.ORGANIZATION, "Magna International", EntityType.PERSON, "Magna")));
    assertThat(entities).containsOnlyKeys("Magna International");
    assertThat(entities.get("Magna International").getType()).isEqualTo(EntityType.ORGANIZATION);
  }

  @Test
  void slugsAreStableAsciiIds() {
    assertThat(EntityResolver.slug("Zürich Société Générale")).isEqualTo("zurich-societe-generale");
  }
}
