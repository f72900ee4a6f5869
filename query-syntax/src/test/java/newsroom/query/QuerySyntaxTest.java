package newsroom.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import newsroom.query.QuerySyntax.All;
import newsroom.query.QuerySyntax.Any;
import newsroom.query.QuerySyntax.Everything;
import newsroom.query.QuerySyntax.Not;
import newsroom.query.QuerySyntax.Phrase;
import newsroom.query.QuerySyntax.Word;
import org.junit.jupiter.api.Test;

class QuerySyntaxTest {
  private static Word w(String text) {
    return new Word(text);
  }

  @Test
  void wordsAreAllRequiredAndQuotesMakePhrases() {
    assertThat(QuerySyntax.parse("Tumen bridge")).isEqualTo(new All(List.of(w("Tumen"), w("bridge"))));
    assertThat(QuerySyntax.parse("\"Tumen River\" bridge"))
        .isEqualTo(new All(List.of(new Phrase(List.of("Tumen", "River")), w("bridge"))));
    assertThat(QuerySyntax.parse("Kim Jong-un")).isEqualTo(new All(List.of(w("Kim"), w("Jong-un"))));
  }

  @Test
  void orBindsLooserThanAndAndGroupsNest() {
    assertThat(QuerySyntax.parse("Putin OR Kim bridge"))
        .isEqualTo(new Any(List.of(w("Putin"), new All(List.of(w("Kim"), w("bridge"))))));
    assertThat(QuerySyntax.parse("(Putin OR Kim) AND bridge"))
        .isEqualTo(new All(List.of(new Any(List.of(w("Putin"), w("Kim"))), w("bridge"))));
  }

  @Test
  void notAndMinusExclude() {
    assertThat(QuerySyntax.parse("bridge -football NOT \"river cruise\""))
        .isEqualTo(new All(List.of(w("bridge"), new Not(w("football")), new Not(new Phrase(List.of("river", "cruise"))))));
    assertThat(QuerySyntax.parse("-(sport OR weather)")).isEqualTo(new Not(new Any(List.of(w("sport"), w("weather")))));
  }

  @Test
  void operatorsCountOnlyInCapitals() {
    assertThat(QuerySyntax.parse("rock and roll")).isEqualTo(new All(List.of(w("rock"), w("and"), w("roll"))));
    assertThat(QuerySyntax.parse("-OR")).isEqualTo(new Not(w("OR")));
  }

  @Test
  void typosAreForgiven() {
    assertThat(QuerySyntax.parse("\"Tumen bridge")).isEqualTo(new Phrase(List.of("Tumen", "bridge")));
    assertThat(QuerySyntax.parse("(Putin OR Kim")).isEqualTo(new Any(List.of(w("Putin"), w("Kim"))));
    assertThat(QuerySyntax.parse("Putin) bridge")).isEqualTo(new All(List.of(w("Putin"), w("bridge"))));
    assertThat(QuerySyntax.parse("AND Putin OR")).isEqualTo(w("Putin"));
    assertThat(QuerySyntax.parse("Putin NOT")).isEqualTo(w("Putin"));
    assertThat(QuerySyntax.parse("\"\" () -")).isEqualTo(w("-")); // the index finds no word in it: no constraint
    assertThat(QuerySyntax.parse("  ")).isEqualTo(new Everything());
  }

  @Test
  void queriesTooLargeToBeAPersonsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> QuerySyntax.parse("a ".repeat(600))).isInstanceOf(QuerySyntax.Invalid.class)
        .hasMessageContaining("at most 1000");
    assertThatThrownBy(() -> QuerySyntax.parse("w ".repeat(65))).hasMessageContaining("more than 64 words");
    assertThatThrownBy(() -> QuerySyntax.parse("(".repeat(9) + "x")).hasMessageContaining("nested more than 8");
  }
}
