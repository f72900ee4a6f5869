package newsroom.enrich.topics;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trainable layer: a newsroom's own desk-labelled archive, mapped to Media Topics, trains an
 * L2-regularised logistic regression (LIBLINEAR) over TF-IDF terms. Multi-label at prediction time:
 * topics with at least half the best probability (and at least 0.2) are kept. Evidence: the
 * article's terms that pushed most towards the topic.
 */
public final class TrainedTopicModel implements TopicClassifier {
  private static final String MAGIC = "newsroom-topic-model 1";
  private static final int MIN_DOCUMENT_FREQUENCY = 2;
  private static final double REGULARISATION = 10;
  private static final double MIN_PROBABILITY = 0.2;
  private static final int EVIDENCE = 5;

  /** One labelled example: its terms and its Media Topic. */
  public record Example(List<String> terms, String qcode) {}

  private final Map<String, Integer> index;   // term → feature number (1-based)
  private final double[] idf;                 // by feature number
  private final List<String> terms;           // by feature number - 1
  private final Model model;
  private final List<String> qcodes;          // by liblinear label
  private final Instant trainedAt;
  private final MediaTopics topics = MediaTopics.load();

  private TrainedTopicModel(Map<String, Integer> index, double[] idf, Model model, List<String> qcodes, Instant trainedAt) {
    this.index = index;
    this.idf = idf;
    this.terms = new ArrayList<>(index.keySet());
    this.terms.sort(Comparator.comparingInt(index::get));
    this.model = model;
    this.qcodes = qcodes;
    this.trainedAt = trainedAt;
  }

  public static TrainedTopicModel train(List<Example> examples, Instant now) {
    if (examples.stream().map(Example::qcode).distinct().count() < 2) {
      throw new IllegalArgumentException("training needs examples of at least two topics");
    }
    Map<String, Integer> df = new TreeMap<>();
    for (Example example : examples) {
      example.terms().stream().distinct().forEach(t -> df.merge(t, 1, Integer::sum));
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Double> idfs = new ArrayList<>(List.of(0.0));
    df.forEach((term, count) -> {
      if (count >= MIN_DOCUMENT_FREQUENCY) {
        index.put(term, index.size() + 1);
        idfs.add(Math.log((examples.size() + 1.0) / (count + 1.0)) + 1);
      }
    });
    double[] idf = idfs.stream().mapToDouble(Double::doubleValue).toArray();
    List<String> qcodes = examples.stream().map(Example::qcode).distinct().sorted().toList();
    Problem problem = new Problem();
    problem.l = examples.size();
    problem.n = index.size();
    problem.x = new Feature[examples.size()][];
    problem.y = new double[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      problem.x[i] = features(examples.get(i).terms(), index, idf);
      problem.y[i] = qcodes.indexOf(examples.get(i).qcode());
    }
    Linear.disableDebugOutput();
    Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, REGULARISATION, 0.01));
    return new TrainedTopicModel(index, idf, model, qcodes, now);
  }

  /** Log-scaled term frequency × IDF, L2-normalised, in feature order (LIBLINEAR's sparse vector). */
  private static Feature[] features(List<String> terms, Map<String, Integer> index, double[] idf) {
    int[] ids = new int[terms.size()];
    int known = 0;
    for (String term : terms) {
      Integer feature = index.get(term);
      if (feature != null) {
        ids[known++] = feature;
      }
    }
    Arrays.sort(ids, 0, known);
    int[] distinct = new int[known];
    double[] values = new double[known];
    int n = 0;
    double norm = 0;
    for (int i = 0; i < known; ) {
      int j = i;
      while (j < known && ids[j] == ids[i]) {
        j++;
      }
      double v = (1 + Math.log(j - i)) * idf[ids[i]];
      distinct[n] = ids[i];
      values[n++] = v;
      norm += v * v;
      i = j;
    }
    double length = Math.sqrt(norm);
    Feature[] x = new Feature[n];
    for (int i = 0; i < n; i++) {
      x[i] = new FeatureNode(distinct[i], values[i] / length);
    }
    return x;
  }

  @Override
  public List<TopicScore> classify(List<String> articleTerms) {
    List<TopicScore> all = scores(articleTerms);
    double best = all.isEmpty() ? 0 : all.getFirst().confidence();
    return all.stream().filter(t -> t.confidence() >= MIN_PROBABILITY && t.confidence() >= 0.5 * best).toList();
  }

  /** Every topic the model knows with its probability, most likely first. */
  public List<TopicScore> scores(List<String> articleTerms) {
    Feature[] x = features(articleTerms, index, idf);
    double[] probabilities = new double[model.getNrClass()];
    Linear.predictProbability(model, x, probabilities);
    int[] labels = model.getLabels();
    List<TopicScore> scores = new ArrayList<>();
    for (int k = 0; k < labels.length; k++) {
      String qcode = qcodes.get(labels[k]);
      scores.add(new TopicScore(qcode, topics.get(qcode).map(MediaTopics.Topic::name).orElse(qcode),
          DeskLexiconClassifier.round(probabilities[k]), evidence(x, k)));
    }
    scores.sort(Comparator.comparingDouble(TopicScore::confidence).reversed().thenComparing(TopicScore::qcode));
    return scores;
  }

  /** The article's terms with the largest weight × value towards class {@code k} (at most five, all positive). */
  private List<String> evidence(Feature[] x, int k) {
    double[] w = model.getFeatureWeights();
    int classes = model.getNrClass() == 2 ? 1 : model.getNrClass();
    int column = classes == 1 ? 0 : k;
    double sign = classes == 1 && k == 1 ? -1 : 1;
    int[] best = new int[EVIDENCE]; // feature indices, largest contribution first
    double[] contribution = new double[EVIDENCE];
    int kept = 0;
    for (Feature f : x) {
      double c = sign * w[(f.getIndex() - 1) * classes + column] * f.getValue();
      if (c <= 0 || (kept == EVIDENCE && c <= contribution[EVIDENCE - 1])) {
        continue;
      }
      int at = Math.min(kept, EVIDENCE - 1);
      while (at > 0 && contribution[at - 1] < c) {
        best[at] = best[at - 1];
        contribution[at] = contribution[at - 1];
        at--;
      }
      best[at] = f.getIndex();
      contribution[at] = c;
      kept = Math.min(kept + 1, EVIDENCE);
    }
    List<String> evidence = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) {
      evidence.add(terms.get(best[i] - 1));
    }
    return evidence;
  }

  @Override
  public String name() {
    return "trained:" + trainedAt;
  }

  /** The model as text: header, topics, vocabulary with IDF, then LIBLINEAR's own model format. */
  public void save(Writer out) throws IOException {
    out.write(MAGIC + "\n");
    out.write("trained_at\t" + trainedAt + "\n");
    out.write("topics\t" + String.join("\t", qcodes) + "\n");
    out.write("terms\t" + index.size() + "\n");
    for (String term : terms) {
      out.write(term + "\t" + idf[index.get(term)] + "\n");
    }
    StringWriter liblinear = new StringWriter();
    model.save(liblinear);
    out.write(liblinear.toString());
  }

  public static TrainedTopicModel load(Reader in) throws IOException {
    BufferedReader reader = new BufferedReader(in);
    if (!MAGIC.equals(reader.readLine())) {
      throw new IOException("not a newsroom topic model (expected '" + MAGIC + "' on the first line)");
    }
    Instant trainedAt = Instant.parse(field(reader.readLine(), "trained_at")[1]);
    String[] topicsLine = field(reader.readLine(), "topics");
    List<String> qcodes = List.of(topicsLine).subList(1, topicsLine.length);
    int count = Integer.parseInt(field(reader.readLine(), "terms")[1]);
    Map<String, Integer> index = new LinkedHashMap<>();
    double[] idf = new double[count + 1];
    for (int i = 1; i <= count; i++) {
      String[] cols = reader.readLine().split("\t");
      index.put(cols[0], i);
      idf[i] = Double.parseDouble(cols[1]);
    }
    StringBuilder rest = new StringBuilder();
    String line;
    while ((line = reader.readLine()) != null) {
      rest.append(line).append('\n');
    }
    return new TrainedTopicModel(index, idf, Model.load(new StringReader(rest.toString())), qcodes, trainedAt);
  }

  private static String[] field(String line, String name) throws IOException {
    String[] cols = line == null ? new String[0] : line.split("\t");
    if (cols.length < 2 || !cols[0].equals(name)) {
      throw new IOException("corrupt topic model: expected '" + name + "', found '" + line + "'");
    }
    return cols;
  }
}
