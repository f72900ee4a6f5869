package newsroom.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

/**
 * Stop words and stems by language, from Lucene's analyzer for it (Snowball stop lists and stemmers,
 * or Lucene's light stemmers): what stories and keywords compare articles by. A language Lucene has
 * no analyzer for, or an article without a language, is read as English.
 */
public final class LanguageText {
  /** How to make a language's analyzer, and its stop words. */
  private record Kind(Supplier<Analyzer> analyzer, Supplier<CharArraySet> stopWords) {}

  private static final Map<String, Kind> KINDS = Map.ofEntries(
      Map.entry("en", new Kind(EnglishAnalyzer::new, EnglishAnalyzer::getDefaultStopSet)),
      Map.entry("es", new Kind(SpanishAnalyzer::new, SpanishAnalyzer::getDefaultStopSet)),
      Map.entry("de", new Kind(GermanAnalyzer::new, GermanAnalyzer::getDefaultStopSet)),
      Map.entry("fr", new Kind(FrenchAnalyzer::new, FrenchAnalyzer::getDefaultStopSet)),
      Map.entry("it", new Kind(ItalianAnalyzer::new, ItalianAnalyzer::getDefaultStopSet)),
      Map.entry("pt", new Kind(PortugueseAnalyzer::new, PortugueseAnalyzer::getDefaultStopSet)),
      Map.entry("nl", new Kind(DutchAnalyzer::new, DutchAnalyzer::getDefaultStopSet)),
      Map.entry("sv", new Kind(SwedishAnalyzer::new, SwedishAnalyzer::getDefaultStopSet)),
      Map.entry("da", new Kind(DanishAnalyzer::new, DanishAnalyzer::getDefaultStopSet)),
      Map.entry("no", new Kind(NorwegianAnalyzer::new, NorwegianAnalyzer::getDefaultStopSet)),
      Map.entry("nb", new Kind(NorwegianAnalyzer::new, NorwegianAnalyzer::getDefaultStopSet)),
      Map.entry("fi", new Kind(FinnishAnalyzer::new, FinnishAnalyzer::getDefaultStopSet)),
      Map.entry("ca", new Kind(CatalanAnalyzer::new, CatalanAnalyzer::getDefaultStopSet)),
      Map.entry("eu", new Kind(BasqueAnalyzer::new, BasqueAnalyzer::getDefaultStopSet)),
      Map.entry("gl", new Kind(GalicianAnalyzer::new, GalicianAnalyzer::getDefaultStopSet)),
      Map.entry("ro", new Kind(RomanianAnalyzer::new, RomanianAnalyzer::getDefaultStopSet)),
      Map.entry("ru", new Kind(RussianAnalyzer::new, RussianAnalyzer::getDefaultStopSet)),
      Map.entry("bg", new Kind(BulgarianAnalyzer::new, BulgarianAnalyzer::getDefaultStopSet)),
      Map.entry("cs", new Kind(CzechAnalyzer::new, CzechAnalyzer::getDefaultStopSet)),
      Map.entry("hu", new Kind(HungarianAnalyzer::new, HungarianAnalyzer::getDefaultStopSet)),
      Map.entry("el", new Kind(GreekAnalyzer::new, GreekAnalyzer::getDefaultStopSet)),
      Map.entry("tr", new Kind(TurkishAnalyzer::new, TurkishAnalyzer::getDefaultStopSet)),
      Map.entry("ar", new Kind(ArabicAnalyzer::new, ArabicAnalyzer::getDefaultStopSet)),
      Map.entry("fa", new Kind(PersianAnalyzer::new, PersianAnalyzer::getDefaultStopSet)),
      Map.entry("hi", new Kind(HindiAnalyzer::new, HindiAnalyzer::getDefaultStopSet)),
      Map.entry("id", new Kind(IndonesianAnalyzer::new, IndonesianAnalyzer::getDefaultStopSet)));
  private static final Map<String, Analyzer> LOADED = new ConcurrentHashMap<>();
  /**
   * Languages whose names inflect ("die Vereinigten Staaten", "des Bundestages"), each with Lucene's
   * minimal stemmer for it, which takes only the endings of case and number off.
   */
  private static final Map<String, Analyzer> NAME_ENDINGS = Map.of("de", new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      Tokenizer words = new WhitespaceTokenizer();
      return new TokenStreamComponents(words, new GermanMinimalStemFilter(words));
    }
  });

  private LanguageText() {}

  /** The base code of a language tag, lower-cased ("es-MX", "es_MX" → "es"); null for none. */
  public static String baseCode(String tag) {
    return tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
  }

  /** The base code of a language tag when Lucene analyses that language, else "en". */
  public static String language(String tag) {
    String code = baseCode(tag);
    return code != null && KINDS.containsKey(code) ? code : "en";
  }

  /** Lower-cased, stop words out, stemmed, as the language's analyzer does; digits-only and one-letter terms dropped. */
  public static List<String> stems(String text, String languageTag) {
    List<String> terms = tokens(analyzer(languageTag), text);
    terms.removeIf(t -> t.length() < 2 || t.chars().allMatch(Character::isDigit));
    return terms;
  }

  /**
   * A lower-cased name without the endings its language inflects it with, when it inflects names:
   * "vereinigten staaten" and "vereinigte staaten" are both "vereinigt staat" in German.
   */
  public static Optional<String> withoutEndings(String lowerCaseName, String languageTag) {
    Analyzer analyzer = NAME_ENDINGS.get(language(languageTag));
    if (analyzer == null) {
      return Optional.empty();
    }
    return Optional.of(String.join(" ", tokens(analyzer, lowerCaseName)));
  }

  /** The tokens {@code analyzer} makes of {@code text}, in order. */
  public static List<String> tokens(Analyzer analyzer, String text) {
    List<String> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a String
    }
    return tokens;
  }

  /** The language's stop words (Lucene's default list for it). */
  public static CharArraySet stopWords(String languageTag) {
    return KINDS.get(language(languageTag)).stopWords().get();
  }

  private static Analyzer analyzer(String languageTag) {
    return LOADED.computeIfAbsent(language(languageTag), code -> KINDS.get(code).analyzer().get());
  }
}
