package newsroom.enrich.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multinomial naive Bayes model of the corpus's topics, taught without labels by expectation
 * maximisation (McCallum and Nigam's bootstrapping from keywords and unlabelled text): the articles
 * the lexicon is sure about keep their topic, the others start from the lexicon's shares (or from
 * nothing, when it found no desk words) and are then given, round after round, the topics the model
 * of the round before assigns them. So every article of the corpus teaches, not only the sure ones,
 * and the words of a brief (a player's name, a company's) are learnt from the long articles that use
 * them beside desk words. Naive Bayes needs few examples per word, which is what a headline and a
 * sentence offer; Laplace smoothing keeps an unseen word from ruling a topic out.
 */
final class CorpusNaiveBayes {
  static final int ROUNDS = 5; // the dev set's accuracy settles by then; more rounds change nothing
  private static final int EVIDENCE = 5;

  /**
   * An article of the corpus: its terms and the topics it starts with (qcode → share, summing to at
   * most 1; empty when the lexicon found nothing); {@code fixed} when those are not to be re-estimated.
   */
  record Item(List<String> terms, Map<String, Double> topics, boolean fixed) {}

  private final List<String> qcodes;
  private final Map<String, Integer> vocabulary;
  private final double[] logPrior;        // by topic
  private final double[][] logLikelihood; // by topic, then term
  private final MediaTopics topics;

  private CorpusNaiveBayes(List<String> qcodes, Map<String, Integer> vocabulary, double[] logPrior,
                           double[][] logLikelihood, MediaTopics topics) {
    this.qcodes = qcodes;
    this.vocabulary = vocabulary;
    this.logPrior = logPrior;
    this.logLikelihood = logLikelihood;
    this.topics = topics;
  }

  /** Trains on the items (at least one of them with a topic), {@value #ROUNDS} rounds of EM. */
  static CorpusNaiveBayes train(List<Item> items, MediaTopics topics) {
    List<String> qcodes = items.stream().flatMap(i -> i.topics().keySet().stream()).distinct().sorted().toList();
    if (qcodes.isEmpty()) {
      throw new IllegalArgumentException("the corpus model needs at least one article with a topic");
    }
    Map<String, Integer> vocabulary = new HashMap<>();
    List<Counts> documents = new ArrayList<>(items.size());
    for (Item item : items) {
      documents.add(Counts.of(item.terms(), vocabulary, true));
    }
    double[][] shares = new double[items.size()][];
    for (int d = 0; d < items.size(); d++) {
      shares[d] = new double[qcodes.size()];
      for (var topic : items.get(d).topics().entrySet()) {
        shares[d][qcodes.indexOf(topic.getKey())] = topic.getValue();
      }
    }
    CorpusNaiveBayes model = estimate(qcodes, vocabulary, documents, shares, topics);
    for (int round = 0; round < ROUNDS; round++) {
      for (int d = 0; d < items.size(); d++) {
        if (!items.get(d).fixed()) {
          shares[d] = model.posterior(documents.get(d));
        }
      }
      model = estimate(qcodes, vocabulary, documents, shares, topics);
    }
    return model;
  }

  /** The maximisation step: priors and term likelihoods from the documents weighted by their shares. */
  private static CorpusNaiveBayes estimate(List<String> qcodes, Map<String, Integer> vocabulary,
                                           List<Counts> documents, double[][] shares, MediaTopics topics) {
    int k = qcodes.size();
    int v = vocabulary.size();
    double[][] termCounts = new double[k][v];
    double[] totals = new double[k];
    double[] weights = new double[k];
    for (int d = 0; d < documents.size(); d++) {
      Counts doc = documents.get(d);
      for (int c = 0; c < k; c++) {
        double share = shares[d][c];
        if (share == 0) {
          continue;
        }
        weights[c] += share;
        double[] row = termCounts[c];
        for (int i = 0; i < doc.ids.length; i++) {
          row[doc.ids[i]] += share * doc.counts[i];
          totals[c] += share * doc.counts[i];
        }
      }
    }
    double weightSum = Arrays.stream(weights).sum();
    double[] logPrior = new double[k];
    for (int c = 0; c < k; c++) {
      logPrior[c] = Math.log((weights[c] + 1) / (weightSum + k));
      double denominator = Math.log(totals[c] + v); // Laplace: one more for every term
      double[] row = termCounts[c];
      for (int t = 0; t < v; t++) {
        row[t] = Math.log(row[t] + 1) - denominator;
      }
    }
    return new CorpusNaiveBayes(qcodes, vocabulary, logPrior, termCounts, topics);
  }

  /** Each topic's probability for an article, by qcode (every topic the corpus taught). */
  Map<String, Double> scores(List<String> terms) {
    double[] posterior = posterior(Counts.of(terms, vocabulary, false));
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int c = 0; c < qcodes.size(); c++) {
      scores.put(qcodes.get(c), posterior[c]);
    }
    return scores;
  }

  /** The article's terms that speak most for the topic (likelier under it than under the corpus as a whole). */
  List<String> evidence(List<String> terms, String qcode) {
    int c = qcodes.indexOf(qcode);
    if (c < 0) {
      return List.of();
    }
    Counts doc = Counts.of(terms, vocabulary, false);
    double[] prior = new double[qcodes.size()];
    for (int k = 0; k < prior.length; k++) {
      prior[k] = Math.exp(logPrior[k]);
    }
    List<Map.Entry<String, Double>> lift = new ArrayList<>();
    for (int i = 0; i < doc.ids.length; i++) {
      int t = doc.ids[i];
      double overall = 0;
      for (int k = 0; k < prior.length; k++) {
        overall += prior[k] * Math.exp(logLikelihood[k][t]);
      }
      double contribution = doc.counts[i] * (logLikelihood[c][t] - Math.log(overall));
      if (contribution > 0) {
        lift.add(Map.entry(doc.terms[i], contribution));
      }
    }
    return lift.stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(EVIDENCE).map(Map.Entry::getKey).toList();
  }

  String name(String qcode) {
    return topics.get(qcode).map(MediaTopics.Topic::name).orElse(qcode);
  }

  /** The expectation step for one document: Bayes' rule in logs, normalised. */
  private double[] posterior(Counts doc) {
    int k = qcodes.size();
    double[] log = logPrior.clone();
    for (int c = 0; c < k; c++) {
      double[] row = logLikelihood[c];
      for (int i = 0; i < doc.ids.length; i++) {
        log[c] += doc.counts[i] * row[doc.ids[i]];
      }
    }
    double max = Arrays.stream(log).max().orElse(0);
    double sum = 0;
    for (int c = 0; c < k; c++) {
      log[c] = Math.exp(log[c] - max);
      sum += log[c];
    }
    for (int c = 0; c < k; c++) {
      log[c] /= sum;
    }
    return log;
  }

  /**
   * A document as its distinct terms, their ids and counts. {@code grow}: terms new to the
   * vocabulary join it (training); otherwise they are left out, as a word the corpus never used
   * says nothing about its topics.
   */
  private record Counts(String[] terms, int[] ids, int[] counts) {
    static Counts of(List<String> terms, Map<String, Integer> vocabulary, boolean grow) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (String term : terms) {
        if (grow || vocabulary.containsKey(term)) {
          counts.merge(term, 1, Integer::sum);
        }
      }
      String[] distinct = new String[counts.size()];
      int[] ids = new int[counts.size()];
      int[] n = new int[counts.size()];
      int i = 0;
      for (var e : counts.entrySet()) {
        distinct[i] = e.getKey();
        ids[i] = grow ? vocabulary.computeIfAbsent(e.getKey(), x -> vocabulary.size()) : vocabulary.get(e.getKey());
        n[i++] = e.getValue();
      }
      return new Counts(distinct, ids, n);
    }
  }
}
