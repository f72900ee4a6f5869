package newsroom.tools.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import newsroom.ingest.extract.ArticleExtractor;
import newsroom.service.ServiceHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom eval extraction --data DIR}: main-text extraction against gold article bodies,
 * with the benchmark's metric, beside every other extractor's output found in the folder.
 */
@Command(name = "extraction", mixinStandardHelpOptions = true,
    description = "Score main-text extraction on DIR/html/<id>.html.gz against DIR/ground-truth.json.")
final class ExtractionEval implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "Folder with html/, ground-truth.json and optionally reference-outputs/")
  Path data;
  @Option(names = "--show", description = "Also print our text for this page id (for diagnosis)")
  String show;
  @Option(names = "--per-page", description = "Print precision and recall of every page, worst first")
  boolean perPage;
  @Option(names = "--speed-rounds", defaultValue = "5", paramLabel = "N",
      description = "After scoring, extract every page N more times and report the speed of the last of them, once the JIT"
          + " has compiled the extractor, as a running ingest-service has (CPU time of one thread; 0: skip; default: ${DEFAULT-VALUE})")
  int speedRounds;

  @Override
  public Integer call() throws IOException {
    Path truthFile = data.resolve("ground-truth.json");
    if (!Files.exists(truthFile)) {
      System.err.println("newsroom eval extraction: " + truthFile + " not found; --data must name a folder laid out like"
          + " ../shared/eval/extraction (html/<id>.html.gz and ground-truth.json)");
      return 2;
    }
    JsonNode truth = ServiceHttp.JSON.readTree(truthFile.toFile());
    ArticleExtractor extractor = new ArticleExtractor(ServiceHttp.JSON);
    ShingleScore ours = new ShingleScore();
    List<String> ids = new ArrayList<>();
    truth.fieldNames().forEachRemaining(ids::add);
    long nanos = 0;
    int done = 0;
    List<String> pageLines = new ArrayList<>();
    for (String id : ids) {
      JsonNode item = truth.get(id);
      byte[] html = read(data.resolve("html").resolve(id + ".html.gz"));
      long start = System.nanoTime();
      String text = extractor.extract(html, item.path("url").asText(null)).text();
      nanos += System.nanoTime() - start;
      ours.add(item.path("articleBody").asText(""), text);
      if (perPage) {
        ShingleScore page = new ShingleScore();
        page.add(item.path("articleBody").asText(""), text);
        pageLines.add(String.format("%.3f  P %.3f  R %.3f  %s  %s", page.f1(), page.precision(), page.recall(), id,
            item.path("url").asText()));
      }
      if (id.equals(show)) {
        System.out.println("---- " + id + "\n" + text + "\n----");
      }
      if (++done % 25 == 0) {
        System.err.printf("  %d/%d pages%n", done, ids.size());
      }
    }

    pageLines.stream().sorted().forEach(System.out::println);
    Map<String, ShingleScore> table = new LinkedHashMap<>();
    table.put("newsroom (this project)", ours);
    Path references = data.resolve("reference-outputs");
    if (Files.isDirectory(references)) {
      try (var files = Files.list(references)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          JsonNode outputs = ServiceHttp.JSON.readTree(file.toFile());
          ShingleScore score = new ShingleScore();
          for (String id : ids) {
            score.add(truth.get(id).path("articleBody").asText(""), outputs.path(id).path("articleBody").asText(""));
          }
          table.put(file.getFileName().toString().replace(".json", ""), score);
        }
      }
    }
    System.out.printf("%n%-26s %7s %10s %7s%n", "extractor", "F1", "precision", "recall");
    table.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue().f1(), a.getValue().f1()))
        .forEach(e -> System.out.printf("%-26s %7.3f %10.3f %7.3f%s%n", e.getKey(), e.getValue().f1(),
            e.getValue().precision(), e.getValue().recall(), e.getValue() == ours ? "   <--" : ""));
    System.out.printf("%n%d pages, %.1f pages/s (extraction only, one thread, first pass)%n", ids.size(),
        ids.size() / (nanos / 1e9));
    if (speedRounds > 0) {
      warmSpeed(extractor, ids, truth);
    }
    return 0;
  }

  /** Pages per second of CPU time on one thread, in the last of {@code speedRounds} passes over every page. */
  private void warmSpeed(ArticleExtractor extractor, List<String> ids, JsonNode truth) throws IOException {
    List<byte[]> pages = new ArrayList<>();
    for (String id : ids) {
      pages.add(read(data.resolve("html").resolve(id + ".html.gz")));
    }
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    double best = 0;
    double last = 0;
    for (int round = 1; round <= speedRounds; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < pages.size(); i++) {
        extractor.extract(pages.get(i), truth.get(ids.get(i)).path("url").asText(null));
      }
      last = pages.size() / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
      best = Math.max(best, last);
      System.err.printf("  speed round %d/%d: %.0f pages/s%n", round, speedRounds, last);
    }
    System.out.printf("warm: %.0f pages per CPU second on one thread (last of %d rounds; best %.0f)%n", last, speedRounds,
        best);
  }

  private static byte[] read(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
