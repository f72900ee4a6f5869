package newsroom.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageTextTest {
  @Test
  void eachLanguageIsStemmedAndStoppedByItsOwnAnalyzer() {
    assertThat(LanguageText.stems("Los acuerdos del gobierno", "es")).containsExactly("acuerd", "gobiern");
    assertThat(LanguageText.stems("Die Verhandlungen der Regierungen", "de-AT")).containsExactly("verhandlung", "regierung");
    assertThat(LanguageText.stems("The agreements of the governments", "en")).containsExactly("agreement", "govern");
    assertThat(LanguageText.stems("The agreements of 2024", "xx")).as("read as English").containsExactly("agreement");
    assertThat(LanguageText.stopWords("es").contains("los")).isTrue();
    assertThat(LanguageText.stopWords("es").contains("the")).isFalse();
  }

  @Test
  void germanNamesLoseTheirEndingsOfCaseAndNumberOnly() {
    assertThat(LanguageText.withoutEndings("vereinigten staaten", "de"))
        .isEqualTo(LanguageText.withoutEndings("vereinigte staaten", "de")).isPresent();
    assertThat(LanguageText.withoutEndings("estados unidos", "es")).as("Spanish does not inflect names").isEmpty();
  }

  @Test
  void aLanguageTagIsReadByItsBaseCode() {
    assertThat(LanguageText.baseCode("es_MX")).isEqualTo("es");
    assertThat(LanguageText.baseCode(" PT-br ")).isEqualTo("pt");
    assertThat(LanguageText.baseCode("")).isNull();
    assertThat(LanguageText.language("pt-BR")).isEqualTo("pt");
    assertThat(LanguageText.language("zz")).isEqualTo("en");
  }
}
