package newsroom.tools;

import newsroom.local.StackProcesses;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a run of a local stack costs: CPU seconds of each process (from the operating system) and of
 * each stage of the enrich topology (from enrich-service's own {@code enrich_stage_cpu_seconds} metrics),
 * read before and after, so that the difference divided by the articles gives the cost per article.
 */
final class StackCost {
  private static final Pattern STAGE = Pattern.compile(
      "^enrich_stage_cpu_seconds_(sum|count)\\{[^}]*stage=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$");
  private static final Pattern LIVE_HEAP = Pattern.compile("^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? ([0-9.eE+-]+)$");

  /** CPU by process name and by enrich stage, in seconds, at one moment. */
  record Snapshot(Map<String, Double> processes, Map<String, Double> stages) {}

  private final Path data;
  private final Map<String, String> metricsUrls;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** {@code metricsUrls}: each service's name and its {@code /metrics} address, where the stack records none. */
  StackCost(Path data, Map<String, String> metricsUrls) {
    this.data = data;
    this.metricsUrls = metricsUrls;
  }

  /** The stack's own record of its services (every instance), else the addresses given. */
  private Map<String, String> serviceMetricsUrls() throws IOException {
    Map<String, String> recorded = new LinkedHashMap<>();
    StackProcesses.urls(data).forEach((name, url) -> recorded.put(name, url + "/metrics"));
    return recorded.isEmpty() ? metricsUrls : recorded;
  }

  /** True when the stack's processes are known (started by {@code ./newsroom up} with this data folder). */
  boolean knowsProcesses() throws IOException {
    return !StackProcesses.read(data).isEmpty();
  }

  Snapshot snapshot() throws IOException, InterruptedException {
    Map<String, Double> processes = new LinkedHashMap<>();
    StackProcesses.read(data).forEach((name, process) -> processes.put(name, StackProcesses.cpu(process).toNanos() / 1e9));
    Map<String, Double> stages = new TreeMap<>();
    for (var service : serviceMetricsUrls().entrySet()) { // every enrich-service instance's share
      if (service.getKey().startsWith("enrich-service")) {
        for (String line : metrics(service.getValue()).split("\n")) {
          Matcher m = STAGE.matcher(line);
          if (m.matches() && m.group(1).equals("sum")) {
            stages.merge(m.group(2), Double.parseDouble(m.group(3)), Double::sum);
          }
        }
      }
    }
    return new Snapshot(processes, stages);
  }

  /** Prints the cost per article between two snapshots. */
  void report(Snapshot before, Snapshot after, long articles, PrintStream out) {
    if (articles <= 0) {
      return;
    }
    if (after.processes().isEmpty()) {
      out.printf("%nCPU per process: not measured (no stack started by ./newsroom up with --data %s)%n", data);
    } else {
      out.printf("%nCPU per article, by process (ms; %d articles):%n", articles);
      out.printf("  %-16s %7.2f%n", "all", printPerArticle(before.processes(), after.processes(), articles, 16, out));
    }
    if (!after.stages().isEmpty()) {
      out.printf("%nCPU per article, by enrich-service stage (ms):%n");
      out.printf("  %-28s %7.2f", "stages in all", printPerArticle(before.stages(), after.stages(), articles, 28, out));
      double enrich = after.processes().keySet().stream().filter(name -> name.startsWith("enrich-service"))
          .mapToDouble(name -> perArticle(before.processes(), after.processes(), name, articles)).sum();
      if (enrich > 0) {
        out.printf("  (the process%s: %.2f; the rest is Kafka clients, commits, global tables, GC and JIT)",
            after.processes().containsKey("enrich-service") ? "" : "es", enrich);
      }
      out.println();
    }
  }

  /** One line per name with its milliseconds per article; returns their sum. */
  private static double printPerArticle(Map<String, Double> before, Map<String, Double> after, long articles, int width,
                                        PrintStream out) {
    double total = 0;
    for (String name : after.keySet()) {
      double ms = perArticle(before, after, name, articles);
      total += ms;
      out.printf("  %-" + width + "s %7.2f%n", name, ms);
    }
    return total;
  }

  private static double perArticle(Map<String, Double> before, Map<String, Double> after, String name, long articles) {
    return (after.get(name) - before.getOrDefault(name, 0.0)) * 1000 / articles;
  }

  /** Memory of each process (resident, and live heap after GC where the service reports it) and the state folder. */
  void memory(String when, PrintStream out) throws IOException, InterruptedException {
    out.printf("%nmemory %s:%n", when);
    Map<String, String> urls = serviceMetricsUrls();
    for (var e : StackProcesses.read(data).entrySet()) {
      String rss = StackProcesses.residentBytes(e.getValue()).map(StackCost::mib).orElse("?");
      String heap = "";
      String url = urls.get(e.getKey());
      if (url != null) {
        for (String line : metrics(url).split("\n")) {
          Matcher m = LIVE_HEAP.matcher(line);
          if (m.matches()) {
            long live = (long) Double.parseDouble(m.group(1));
            heap = "  live heap after GC " + (live == 0 ? "(no old-generation collection yet)" : mib(live));
          }
        }
      }
      out.printf("  %-16s resident %s%s%n", e.getKey(), rss, heap);
    }
    Path state = data.resolve("enrich-state");
    if (Files.isDirectory(state)) {
      Map<String, Long> stores = storeSizes(state);
      out.printf("  enrich state     %s on disk%s%n", mib(stores.values().stream().mapToLong(Long::longValue).sum()),
          stores.isEmpty() ? "" : ": " + String.join(", ", stores.entrySet().stream()
              .map(s -> s.getKey() + " " + mib(s.getValue())).toList()));
    }
  }

  /** Bytes on disk per state store (the folder {@code <app>/<task>/rocksdb/<store>}, summed over tasks). */
  private static Map<String, Long> storeSizes(Path state) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(state)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        Path relative = state.relativize(file);
        for (int i = 0; i + 1 < relative.getNameCount(); i++) {
          if (relative.getName(i).toString().equals("rocksdb")) {
            try {
              sizes.merge(relative.getName(i + 1).toString(), Files.size(file), Long::sum);
            } catch (IOException e) {
              // a RocksDB file compacted away while we looked
            }
            return;
          }
        }
      });
    }
    return sizes;
  }

  private String metrics(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? response.body() : "";
  }

  private static String mib(long bytes) {
    return "%.1f MiB".formatted(bytes / 1048576.0);
  }
}
