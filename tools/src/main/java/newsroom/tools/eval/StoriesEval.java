package newsroom.tools.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import newsroom.enrich.stories.StoryClusterer;
import newsroom.service.ServiceHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom eval stories --data FILE.jsonl}: streams labelled headlines (Id, clusterNo,
 * textCleaned) through the story clusterer enrich-service uses, in file order, with the article
 * count as the clock, and scores the stories against the gold clusters.
 */
@Command(name = "stories", mixinStandardHelpOptions = true,
    description = "Score online story clustering on a JSONL file of headlines with gold clusters.")
final class StoriesEval implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "JSONL file, e.g. ../shared/eval/story-clusters/News.jsonl")
  Path file;

  @Override
  public Integer call() throws IOException {
    if (!Files.exists(file)) {
      System.err.println("newsroom eval stories: " + file + " not found");
      return 2;
    }
    List<String> ids = new ArrayList<>();
    List<Integer> gold = new ArrayList<>();
    List<List<String>> tokens = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode doc = ServiceHttp.JSON.readTree(line);
      ids.add(doc.path("Id").asText());
      gold.add(doc.path("clusterNo").asInt());
      String text = doc.path("textCleaned").asText().strip();
      tokens.add(text.isEmpty() ? List.of() : List.of(text.split("\\s+")));
    }
    StoryClusterer clusterer = new StoryClusterer(StoryClusterer.Settings.headlines());
    long start = System.nanoTime();
    for (int i = 0; i < ids.size(); i++) {
      clusterer.add(ids.get(i), tokens.get(i), i);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> predicted = ids.stream().map(clusterer::storyOf).toList();
    ClusteringScores scores = ClusteringScores.of(gold, predicted);
    System.out.printf("%d headlines, %d gold stories, %d stories found%n", ids.size(),
        gold.stream().distinct().count(), clusterer.storyCount());
    System.out.printf("NMI %.3f%n", scores.nmi());
    System.out.printf("pairwise precision %.3f, recall %.3f, F1 %.3f%n", scores.precision(), scores.recall(), scores.f1());
    System.out.printf("%.0f headlines/s (one thread)%n", ids.size() / seconds);
    return 0;
  }

  /** NMI (arithmetic-mean normalisation) and pairwise precision/recall over same-cluster pairs. */
  record ClusteringScores(double nmi, double precision, double recall) {
    double f1() {
      return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    static <G, P> ClusteringScores of(List<G> gold, List<P> predicted) {
      int n = gold.size();
      Map<G, Integer> goldSizes = new HashMap<>();
      Map<P, Integer> predictedSizes = new HashMap<>();
      Map<List<Object>, Integer> joint = new HashMap<>();
      for (int i = 0; i < n; i++) {
        goldSizes.merge(gold.get(i), 1, Integer::sum);
        predictedSizes.merge(predicted.get(i), 1, Integer::sum);
        joint.merge(List.of(gold.get(i), predicted.get(i)), 1, Integer::sum);
      }
      double mutual = 0;
      for (var e : joint.entrySet()) {
        @SuppressWarnings("unchecked") G g = (G) e.getKey().get(0);
        @SuppressWarnings("unchecked") P p = (P) e.getKey().get(1);
        double c = e.getValue();
        mutual += c / n * Math.log(c * n / ((double) goldSizes.get(g) * predictedSizes.get(p)));
      }
      double hg = entropy(goldSizes, n);
      double hp = entropy(predictedSizes, n);
      double nmi = hg + hp == 0 ? 1 : 2 * mutual / (hg + hp);
      double together = pairs(joint);
      double predictedPairs = pairs(predictedSizes);
      double goldPairs = pairs(goldSizes);
      return new ClusteringScores(nmi, predictedPairs == 0 ? 0 : together / predictedPairs,
          goldPairs == 0 ? 0 : together / goldPairs);
    }

    private static double entropy(Map<?, Integer> sizes, int n) {
      return -sizes.values().stream().mapToDouble(c -> (double) c / n * Math.log((double) c / n)).sum();
    }

    private static double pairs(Map<?, Integer> sizes) {
      return sizes.values().stream().mapToDouble(c -> c * (c - 1) / 2.0).sum();
    }
  }
}
