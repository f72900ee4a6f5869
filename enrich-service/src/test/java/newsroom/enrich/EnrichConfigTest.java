package newsroom.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import newsroom.enrich.entities.RecognitionLanguage;
import newsroom.service.Settings;
import org.junit.jupiter.api.Test;

class EnrichConfigTest {
  @Test
  void everyLanguageWhoseModelIsInTheBuildIsOnByDefaultAndEnglishAlways() {
    assertThat(EnrichConfig.from(new Settings(Map.of())).languages())
        .contains(RecognitionLanguage.ENGLISH, RecognitionLanguage.SPANISH, RecognitionLanguage.GERMAN) // the default build's
        .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(RecognitionLanguage.values())
            .filter(RecognitionLanguage::installed).toList());
    assertThat(EnrichConfig.from(new Settings(Map.of("ENRICH_LANGUAGES", "es"))).languages())
        .containsExactlyInAnyOrder(RecognitionLanguage.ENGLISH, RecognitionLanguage.SPANISH);
    assertThat(EnrichConfig.from(new Settings(Map.of("ENRICH_LANGUAGES", ""))).languages())
        .containsExactly(RecognitionLanguage.ENGLISH);
  }

  @Test
  void anUnknownLanguageOrOneWhoseModelIsNotInTheBuildIsAConfigurationErrorThatSaysWhatToDo() {
    assertThatThrownBy(() -> EnrichConfig.from(new Settings(Map.of("ENRICH_LANGUAGES", "es,nl"))))
        .hasMessageContaining("ENRICH_LANGUAGES=es,nl: no recognition model for 'nl'; the languages are en, es, de, fr, it");
    org.junit.jupiter.api.Assumptions.assumeFalse(RecognitionLanguage.FRENCH.installed(), "built with -Pmore-languages");
    assertThatThrownBy(() -> EnrichConfig.from(new Settings(Map.of("ENRICH_LANGUAGES", "fr"))))
        .hasMessageContaining("the fr model (stanford-corenlp models-french) is not in this build;"
            + " build with ./mvnw -Pmore-languages package");
  }
}
