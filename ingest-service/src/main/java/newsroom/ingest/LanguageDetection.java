package newsroom.ingest;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * The language of an article, from its text (Lingua, all spoken languages, trigram models). What the
 * sender or the page declares is a hint: it decides only when the text is too short or too
 * ambiguous to tell, since CMS templates often declare one language for every page.
 */
public final class LanguageDetection {
  private static final int SAMPLE = 3_000;
  /** The text overrules a declaration when the runner-up language is at most this likely relative to the best. */
  private static final double CLEAR_MARGIN = 0.5;
  private static final int MIN_SURE_LENGTH = 40;

  private final LanguageDetector detector = LanguageDetectorBuilder.fromAllSpokenLanguages()
      .withLowAccuracyMode() // trigrams only: ~75 MB instead of ~1 GB, and accurate on article-length text
      .withPreloadedLanguageModels()
      .build();

  /** ISO 639-1 code, or null when neither the text nor a hint tells. */
  public String detect(String title, String body, String declared) {
    String sample = (title + "\n" + body);
    sample = sample.length() > SAMPLE ? sample.substring(0, SAMPLE) : sample;
    SortedMap<Language, Double> confidences = detector.computeLanguageConfidenceValues(sample);
    if (confidences.isEmpty()) {
      return declared;
    }
    // Lingua's values are relative: the likeliest language has 1.0. A close runner-up means the text does not tell.
    var ranked = confidences.entrySet().iterator();
    Map.Entry<Language, Double> best = ranked.next();
    double runnerUp = ranked.hasNext() ? ranked.next().getValue() : 0;
    String detected = code(best.getKey());
    if (declared == null || declared.equals(detected)) {
      return detected;
    }
    boolean sure = sample.length() >= MIN_SURE_LENGTH && runnerUp <= CLEAR_MARGIN * best.getValue();
    if (sure) {
      return detected;
    }
    // Not sure: keep the declared language if the text reads nearly as well in it.
    return confidences.entrySet().stream().anyMatch(e -> declared.equals(code(e.getKey())) && e.getValue() >= CLEAR_MARGIN)
        ? declared : detected;
  }

  private static String code(Language language) {
    return language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }
}
