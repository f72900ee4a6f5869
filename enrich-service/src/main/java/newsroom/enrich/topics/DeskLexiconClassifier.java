package newsroom.enrich.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.text.LanguageText;

/**
 * The shipped default: no labelled data, only a lexicon of each top-level Media Topic's desk
 * vocabulary (written for this project). An article scores, for each topic, the sum over its
 * lexicon terms of 1 + ln(term count); topics with enough evidence ({@link #minScore}) that score at
 * least half the best are kept (an article can be politics and conflict), each with its share of
 * the kept scores as confidence and the terms that weighed most as evidence.
 *
 * <p>Spanish, German, French and Italian have lexicons of their own, written the same way. No labelled
 * items in those languages were at hand to measure them, so their confidences are halved: a consumer
 * that keeps topics above a threshold chosen on English keeps fewer of them.
 */
public final class DeskLexiconClassifier implements TopicClassifier {
  public static final String NAME = "desk-lexicon-2"; // 2: a brief needs one desk term, not two
  private static final String RESOURCE = "/newsroom/topics/desk-lexicon.tsv";
  private static final double KEEP_FRACTION_OF_BEST = 0.5;
  private static final double MIN_SCORE = 2.0;
  private static final double MIN_BRIEF_SCORE = 1.0;
  /** Fewer analysed terms than this (about 200 words: a headline and a paragraph or two) make a brief. */
  private static final int BRIEF_TERMS = 100;
  private static final int EVIDENCE = 5;
  private static final Set<String> TRANSLATED = Set.of("es", "de", "fr", "it");
  private static final double UNMEASURED_CONFIDENCE = 0.5;
  /** Languages that write compounds as one word, their last part the head: "Bundestagswahl" is a "Wahl". */
  private static final Set<String> CLOSED_COMPOUNDS = Set.of("de");
  /** The shortest head and the shortest first part a compound is split into ("Beispiel" is no "Spiel"). */
  private static final int COMPOUND_PART = 4;
  private static final Map<String, Optional<DeskLexiconClassifier>> BY_LANGUAGE = new ConcurrentHashMap<>();

  private final String name;
  private final Map<String, Set<String>> lexicon;
  private final Set<String> allWords = new HashSet<>();
  private final MediaTopics topics;
  private final double confidenceScale;
  private final boolean compounds;

  private DeskLexiconClassifier(String name, Map<String, Set<String>> lexicon, MediaTopics topics,
                                double confidenceScale, boolean compounds) {
    this.name = name;
    this.lexicon = lexicon;
    this.topics = topics;
    this.confidenceScale = confidenceScale;
    this.compounds = compounds;
    lexicon.values().forEach(allWords::addAll);
  }

  /** The English lexicon: the shipped default. */
  public static DeskLexiconClassifier load() {
    MediaTopics topics = MediaTopics.load();
    return new DeskLexiconClassifier(NAME, Lexicons.read(RESOURCE, topics, "en"), topics, 1.0, false);
  }

  /** The lexicon written for a language other than English ("es", "de-AT"), loaded on first use; empty for others. */
  public static Optional<DeskLexiconClassifier> forLanguage(String languageTag) {
    String code = LanguageText.baseCode(languageTag);
    if (code == null || !TRANSLATED.contains(code)) {
      return Optional.empty();
    }
    return BY_LANGUAGE.computeIfAbsent(code, c -> {
      MediaTopics topics = MediaTopics.load();
      return Optional.of(new DeskLexiconClassifier("desk-lexicon-" + c + "-1",
          Lexicons.read("/newsroom/topics/desk-lexicon-" + c + ".tsv", topics, c), topics,
          UNMEASURED_CONFIDENCE, CLOSED_COMPOUNDS.contains(c)));
    });
  }

  @Override
  public List<TopicScore> classify(List<String> terms) {
    Map<String, Integer> counts = new HashMap<>();
    terms.forEach(t -> counts.merge(t, 1, Integer::sum));
    Map<String, String> lexiconWord = new HashMap<>(); // an article term -> the lexicon word it counts as
    counts.keySet().forEach(t -> lexiconWord.put(t, compounds ? head(t) : t));
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, List<Map.Entry<String, Double>>> evidence = new HashMap<>();
    lexicon.forEach((qcode, words) -> {
      double score = 0;
      List<Map.Entry<String, Double>> found = new ArrayList<>();
      for (var e : counts.entrySet()) {
        if (words.contains(lexiconWord.get(e.getKey()))) {
          double weight = 1 + Math.log(e.getValue());
          score += weight;
          found.add(Map.entry(e.getKey(), weight));
        }
      }
      scores.put(qcode, score);
      evidence.put(qcode, found);
    });
    double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    List<Map.Entry<String, Double>> kept = scores.entrySet().stream()
        .filter(e -> e.getValue() >= minScore(terms.size()) && e.getValue() >= KEEP_FRACTION_OF_BEST * best)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .toList();
    double total = kept.stream().mapToDouble(Map.Entry::getValue).sum();
    return kept.stream().map(e -> new TopicScore(e.getKey(), topics.get(e.getKey()).orElseThrow().name(),
        round(confidenceScale * e.getValue() / total), evidence.get(e.getKey()).stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .limit(EVIDENCE).map(Map.Entry::getKey).toList())).toList();
  }

  /**
   * The evidence a topic needs: two desk terms (or one twice) in an article, one in a brief. A stray
   * desk word in 500 words of prose is noise; the only desk word of a headline and a sentence or two
   * is what the item is about, and feed items and wire briefs are often no longer than that.
   */
  static double minScore(int terms) {
    return terms < BRIEF_TERMS ? MIN_BRIEF_SCORE : MIN_SCORE;
  }

  /** The term itself when a lexicon lists it, else the longest listed last part of it, else the term. */
  private String head(String term) {
    if (allWords.contains(term)) {
      return term;
    }
    for (int start = COMPOUND_PART; start <= term.length() - COMPOUND_PART; start++) {
      String last = term.substring(start);
      if (allWords.contains(last)) {
        return last;
      }
    }
    return term;
  }

  @Override
  public String name() {
    return name;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
