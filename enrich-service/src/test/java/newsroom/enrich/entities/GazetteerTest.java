package newsroom.enrich.entities;

import static org.assertj.core.api.Assertions.assertThat;

import newsroom.events.EntityType;
import newsroom.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;

class GazetteerTest {
  private final KnowledgeBase kb = KnowledgeBase.starter();

  @Test
  void findsKnownNamesInAHeadingLongestFirst() {
    String heading = "Putin and Kim Jong Un Open Bridge to North Korea";
    assertThat(Gazetteer.find(heading, kb)).extracting(Span::text, Span::type).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Putin", EntityType.PERSON),
        org.assertj.core.groups.Tuple.tuple("Kim Jong Un", EntityType.PERSON),
        org.assertj.core.groups.Tuple.tuple("North Korea", EntityType.LOCATION));
  }

  @Test
  void acronymsKeepTheirDotsDemonymsAreMiscAndAmbiguousNamesAreLeftAlone() {
    String heading = "U.S. Sanctions Russian Banks Over Georgia";
    assertThat(Gazetteer.find(heading, kb)).extracting(Span::text, Span::type).containsExactly(
        org.assertj.core.groups.Tuple.tuple("U.S.", EntityType.LOCATION),
        org.assertj.core.groups.Tuple.tuple("Russian", EntityType.MISC));
  }

  @Test
  void offsetsPointAtTheName() {
    String heading = "Talks in Geneva";
    Span geneva = Gazetteer.find(heading, kb).get(0);
    assertThat(heading.substring(geneva.start(), geneva.end())).isEqualTo("Geneva");
  }
}
