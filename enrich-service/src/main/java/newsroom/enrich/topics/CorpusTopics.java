package newsroom.enrich.topics;

import java.time.Instant;
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
 * The shipped default, adapted to the corpus seen so far (self-training, no labels): articles the
 * desk lexicon is sure about become examples, and a logistic regression trained on the latest of
 * them learns the newsroom's wider vocabulary (names, jargon, phrasing no lexicon lists). Once there
 * is such a model, a top-level topic's score is w × its probability under the model + (1 − w) × the
 * lexicon's confidence, so a topic the corpus has not taught yet still counts; w grows with the
 * examples the model learnt from, to {@value #MODEL_WEIGHT} at {@value #TRUSTED_EXAMPLES}.
 *
 * <p>Training runs on the given executor (a background thread in the service, so the stream does
 * not wait; the caller's thread in tests and evaluation) whenever a quarter of the examples are new
 * since the last training; meanwhile the previous model decides. Training costs in proportion to the
 * examples, so this bounds it at about four trainings per capacity's worth of articles however long
 * the stream runs (a full corpus of 5,000 is retrained every 1,250 new examples).
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

  private record Adapted(TrainedTopicModel model, int examples) {}

  private final int capacity;
  private final Executor trainer;
  private final Deque<TrainedTopicModel.Example> examples = new ArrayDeque<>();
  private final AtomicReference<Adapted> adapted = new AtomicReference<>();
  private final AtomicBoolean training = new AtomicBoolean();
  private int examplesAtLastTraining;
  private int newSinceTraining;
  private boolean trained;

  /** Keeps the latest {@code capacity} examples; trains on {@code trainer}. */
  public CorpusTopics(int capacity, Executor trainer) {
    this.capacity = capacity;
    this.trainer = trainer;
  }

  /** The topic an article teaches (the lexicon's top-level decision), when the lexicon is sure of it. */
  public static Optional<String> sureTopic(List<TopicScore> lexiconTopLevel) {
    return lexiconTopLevel.isEmpty() || lexiconTopLevel.getFirst().confidence() < SURE ? Optional.empty()
        : Optional.of(lexiconTopLevel.getFirst().qcode());
  }

  /** Adds an example (evicting the oldest beyond capacity) and trains when enough are new. */
  public void learn(List<String> terms, String qcode) {
    remember(terms, qcode);
    trainIfDue();
  }

  /** Adds an example without training: for replaying the examples logged before a restart. */
  public void remember(List<String> terms, String qcode) {
    examples.addLast(new TrainedTopicModel.Example(List.copyOf(terms), qcode));
    newSinceTraining++;
    while (examples.size() > capacity) {
      examples.removeFirst();
    }
  }

  /** Trains (on the executor) when there are enough examples and a quarter of them are new since the last time. */
  public void trainIfDue() {
    int size = examples.size();
    boolean due = size >= MIN_EXAMPLES
        && (!trained || newSinceTraining >= Math.max(1, examplesAtLastTraining / 4));
    if (!due || examples.stream().map(TrainedTopicModel.Example::qcode).distinct().count() < 2
        || !training.compareAndSet(false, true)) {
      return;
    }
    List<TrainedTopicModel.Example> snapshot = new ArrayList<>(examples);
    trained = true;
    examplesAtLastTraining = size;
    newSinceTraining = 0;
    trainer.execute(() -> {
      try {
        adapted.set(new Adapted(TrainedTopicModel.train(snapshot, Instant.EPOCH), snapshot.size()));
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
   * words for. It is single-label by training (one sure topic per example), so on an article about
   * two things (diplomacy in wartime) it pushes the second down, and a corpus unlike the article
   * (a sports site's one election story) can push the article's real topic below the cut.
   */
  public List<TopicScore> decide(List<String> terms, List<TopicScore> lexiconTopLevel) {
    Adapted current = adapted.get();
    if (current == null) {
      return lexiconTopLevel;
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, Set<String>> evidence = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    double weight = modelWeight(current.examples());
    for (TopicScore t : current.model().scores(terms)) {
      scores.merge(t.qcode(), weight * t.confidence(), Double::sum);
      evidence.computeIfAbsent(t.qcode(), q -> new LinkedHashSet<>()).addAll(t.evidence());
      names.put(t.qcode(), t.name());
    }
    for (TopicScore t : lexiconTopLevel) {
      scores.merge(t.qcode(), (1 - weight) * t.confidence(), Double::sum);
      evidence.computeIfAbsent(t.qcode(), q -> new LinkedHashSet<>()).addAll(t.evidence());
      names.put(t.qcode(), t.name());
    }
    Set<String> foundByLexicon = new LinkedHashSet<>();
    lexiconTopLevel.forEach(t -> foundByLexicon.add(t.qcode()));
    double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return scores.entrySet().stream()
        .filter(e -> e.getValue() >= MIN_SCORE && e.getValue() >= 0.5 * best || foundByLexicon.contains(e.getKey()))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new TopicScore(e.getKey(), names.get(e.getKey()), DeskLexiconClassifier.round(e.getValue()),
            evidence.get(e.getKey()).stream().limit(EVIDENCE).toList()))
        .toList();
  }

  /**
   * How far a model taught by {@code examples} articles is trusted against the lexicon: fully
   * ({@value #MODEL_WEIGHT}) from {@value #TRUSTED_EXAMPLES} on, in proportion before. A model of a
   * newsroom's first few dozen articles knows little beyond them and must not overrule the lexicon.
   */
  static double modelWeight(int examples) {
    return MODEL_WEIGHT * Math.min(1.0, examples / (double) TRUSTED_EXAMPLES);
  }

  /** Provenance for events: the lexicon's name, and how many of the corpus's articles taught it. */
  public String name(String lexicon) {
    Adapted current = adapted.get();
    return current == null ? lexicon : lexicon + "+corpus-" + current.examples();
  }

  public int examples() {
    return examples.size();
  }
}
