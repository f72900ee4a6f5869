package newsroom.enrich.topics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped default, adapted to the corpus seen so far (self-training, no labels): a naive Bayes
 * model of the latest articles ({@link CorpusNaiveBayes}), started from what the desk lexicon said
 * of each, learns the newsroom's wider vocabulary (names, jargon, phrasing no lexicon lists). Once
 * there is such a model, a top-level topic's score is w × its probability under the model + (1 − w)
 * × the lexicon's confidence, so a topic the corpus has not taught yet still counts; w grows with
 * the articles the lexicon was sure about, to {@value #MODEL_WEIGHT} at {@value #TRUSTED_EXAMPLES}.
 *
 * <p>Training runs on the given executor (a background thread in the service, so the stream does
 * not wait; the caller's thread in tests and evaluation) once {@value #MIN_EXAMPLES} articles are
 * sure examples, then whenever a quarter of the articles are new since the last training; meanwhile
 * the previous model decides. Training costs in proportion to the articles, so this bounds it at
 * about four trainings per capacity's worth of articles however long the stream runs (a full corpus
 * of 5,000 is retrained every 1,250 new articles).
 */
public final class CorpusTopics {
  public static final int DEFAULT_CAPACITY = 5_000;
  /** A lexicon decision this sure (one topic, or this share of the score) makes an example. */
  static final double SURE = 0.7;
  static final int MIN_EXAMPLES = 50;
  static final double MODEL_WEIGHT = 0.7;
  static final int TRUSTED_EXAMPLES = 250;
  private static final double MIN_SCORE = 0.2;
  private static final int EVIDENCE = 5;
  private static final Logger LOG = LoggerFactory.getLogger(CorpusTopics.class);

  private record Adapted(CorpusNaiveBayes model, int articles, int examples) {}

  private final int capacity;
  private final Executor trainer;
  private final MediaTopics topics = MediaTopics.load();
  private final Deque<CorpusNaiveBayes.Item> articles = new ArrayDeque<>();
  private final AtomicReference<Adapted> adapted = new AtomicReference<>();
  private final AtomicBoolean training = new AtomicBoolean();
  private int examples; // the articles in the corpus the lexicon was sure about
  private int articlesAtLastTraining;
  private int newSinceTraining;
  private boolean trained;

  /** Keeps the latest {@code capacity} articles; trains on {@code trainer}. */
  public CorpusTopics(int capacity, Executor trainer) {
    this.capacity = capacity;
    this.trainer = trainer;
  }

  /** The topic an article teaches for sure (the lexicon's top-level decision), when the lexicon is sure of it. */
  public static Optional<String> sureTopic(List<TopicScore> lexiconTopLevel) {
    return lexiconTopLevel.isEmpty() || lexiconTopLevel.getFirst().confidence() < SURE ? Optional.empty()
        : Optional.of(lexiconTopLevel.getFirst().qcode());
  }

  /** Adds an article with the lexicon's top-level topics (evicting the oldest beyond capacity) and trains when due. */
  public void learn(List<String> terms, List<TopicScore> lexiconTopLevel) {
    remember(terms, lexiconTopLevel);
    trainIfDue();
  }

  /** Adds an article without training: for replaying the articles logged before a restart. */
  public void remember(List<String> terms, List<TopicScore> lexiconTopLevel) {
    Optional<String> sure = sureTopic(lexiconTopLevel);
    Map<String, Double> start = new LinkedHashMap<>();
    if (sure.isPresent()) {
      start.put(sure.get(), 1.0);
    } else {
      lexiconTopLevel.forEach(t -> start.merge(t.qcode(), t.confidence(), Double::sum));
    }
    articles.addLast(new CorpusNaiveBayes.Item(List.copyOf(terms), start, sure.isPresent()));
    examples += sure.isPresent() ? 1 : 0;
    newSinceTraining++;
    while (articles.size() > capacity) {
      examples -= articles.removeFirst().fixed() ? 1 : 0;
    }
  }

  /** Trains (on the executor) when there are enough examples and a quarter of the articles are new since the last time. */
  public void trainIfDue() {
    int size = articles.size();
    boolean due = examples >= MIN_EXAMPLES
        && (!trained || newSinceTraining >= Math.max(1, articlesAtLastTraining / 4));
    if (!due || articles.stream().filter(CorpusNaiveBayes.Item::fixed)
        .map(i -> i.topics().keySet().iterator().next()).distinct().count() < 2
        || !training.compareAndSet(false, true)) {
      return;
    }
    List<CorpusNaiveBayes.Item> snapshot = new ArrayList<>(articles);
    int sure = examples;
    trained = true;
    articlesAtLastTraining = size;
    newSinceTraining = 0;
    trainer.execute(() -> {
      try {
        adapted.set(new Adapted(CorpusNaiveBayes.train(snapshot, topics), snapshot.size(), sure));
      } catch (RuntimeException e) {
        LOG.error("could not adapt the topic classifier to the corpus; keeping the previous one", e);
      } finally {
        training.set(false);
      }
    });
  }

  /**
   * The top-level topics: the lexicon's alone until the corpus has taught a model, then both
   * together. The model orders them and may add one; it never takes away a topic the lexicon found
   * words for. Its probabilities are single-label (an article belongs to one topic), so on an
   * article about two things (diplomacy in wartime) it pushes the second down, and a corpus unlike
   * the article (a sports site's one election story) can push the article's real topic below the cut.
   */
  public List<TopicScore> decide(List<String> terms, List<TopicScore> lexiconTopLevel) {
    Adapted current = adapted.get();
    if (current == null) {
      return lexiconTopLevel;
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    double weight = modelWeight(current.examples());
    current.model().scores(terms).forEach((qcode, p) -> scores.merge(qcode, weight * p, Double::sum));
    Map<String, TopicScore> byLexicon = new LinkedHashMap<>();
    for (TopicScore t : lexiconTopLevel) {
      scores.merge(t.qcode(), (1 - weight) * t.confidence(), Double::sum);
      byLexicon.put(t.qcode(), t);
    }
    double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return scores.entrySet().stream()
        .filter(e -> e.getValue() >= MIN_SCORE && e.getValue() >= 0.5 * best || byLexicon.containsKey(e.getKey()))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> {
          Set<String> evidence = new LinkedHashSet<>(current.model().evidence(terms, e.getKey()));
          TopicScore lexicon = byLexicon.get(e.getKey());
          if (lexicon != null) {
            evidence.addAll(lexicon.evidence());
          }
          return new TopicScore(e.getKey(), current.model().name(e.getKey()), DeskLexiconClassifier.round(e.getValue()),
              evidence.stream().limit(EVIDENCE).toList());
        })
        .toList();
  }

  /**
   * How far a model is trusted against the lexicon, by the {@code examples} (articles the lexicon
   * was sure about) it started from: fully ({@value #MODEL_WEIGHT}) from {@value #TRUSTED_EXAMPLES}
   * on, in proportion before. A model of a newsroom's first few dozen articles knows little beyond
   * them and must not overrule the lexicon.
   */
  static double modelWeight(int examples) {
    return MODEL_WEIGHT * Math.min(1.0, examples / (double) TRUSTED_EXAMPLES);
  }

  /** Provenance for events: the lexicon's name, and how many of the corpus's articles taught it. */
  public String name(String lexicon) {
    Adapted current = adapted.get();
    return current == null ? lexicon : lexicon + "+corpus-" + current.articles();
  }

  /** The articles the corpus holds. */
  public int articles() {
    return articles.size();
  }
}
