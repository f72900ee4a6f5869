package newsroom.enrich.entities;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.ling.CoreLabel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreNlpRecognizerTest {
  @Test
  void onlySentencesWithACapitalisedWordBeyondAnOpeningFunctionWordAreClassified() {
    assertThat(CoreNlpRecognizer.mayName(words("It was raining in the capital when the talks began ."), RecognitionLanguage.ENGLISH)).isFalse();
    assertThat(CoreNlpRecognizer.mayName(words("the vote was close ."), RecognitionLanguage.ENGLISH)).isFalse();
    assertThat(CoreNlpRecognizer.mayName(words("\" We will not accept delays , \" she said ."), RecognitionLanguage.ENGLISH)).isTrue(); // "We" is not first
    assertThat(CoreNlpRecognizer.mayName(words("Merkel said the talks went well ."), RecognitionLanguage.ENGLISH)).isTrue(); // a name opens it
    assertThat(CoreNlpRecognizer.mayName(words("It was raining in Geneva ."), RecognitionLanguage.ENGLISH)).isTrue();
    assertThat(CoreNlpRecognizer.mayName(words("the iPhone sold out ."), RecognitionLanguage.ENGLISH)).isTrue();
  }

  private static List<CoreLabel> words(String sentence) {
    return Arrays.stream(sentence.split(" ")).map(w -> {
      CoreLabel label = new CoreLabel();
      label.setWord(w);
      return label;
    }).toList();
  }
}
