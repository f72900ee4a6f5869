package newsroom.enrich.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import newsroom.events.EntityType;
import org.junit.jupiter.api.Test;

class RecognizersTest {
  private final List<RecognitionLanguage> loads = new ArrayList<>();

  private static EntityRecognizer named(String name) {
    return new EntityRecognizer() {
      @Override
      public List<Span> recognize(String text) {
        return List.of();
      }

      @Override
      public String modelName() {
        return name;
      }
    };
  }

  private Recognizers recognizers(long heapLeftMegabytes, RecognitionLanguage... languages) {
    return new Recognizers(named("english"), EnumSet.of(RecognitionLanguage.ENGLISH, languages), language -> {
      loads.add(language);
      return named(language.code());
    }, () -> heapLeftMegabytes);
  }

  @Test
  void aLanguageModelIsLoadedOnItsFirstArticleAndOnlyOnce() {
    Recognizers recognizers = recognizers(10_000, RecognitionLanguage.SPANISH, RecognitionLanguage.GERMAN);

    assertThat(recognizers.forLanguage("en")).map(EntityRecognizer::modelName).contains("english");
    assertThat(recognizers.forLanguage(null)).as("no language: English").map(EntityRecognizer::modelName).contains("english");
    assertThat(loads).as("nothing loaded for English").isEmpty();

    assertThat(recognizers.forLanguage("es-MX")).map(EntityRecognizer::modelName).contains("es");
    assertThat(recognizers.forLanguage("es")).map(EntityRecognizer::modelName).contains("es");
    assertThat(loads).containsExactly(RecognitionLanguage.SPANISH);

    assertThat(recognizers.forLanguage("fr")).as("not enabled").isEmpty();
    assertThat(recognizers.forLanguage("nl")).as("no model at all").isEmpty();
    assertThat(loads).containsExactly(RecognitionLanguage.SPANISH);
  }

  @Test
  void aModelTheHeapHasNoRoomForIsNotLoadedAndItsArticlesGetNoEntities() {
    Recognizers recognizers = recognizers(RecognitionLanguage.GERMAN.heapMegabytes(), RecognitionLanguage.GERMAN);

    assertThat(recognizers.forLanguage("de")).isEmpty(); // no quarter to spare
    assertThat(recognizers.forLanguage("en")).isPresent();
    assertThat(loads).isEmpty();
  }

  @Test
  void spanishAndGermanAdjectivesOfNamesAreNotNamesButTheNamesAre() {
    List<Span> spanish = CoreNlpRecognizer.load(RecognitionLanguage.SPANISH)
        .recognize("El canciller alemán, Olaf Scholz, viajó a Estados Unidos con la delegación europea.");
    assertThat(spanish).extracting(Span::text).contains("Olaf Scholz", "Estados Unidos").doesNotContain("alemán", "europea");
    assertThat(spanish).filteredOn(s -> s.text().equals("Olaf Scholz")).extracting(Span::type)
        .containsOnly(EntityType.PERSON);

    List<Span> german = CoreNlpRecognizer.load(RecognitionLanguage.GERMAN)
        .recognize("Der deutsche Kanzler Olaf Scholz reiste mit der europäischen Delegation in die Vereinigten Staaten.");
    assertThat(german).extracting(Span::text).contains("Olaf Scholz").doesNotContain("deutsche", "europäischen");
  }
}
