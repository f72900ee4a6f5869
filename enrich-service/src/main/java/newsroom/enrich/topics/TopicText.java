package newsroom.enrich.topics;

import java.util.List;
import newsroom.text.LanguageText;

/** The terms topics are decided on: Lucene's analysis (lower case, no stop words, stems), English unless told. */
public final class TopicText {
  private TopicText() {}

  public static List<String> terms(String text) {
    return terms(text, "en");
  }

  public static List<String> terms(String text, String language) {
    return LanguageText.stems(text, language);
  }
}
