package newsroom.enrich.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shipped default: no labelled data, only a lexicon of each top-level Media Topic's desk
 * vocabulary (written for this project). An article scores, for each topic, the sum over its
 * lexicon terms of 1 + ln(term count); topics with enough evidence ({@link #minScore}) that score at
 * least half the best are kept (an article can be politics and conflict), each with its share of
 * the kept scores as confidence and the terms that weighed most as evidence.
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

  private final Map<String, Set<String>> lexicon;
  private final MediaTopics topics;

  private DeskLexiconClassifier(Map<String, Set<String>> lexicon, MediaTopics topics) {
    this.lexicon = lexicon;
    this.topics = topics;
  }

  public static DeskLexiconClassifier load() {
    MediaTopics topics = MediaTopics.load();
    return new DeskLexiconClassifier(Lexicons.read(RESOURCE, topics), topics);
  }

  @Override
  public List<TopicScore> classify(List<String> terms) {
    Map<String, Integer> counts = new HashMap<>();
    terms.forEach(t -> counts.merge(t, 1, Integer::sum));
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, List<Map.Entry<String, Double>>> evidence = new HashMap<>();
    lexicon.forEach((qcode, words) -> {
      double score = 0;
      List<Map.Entry<String, Double>> found = new ArrayList<>();
      for (var e : counts.entrySet()) {
        if (words.contains(e.getKey())) {
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
        round(e.getValue() / total), evidence.get(e.getKey()).stream()
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

  @Override
  public String name() {
    return NAME;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
