package newsroom.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Clock;
import java.time.Instant;
import newsroom.enrich.Enricher;
import newsroom.enrich.entities.CoreNlpRecognizer;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.service.ServiceHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom bench --articles N}: pushes N generated news articles through the running
 * stack and reports throughput and ingest-to-searchable latency.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure throughput and ingest-to-searchable latency of a running stack (./newsroom up).")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--articles", defaultValue = "1000", description = "Articles to send (default: ${DEFAULT-VALUE})")
  int articles;
  @Option(names = "--batch", defaultValue = "50", description = "Articles per bulk request (default: ${DEFAULT-VALUE})")
  int batch;
  @Option(names = "--ingest-url", defaultValue = "http://localhost:8081", description = "(default: ${DEFAULT-VALUE})")
  String ingestUrl;
  @Option(names = "--search-url", defaultValue = "http://localhost:8083", description = "(default: ${DEFAULT-VALUE})")
  String searchUrl;
  @Option(names = "--timeout", defaultValue = "900", description = "Give up after this many seconds (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;
  @Option(names = "--enrich-only", description = "Measure enrichment alone, in this process on one thread (no stack needed)")
  boolean enrichOnly;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Long> ackedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> seenAt = new ConcurrentHashMap<>();

  @Override
  public Integer call() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    ArticleGenerator generator = new ArticleGenerator(new Random(run.hashCode()));
    if (enrichOnly) {
      return benchEnrichment(generator, run);
    }
    System.out.printf("bench %s: %d articles in batches of %d%n", run, articles, batch);
    AtomicBoolean done = new AtomicBoolean();
    long start = System.nanoTime();
    try (ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 4; i++) {
        pollers.submit(() -> poll(done));
      }
      for (int sent = 0; sent < articles; sent += batch) {
        StringBuilder ndjson = new StringBuilder();
        for (int i = sent; i < Math.min(articles, sent + batch); i++) {
          ndjson.append(ServiceHttp.JSON.writeValueAsString(generator.article(run, i))).append('\n');
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingestUrl + "/v1/articles:bulk"))
            .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build(), HttpResponse.BodyHandlers.ofString());
        long now = System.nanoTime();
        for (JsonNode line : ServiceHttp.JSON.readTree(response.body()).path("results")) {
          if (line.path("status").asInt() == 202) {
            ackedAt.put(line.path("id").asText(), now);
          } else {
            System.err.println("rejected: " + line.path("error").path("detail").asText());
          }
        }
        progress(start);
      }
      long deadline = start + Duration.ofSeconds(timeoutSeconds).toNanos();
      while (seenAt.size() < ackedAt.size() && System.nanoTime() < deadline) {
        Thread.sleep(2_000);
        progress(start);
      }
      done.set(true);
    }
    summary(start);
    return seenAt.size() == articles ? 0 : 1;
  }

  /** Entity recognition and resolution on one thread: the enrichment cost per article and per core. */
  private int benchEnrichment(ArticleGenerator generator, String run) {
    System.out.println("loading the NER model …");
    Enricher enricher = new Enricher(CoreNlpRecognizer.loadDefault(), Clock.systemUTC());
    List<ArticleIngested> batch = new ArrayList<>();
    for (int i = 0; i < articles; i++) {
      Map<String, Object> a = generator.article(run, i);
      batch.add(ArticleIngested.newBuilder().setId("bench-" + i).setSource("bench").setTitle((String) a.get("title"))
          .setBody((String) a.get("body")).setIngestedAt(Instant.now()).setContentHash(Integer.toString(i))
          .setContentFormat(ContentFormat.TEXT).build());
    }
    int warmup = Math.min(50, articles);
    for (int i = 0; i < warmup; i++) {
      enricher.enrich(batch.get(i), 1, 1);
    }
    long tokens = 0;
    long start = System.nanoTime();
    for (ArticleIngested article : batch) {
      enricher.enrich(article, 1, 1);
      tokens += article.getBody().split("\\s+").length;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("enrichment: %d articles (%d whitespace tokens) in %.1f s on one thread (after %d warm-up)%n",
        articles, tokens, seconds, warmup);
    System.out.printf("  %.1f articles/s per core, %.0f tokens/s per core%n", articles / seconds, tokens / seconds);
    return 0;
  }

  /** Polls the article API for acknowledged articles not yet searchable. */
  private Void poll(AtomicBoolean done) throws Exception {
    while (!done.get()) {
      List<String> pending = new ArrayList<>();
      for (String id : ackedAt.keySet()) {
        if (!seenAt.containsKey(id)) {
          pending.add(id);
        }
      }
      Collections.shuffle(pending);
      if (pending.isEmpty()) {
        Thread.sleep(50);
      }
      for (String id : pending.subList(0, Math.min(200, pending.size()))) {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(searchUrl + "/v1/articles/" + id))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          seenAt.putIfAbsent(id, System.nanoTime());
        }
      }
    }
    return null;
  }

  private void progress(long start) {
    System.out.printf("  %5.1f s  acknowledged %d/%d  searchable %d/%d%n", (System.nanoTime() - start) / 1e9,
        ackedAt.size(), articles, seenAt.size(), articles);
  }

  private void summary(long start) {
    List<Long> latencies = new ArrayList<>();
    long last = start;
    for (var entry : seenAt.entrySet()) {
      latencies.add(entry.getValue() - ackedAt.get(entry.getKey()));
      last = Math.max(last, entry.getValue());
    }
    Collections.sort(latencies);
    double seconds = (last - start) / 1e9;
    System.out.printf("%nsearchable: %d of %d articles in %.1f s%n", seenAt.size(), articles, seconds);
    System.out.printf("throughput: %.1f articles/s end to end%n", seenAt.size() / Math.max(seconds, 1e-9));
    if (!latencies.isEmpty()) {
      System.out.printf("ingest-to-searchable latency: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
          percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99),
          latencies.get(latencies.size() - 1) / 1_000_000);
    }
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1_000_000;
  }
}
