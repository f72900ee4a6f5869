package newsroom.enrich.related;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.text.LanguageText;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Keyword candidates of an article: its words and two-word phrases, lower-cased, without the stop
 * words of its language (and, in English, the filler words of news copy), the headline counting
 * twice. Which of them are keywords depends on the corpus: see {@link ArticleRelator}.
 */
public final class Keywords {
  private static final Set<String> NEWS_FILLER = Set.of("said", "says", "say", "told", "tell", "year", "years", "new",
      "one", "two", "three", "also", "would", "could", "should", "will", "can", "just", "like", "last", "first", "more",
      "most", "many", "much", "some", "than", "over", "after", "before", "about", "people", "time", "times", "week",
      "weeks", "day", "days", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "month",
      "months", "mr", "mrs", "ms", "its", "it's", "has", "have", "had", "been", "were", "was", "are", "is", "did", "does",
      "now", "still", "even", "well", "back", "get", "got", "made", "make", "may", "might", "must", "per", "cent", "percent",
      "according", "including", "since", "while", "where", "when", "what", "which", "who", "whom", "whose", "how", "why",
      "all", "any", "each", "other", "our", "their", "his", "her", "him", "she", "they", "them", "you", "your", "we", "out",
      "off", "into", "onto", "upon", "there", "here", "these", "those", "this", "that", "then", "but", "and", "the", "for");
  private static final Map<String, Analyzer> ANALYZERS = new ConcurrentHashMap<>();

  private Keywords() {}

  /** English words without its stop words and news filler; other languages' without Lucene's stop list for them. */
  private static Analyzer analyzer(String languageTag) {
    return ANALYZERS.computeIfAbsent(LanguageText.language(languageTag), language -> {
      CharArraySet stop = new CharArraySet(language.equals("en") ? EnglishAnalyzer.ENGLISH_STOP_WORDS_SET
          : LanguageText.stopWords(language), true);
      if (language.equals("en")) {
        stop.addAll(NEWS_FILLER);
      }
      return new StandardAnalyzer(stop);
    });
  }

  /** Candidate terms with their counts (headline twice), in order of first appearance. */
  public static Map<String, Integer> candidates(String title, String body, String languageTag) {
    Analyzer analyzer = analyzer(languageTag);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String text : List.of(title, title, body)) {
      String previous = null;
      try (TokenStream stream = analyzer.tokenStream("text", text)) {
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute gap = stream.addAttribute(PositionIncrementAttribute.class);
        stream.reset();
        while (stream.incrementToken()) {
          String word = term.toString();
          boolean usable = word.length() >= 3 && word.chars().anyMatch(Character::isLetter)
              && word.chars().allMatch(c -> Character.isLetter(c) || c == '-' || c == '\'');
          if (!usable) {
            previous = null;
            continue;
          }
          counts.merge(word, 1, Integer::sum);
          if (previous != null && gap.getPositionIncrement() == 1) {
            counts.merge(previous + " " + word, 1, Integer::sum);
          }
          previous = word;
        }
        stream.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // cannot happen on a String
      }
    }
    return counts;
  }

  /**
   * The {@code n} keywords of an article's candidates: TF-IDF against the recent corpus, which counts
   * the article in when {@code count} (a new article, not a revision).
   */
  static List<String> choose(Map<String, Integer> candidates, DocumentFrequencies frequencies, boolean count, int n) {
    double documents = frequencies.documents() + (count ? 1 : 0);
    Map<String, Double> scores = new HashMap<>();
    Map<String, Double> before = new HashMap<>();
    for (var e : candidates.entrySet()) {
      double known = frequencies.frequency(e.getKey());
      before.put(e.getKey(), known);
      double df = known + (count ? 1 : 0);
      double idf = Math.log((documents + 1.0) / (df + 1.0)) + 1;
      double phrase = e.getKey().contains(" ") ? 1.2 : 1; // a phrase says more than either word
      if (e.getValue() > 1 || e.getKey().contains(" ") || df > 1) {
        scores.put(e.getKey(), (1 + Math.log(e.getValue())) * idf * phrase);
      }
    }
    if (count) {
      frequencies.count(before);
    }
    return top(scores, n);
  }

  /** The top {@code n} by score, a word left out when a chosen phrase contains it. */
  static List<String> top(Map<String, Double> scores, int n) {
    List<Map.Entry<String, Double>> ranked = new ArrayList<>(scores.entrySet());
    ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<String> chosen = new ArrayList<>();
    for (Map.Entry<String, Double> scored : ranked) {
      String term = scored.getKey();
      boolean covered = chosen.stream().anyMatch(c -> c.contains(" ") && List.of(c.split(" ")).contains(term))
          || chosen.stream().anyMatch(c -> !c.contains(" ") && term.contains(" ") && List.of(term.split(" ")).contains(c));
      if (!covered) {
        chosen.add(term);
      }
      if (chosen.size() == n) {
        break;
      }
    }
    return chosen;
  }
}
