package newsroom.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import newsroom.ingest.LanguageDetection;
import org.junit.jupiter.api.Test;

class ArticleGeneratorTest {
  @Test
  void everyLanguageWritesWholeArticlesThatLanguageDetectionReadsAsThatLanguage() {
    LanguageDetection detection = new LanguageDetection();
    for (String language : ArticleGenerator.LANGUAGES) {
      ArticleGenerator generator = new ArticleGenerator(new Random(1), language);
      for (int i = 0; i < 20; i++) {
        Map<String, Object> article = generator.article("test", i);
        String title = (String) article.get("title");
        String body = (String) article.get("body");
        assertThat(article.get("language")).isEqualTo(language);
        assertThat(title + body).as("every slot filled").doesNotContain("{", "}");
        assertThat(body.split("\\s+").length).isBetween(300, 700);
        assertThat(detection.detect(title, body, null)).as(language + " article " + i).isEqualTo(language);
      }
    }
  }

  @Test
  void anUnknownLanguageSaysWhichThereAre() {
    assertThatThrownBy(() -> new ArticleGenerator(new Random(1), "fr"))
        .hasMessage("no generated articles in 'fr'; the languages are en, es, de");
  }
}
