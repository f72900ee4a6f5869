package newsroom.enrich.topics;

import java.util.List;
import newsroom.text.LanguageText;

/** The terms topics are decided on: Lucene's English analysis (lower case, no stop words, Porter stems). */
public final class TopicText {
  private TopicText() {}

  public static List<String> terms(String text) {
    return LanguageText.stems(text, "en");
  }
}
