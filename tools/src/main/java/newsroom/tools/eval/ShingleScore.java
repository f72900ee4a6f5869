package newsroom.tools.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The extraction benchmark's metric: Unicode {@code \w+} tokens, 4-gram shingles counted as
 * multisets, per-page precision and recall averaged over pages, F1 from the averages.
 */
public final class ShingleScore {
  private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final int N = 4;

  /** Running averages over pages. */
  private double precisionSum;
  private int precisionPages;
  private double recallSum;
  private int recallPages;

  /** Scores one page: what the extractor returned against the gold text. */
  public void add(String gold, String predicted) {
    Map<List<String>, Integer> expected = shingles(gold);
    Map<List<String>, Integer> actual = shingles(predicted == null ? "" : predicted);
    long tp = 0;
    long fp = 0;
    for (var entry : actual.entrySet()) {
      int common = Math.min(entry.getValue(), expected.getOrDefault(entry.getKey(), 0));
      tp += common;
      fp += entry.getValue() - common;
    }
    long fn = expected.values().stream().mapToLong(Integer::longValue).sum() - tp;
    if (fp == 0 && fn == 0) {
      precisionSum += 1;
      precisionPages++;
      recallSum += 1;
      recallPages++;
      return;
    }
    if (!actual.isEmpty()) {
      precisionSum += (double) tp / (tp + fp);
      precisionPages++;
    }
    if (!expected.isEmpty()) {
      recallSum += (double) tp / (tp + fn);
      recallPages++;
    }
  }

  public double precision() {
    return precisionPages == 0 ? 0 : precisionSum / precisionPages;
  }

  public double recall() {
    return recallPages == 0 ? 0 : recallSum / recallPages;
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  static Map<List<String>, Integer> shingles(String text) {
    List<String> tokens = TOKEN.matcher(text).results().map(m -> m.group()).toList();
    Map<List<String>, Integer> counts = new HashMap<>();
    if (tokens.isEmpty()) {
      return counts;
    }
    for (int i = 0; i < Math.max(1, tokens.size() - N + 1); i++) {
      counts.merge(tokens.subList(i, Math.min(tokens.size(), i + N)), 1, Integer::sum);
    }
    return counts;
  }
}
