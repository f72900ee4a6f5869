package newsroom.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import newsroom.query.QuerySyntax;
import org.junit.jupiter.api.Test;

class SearchQueriesTest {
  @Test
  void anArticlesStemsAreMarkedWithItsLanguage() {
    assertThat(ArticleDocument.stems("Los acuerdos del gobierno", "es")).isEqualTo("es:acuerd es:gobiern");
    assertThat(ArticleDocument.stems("The agreements", null)).isEqualTo("en:agreement");
  }

  @Test
  void aWordMatchesAsWrittenOrByItsStemInEachIndexedLanguageAndAPhraseAsWritten() {
    String word = SearchQueries.of(QuerySyntax.parse("acuerdos"), List.of("en", "es")).toString();
    assertThat(word).contains("acuerdos", "es:acuerd", "en:acuerdo", "body_stems").doesNotContain("de:");

    String phrase = SearchQueries.of(QuerySyntax.parse("\"los acuerdos\""), List.of("en", "es")).toString();
    assertThat(phrase).doesNotContain("body_stems");

    String alone = SearchQueries.of(QuerySyntax.parse("acuerdos"), List.of()).toString();
    assertThat(alone).as("no language indexed yet").doesNotContain("body_stems");
  }
}
