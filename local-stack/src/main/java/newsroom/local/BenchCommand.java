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
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = SearchBench.class,
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
  @Option(names = "--rate", defaultValue = "0",
      description = "Articles per second to send; 0 = as fast as ingest accepts (default: ${DEFAULT-VALUE})")
  double rate;
  @Option(names = "--enrich-only", description = "Measure enrichment alone, in this process on one thread (no stack needed)")
  boolean enrichOnly;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Long> ackedAt = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> searchableAt = Collections.synchronizedList(new ArrayList<>());

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
      pollers.submit(() -> poll(done, run));
      for (int sent = 0; sent < articles; sent += batch) {
        if (rate > 0) { // hold a steady pace: latency at a sustainable load, not queueing behind a flood
          long due = start + (long) (sent / rate * 1e9);
          Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
        }
        StringBuilder ndjson = new StringBuilder();
        for (int i = sent; i < Math.min(articles, sent + batch); i++) {
          ndjson.append(ServiceHttp.JSON.writeValueAsString(generator.article(run, i))).append('\n');
        }
        HttpResponse<String> response = http.send(LocalKey.authorize(HttpRequest.newBuilder(URI.create(ingestUrl + "/v1/articles:bulk")))
            .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build(), HttpResponse.BodyHandlers.ofString());
        long now = System.nanoTime();
        for (JsonNode line : ServiceHttp.JSON.readTree(response.body()).path("results")) {
          if (line.path("status").asInt() == 202) {
            ackedAt.add(now);
          } else {
            System.err.println("rejected: " + line.path("error").path("detail").asText());
          }
        }
        progress(start);
      }
      long deadline = start + Duration.ofSeconds(timeoutSeconds).toNanos();
      while (searchableAt.size() < ackedAt.size() && System.nanoTime() < deadline) {
        Thread.sleep(2_000);
        progress(start);
      }
      done.set(true);
    }
    summary(start);
    return searchableAt.size() == articles ? 0 : 1;
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

  /**
   * Polls the number of this run's searchable articles ten times a second (cheap, so the probe does
   * not compete with the pipeline for the CPU). Articles flow through the partitions in order, so the
   * k-th article to become searchable is matched with the k-th to be acknowledged.
   */
  private Void poll(AtomicBoolean done, String run) throws Exception {
    HttpRequest count = LocalKey.authorize(HttpRequest.newBuilder(URI.create(searchUrl + "/v1/search?size=0&q=" + run)))
        .timeout(Duration.ofSeconds(10)).build();
    while (!done.get()) {
      HttpResponse<String> response = http.send(count, HttpResponse.BodyHandlers.ofString());
      long now = System.nanoTime();
      if (response.statusCode() == 200) {
        long total = ServiceHttp.JSON.readTree(response.body()).path("total").asLong();
        while (searchableAt.size() < total) {
          searchableAt.add(now);
        }
      }
      Thread.sleep(100);
    }
    return null;
  }

  private void progress(long start) {
    System.out.printf("  %5.1f s  acknowledged %d/%d  searchable %d/%d%n", (System.nanoTime() - start) / 1e9,
        ackedAt.size(), articles, searchableAt.size(), articles);
  }

  private void summary(long start) {
    List<Long> latencies = new ArrayList<>();
    int searchable = searchableAt.size();
    for (int k = 0; k < searchable; k++) {
      latencies.add(searchableAt.get(k) - ackedAt.get(k));
    }
    Collections.sort(latencies);
    long last = searchable == 0 ? start : searchableAt.get(searchable - 1);
    double seconds = (last - start) / 1e9;
    System.out.printf("%nsearchable: %d of %d articles in %.1f s%n", searchable, articles, seconds);
    System.out.printf("throughput: %.1f articles/s end to end%n", searchable / Math.max(seconds, 1e-9));
    if (!latencies.isEmpty()) {
      System.out.printf("ingest-to-searchable latency (acknowledged → found by search): p50 %d ms, p95 %d ms, p99 %d ms,"
              + " max %d ms%n", percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99),
          latencies.get(latencies.size() - 1) / 1_000_000);
    }
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1_000_000;
  }
}
