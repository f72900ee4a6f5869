package newsroom.tools.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import newsroom.enrich.topics.CorpusTopics;
import newsroom.enrich.topics.DeskLexiconClassifier;
import newsroom.enrich.topics.TopicClassifier;
import newsroom.enrich.topics.TopicScore;
import newsroom.enrich.topics.TrainedTopicModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom eval topics --data DIR}: scores the shipped default classifier (or a trained
 * model, or K-fold training on DIR itself) on a desk-labelled folder. An article counts as right
 * when its most likely topic is the Media Topic its desk label maps to.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Score Media Topic classification on a desk-labelled folder (labels.csv + article files).")
final class TopicsEval implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "Folder with labels.csv, e.g. ../shared/eval/topics-bbc")
  Path dir;
  @Option(names = "--mapping", description = "Desk label → Media Topic CSV (default: ../../taxonomy/iptc-media-topics/category-mappings.csv from --data)")
  Path mapping;
  @Option(names = "--dataset", defaultValue = "bbc-news", description = "Rows of the mapping file to use (its 'dataset' column; default: ${DEFAULT-VALUE})")
  String dataset;
  @Option(names = "--model", description = "Score this trained model (from ./newsroom topics train) instead of the shipped default")
  Path model;
  @Option(names = "--cross-validate", paramLabel = "K", description = "Train and test the trainable layer by K folds on --data")
  Integer folds;
  @Option(names = "--short-items", paramLabel = "N", defaultValue = "0",
      description = "Score short items instead of whole articles: each article's headline and its first N sentences"
          + " (1 to 3: feed items and wire briefs; default: whole articles)")
  int shortItems;
  @Option(names = "--seed", defaultValue = "42",
      description = "The shipped default adapts to the articles as they stream in; they stream in a fixed shuffle by this seed"
          + " (folders list articles by desk, a newsroom's stream is mixed; default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(dir.resolve("labels.csv"))) {
      System.err.println("newsroom eval topics: " + dir.resolve("labels.csv") + " not found");
      return 2;
    }
    Path map = mapping != null ? mapping : dir.resolve("../../taxonomy/iptc-media-topics/category-mappings.csv").normalize();
    System.err.println("reading " + dir + " …");
    if (shortItems < 0 || shortItems > 20) {
      System.err.println("newsroom eval topics: --short-items must be 0 (whole articles) to 20 sentences");
      return 2;
    }
    TopicDataset data = TopicDataset.read(dir, map, dataset, shortItems);
    List<String[]> outcomes = new ArrayList<>(); // {gold qcode, predicted qcode}
    long start = System.nanoTime();
    String what;
    if (folds != null) {
      what = folds + "-fold cross-validation of the trainable layer";
      crossValidate(data, folds, outcomes);
    } else if (model == null) {
      what = "shipped default (" + DeskLexiconClassifier.NAME + " adapting to the corpus as it streams, order seed " + seed + ")";
      List<String[]> lexiconAlone = new ArrayList<>();
      stream(data, seed, outcomes, lexiconAlone);
      System.out.printf("desk lexicon alone: accuracy %.3f%n", accuracy(lexiconAlone));
    } else {
      TopicClassifier classifier = TrainedTopicModel.load(Files.newBufferedReader(model, StandardCharsets.UTF_8));
      what = classifier.name();
      for (TopicDataset.Article article : data.articles()) {
        outcomes.add(new String[] {article.qcode(), top(classifier.classify(article.terms()))});
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (shortItems > 0) {
      what += "; short items: headline and first " + shortItems + (shortItems == 1 ? " sentence" : " sentences");
    }
    print(what, data, outcomes, seconds);
    return 0;
  }

  /**
   * The articles stream through the shipped default as they would through enrich-service: each is
   * decided by what the corpus before it taught, then teaches it (the same {@link CorpusTopics}).
   */
  static void stream(TopicDataset data, long seed, List<String[]> outcomes, List<String[]> lexiconAlone) {
    List<TopicDataset.Article> articles = new ArrayList<>(data.articles());
    Collections.shuffle(articles, new Random(seed));
    DeskLexiconClassifier lexicon = DeskLexiconClassifier.load();
    CorpusTopics corpus = new CorpusTopics(CorpusTopics.DEFAULT_CAPACITY, Runnable::run);
    for (TopicDataset.Article article : articles) {
      List<TopicScore> decided = lexicon.classify(article.terms());
      lexiconAlone.add(new String[] {article.qcode(), top(decided)});
      outcomes.add(new String[] {article.qcode(), top(corpus.decide(article.terms(), decided))});
      corpus.learn(article.terms(), decided);
    }
  }

  /** Deterministic folds (fixed shuffle); each article is predicted by a model that never saw it. */
  private static void crossValidate(TopicDataset data, int k, List<String[]> outcomes) {
    List<TopicDataset.Article> articles = new ArrayList<>(data.articles());
    Collections.shuffle(articles, new Random(42));
    for (int fold = 0; fold < k; fold++) {
      List<TrainedTopicModel.Example> train = new ArrayList<>();
      List<TopicDataset.Article> test = new ArrayList<>();
      for (int i = 0; i < articles.size(); i++) {
        if (i % k == fold) {
          test.add(articles.get(i));
        } else {
          train.add(articles.get(i).example());
        }
      }
      TrainedTopicModel model = TrainedTopicModel.train(train, Instant.EPOCH);
      for (TopicDataset.Article article : test) {
        outcomes.add(new String[] {article.qcode(), top(model.classify(article.terms()))});
      }
      System.err.printf("  fold %d/%d%n", fold + 1, k);
    }
  }

  private static String top(List<TopicScore> scores) {
    return scores.isEmpty() ? "(none)" : scores.get(0).qcode();
  }

  static double accuracy(List<String[]> outcomes) {
    return (double) outcomes.stream().filter(o -> o[0].equals(o[1])).count() / outcomes.size();
  }

  private static void print(String what, TopicDataset data, List<String[]> outcomes, double seconds) {
    Map<String, int[]> counts = new TreeMap<>(); // qcode → {tp, fp, fn}
    for (String[] o : outcomes) {
      if (o[0].equals(o[1])) {
        counts.computeIfAbsent(o[0], q -> new int[3])[0]++;
      } else {
        counts.computeIfAbsent(o[1], q -> new int[3])[1]++;
        counts.computeIfAbsent(o[0], q -> new int[3])[2]++;
      }
    }
    System.out.printf("%n%s on %d articles%n", what, outcomes.size());
    System.out.printf("%-18s %9s %7s %7s %6s%n", "Media Topic", "precision", "recall", "F1", "gold");
    counts.forEach((qcode, c) -> {
      double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
      double r = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
      double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
      System.out.printf("%-18s %9.3f %7.3f %7.3f %6d%n", qcode, p, r, f, c[0] + c[2]);
    });
    System.out.printf("accuracy %.3f%n%.0f articles/s%n", accuracy(outcomes), outcomes.size() / seconds);
  }
}
