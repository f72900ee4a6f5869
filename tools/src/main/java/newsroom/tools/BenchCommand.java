package newsroom.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.time.Clock;
import java.time.Instant;
import newsroom.enrich.Enricher;
import newsroom.enrich.entities.CoreNlpRecognizer;
import newsroom.enrich.entities.RecognitionLanguage;
import newsroom.enrich.entities.Recognizers;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.service.ServiceHttp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom bench}: pushes generated news articles through the running stack and reports
 * throughput, ingest-to-searchable latency, the backlog, and what each article cost in CPU: per
 * process of the stack and per stage of the enrich topology. With {@code --rate} and
 * {@code --duration} it is a steady load or a soak, and reports memory at the start and the end.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {SearchBench.class, SinglePartitionBench.class, RecoveryBench.class, KnowledgeBaseBench.class},
    description = "Measure throughput, latency and CPU per article of a running stack (./newsroom up).")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--articles", defaultValue = "1000", description = "Articles to send (default: ${DEFAULT-VALUE})")
  int articles;
  @Option(names = "--batch", defaultValue = "50", description = "Articles per bulk request (default: ${DEFAULT-VALUE})")
  int batch;
  @Option(names = "--senders", defaultValue = "4", description = "Bulk requests in flight at once (default: ${DEFAULT-VALUE})")
  int senders;
  @Option(names = "--rate", defaultValue = "0",
      description = "Articles per second to send; 0 = as fast as ingest accepts (default: ${DEFAULT-VALUE})")
  double rate;
  @Option(names = "--duration", converter = DurationConverter.class,
      description = "With --rate: send for this long (e.g. 90s, 10m, 1h) instead of a number of articles")
  Duration duration;
  @Option(names = "--alert", defaultValue = "said", description = "Query of an alert subscription held during the run,"
      + " so alert matching is part of the cost; most generated articles match the default; 'none' for no alert"
      + " (default: ${DEFAULT-VALUE})")
  String alertQuery;
  @Option(names = "--data", defaultValue = ".newsroom", description = "Data folder of the stack (./newsroom up --data),"
      + " where it names its processes (default: ${DEFAULT-VALUE})")
  Path data;
  private static final String DEFAULT_INGEST_URL = "http://localhost:8081";
  @Option(names = "--ingest-url", defaultValue = DEFAULT_INGEST_URL, description = "Where to send; several"
      + " comma-separated take turns (default: every ingest instance of the stack in --data, else ${DEFAULT-VALUE})")
  String ingestUrl;
  @Option(names = "--enrich-url", defaultValue = "http://localhost:8082", description = "(default: ${DEFAULT-VALUE})")
  String enrichUrl;
  @Option(names = "--search-url", defaultValue = "http://localhost:8083", description = "(default: ${DEFAULT-VALUE})")
  String searchUrl;
  @Option(names = "--timeout", defaultValue = "900", description = "Give up waiting for the last articles after this many"
      + " seconds (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;
  @Option(names = "--enrich-only", description = "Measure enrichment alone, in this process on one thread (no stack needed)")
  boolean enrichOnly;
  @Option(names = "--language", defaultValue = "en", paramLabel = "CODE",
      description = "Language of the generated articles: en, es or de (default: ${DEFAULT-VALUE})")
  String language;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Long> ackedAt = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> searchableAt = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger rejected = new AtomicInteger();
  private int maxBacklog;
  private List<String> ingestUrls;
  private static final int PROGRESS_SECONDS = 5;
  private long lastProgress;

  @Override
  public Integer call() throws Exception {
    if (duration != null) {
      if (rate <= 0) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--duration needs --rate (articles per second)");
      }
      articles = (int) Math.ceil(rate * duration.toNanos() / 1e9);
    }
    if (articles <= 0 || batch <= 0 || senders <= 0) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--articles, --batch and --senders must be positive");
    }
    if (!ArticleGenerator.LANGUAGES.contains(language)) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--language must be one of " + String.join(", ", ArticleGenerator.LANGUAGES));
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    ArticleGenerator generator = new ArticleGenerator(new Random(run.hashCode()), language);
    if (enrichOnly) {
      return benchEnrichment(generator, run);
    }
    ingestUrls = ingestUrls();
    StackCost cost = new StackCost(data.toAbsolutePath().normalize(), Map.of("ingest-service", ingestUrl + "/metrics",
        "enrich-service", enrichUrl + "/metrics", "index-service", searchUrl + "/metrics"));
    System.out.printf("bench %s: %d articles in bulks of %d, %d senders, %s%n", run, articles, batch, senders,
        rate > 0 ? rate + " articles/s" : "as fast as ingest accepts");
    if (!cost.knowsProcesses()) {
      System.out.printf("  (no processes recorded in %s: CPU per process will not be measured; start the stack with"
          + " ./newsroom up --data %s)%n", data, data);
    }
    boolean soak = duration != null && duration.toMinutes() >= 5;
    if (soak) {
      cost.memory("at the start", System.out);
    }
    String alert = "none".equals(alertQuery) ? null : subscribe(run);
    StackCost.Snapshot before = cost.snapshot();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger nextBatch = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      threads.submit(() -> poll(done, run));
      List<java.util.concurrent.Future<Void>> sending = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        sending.add(threads.submit(() -> send(generator, run, nextBatch, start)));
      }
      for (var sender : sending) {
        try {
          sender.get();
        } catch (ExecutionException e) { // say what went wrong, not how it travelled
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
      while (searchableAt.size() < ackedAt.size() && System.nanoTime() < deadline) {
        Thread.sleep(2_000);
        progress(start);
      }
      done.set(true);
    } finally {
      if (alert != null) {
        unsubscribe(alert);
      }
    }
    StackCost.Snapshot after = cost.snapshot();
    summary(start);
    cost.report(before, after, searchableAt.size(), System.out);
    if (soak) {
      cost.memory("at the end", System.out);
    }
    return searchableAt.size() == articles ? 0 : 1;
  }

  /** The ingest instances to send to: as given, or every one the stack in --data records. */
  private List<String> ingestUrls() throws java.io.IOException {
    List<String> recorded = newsroom.local.StackProcesses.urls(data.toAbsolutePath().normalize()).entrySet().stream()
        .filter(e -> e.getKey().startsWith("ingest-service")).map(Map.Entry::getValue).toList();
    if (ingestUrl.equals(DEFAULT_INGEST_URL) && !recorded.isEmpty()) {
      return recorded;
    }
    return Arrays.stream(ingestUrl.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
  }

  /** A request carrying the key of the stack in --data (or NEWSROOM_API_KEY). */
  private HttpRequest.Builder request(String uri) {
    return LocalKey.authorize(HttpRequest.newBuilder(URI.create(uri)), data);
  }

  /** One sender: takes the next bulk, waits for its time when the rate is set, sends it. */
  private Void send(ArticleGenerator generator, String run, AtomicInteger nextBatch, long start) throws Exception {
    for (int first = nextBatch.getAndIncrement() * batch; first < articles; first = nextBatch.getAndIncrement() * batch) {
      if (rate > 0) { // hold a steady pace: latency at a sustainable load, not queueing behind a flood
        long due = start + (long) (first / rate * 1e9);
        Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
      }
      StringBuilder ndjson = new StringBuilder();
      synchronized (generator) {
        for (int i = first; i < Math.min(articles, first + batch); i++) {
          ndjson.append(ServiceHttp.JSON.writeValueAsString(generator.article(run, i))).append('\n');
        }
      }
      String ingest = ingestUrls.get((first / batch) % ingestUrls.size()); // instances take turns, as behind a balancer
      HttpResponse<String> response = http.send(request(ingest + "/v1/articles:bulk")
          .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/x-ndjson")
          .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build(), HttpResponse.BodyHandlers.ofString());
      long now = System.nanoTime();
      if (response.statusCode() != 200) {
        throw new IllegalStateException("ingest answered " + response.statusCode() + " to a bulk: " + response.body());
      }
      for (JsonNode line : ServiceHttp.JSON.readTree(response.body()).path("results")) {
        if (line.path("status").asInt() == 202) {
          ackedAt.add(now);
        } else if (rejected.incrementAndGet() <= 5) {
          System.err.println("rejected: " + line.path("error").path("detail").asText());
        }
      }
      progress(start);
    }
    return null;
  }

  /** An alert subscription for the run, so that matching alerts is part of what is measured; its id. */
  private String subscribe(String run) throws Exception {
    HttpResponse<String> created = http.send(request(searchUrl + "/v1/alerts")
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(ServiceHttp.JSON.writeValueAsString(
            Map.of("name", "bench " + run, "query", alertQuery)))).build(), HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("could not create the bench's alert subscription (" + created.statusCode() + "): "
          + created.body());
    }
    System.out.printf("  alert subscription \"%s\" held during the run%n", alertQuery);
    return ServiceHttp.JSON.readTree(created.body()).path("id").asText();
  }

  private void unsubscribe(String alert) throws Exception {
    http.send(request(searchUrl + "/v1/alerts/" + alert)
        .timeout(Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
  }

  /** Entity recognition and resolution on one thread: the enrichment cost per article and per core. */
  private int benchEnrichment(ArticleGenerator generator, String run) {
    System.out.println("loading the NER model …");
    RecognitionLanguage recognised = RecognitionLanguage.of(language).orElseThrow();
    Enricher enricher = new Enricher(Recognizers.of(CoreNlpRecognizer.loadDefault(),
        EnumSet.of(RecognitionLanguage.ENGLISH, recognised)), Clock.systemUTC());
    List<ArticleIngested> batch = new ArrayList<>();
    for (int i = 0; i < articles; i++) {
      Map<String, Object> a = generator.article(run, i);
      batch.add(ArticleIngested.newBuilder().setId("bench-" + i).setSource("bench").setTitle((String) a.get("title"))
          .setBody((String) a.get("body")).setLanguage(language).setIngestedAt(Instant.now()).setContentHash(Integer.toString(i))
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
    System.out.printf("enrichment (%s, %s): %d articles (%d whitespace tokens) in %.1f s on one thread (after %d warm-up)%n",
        language, enricher.enrich(batch.getFirst(), 1, 1).getEnrichment().getNerModel(), articles, tokens, seconds, warmup);
    System.out.printf("  %.1f articles/s per core, %.0f tokens/s per core%n", articles / seconds, tokens / seconds);
    return 0;
  }

  /**
   * Polls the number of this run's searchable articles ten times a second (cheap, so the probe does
   * not compete with the pipeline for the CPU). Articles flow through the partitions in order, so the
   * k-th article to become searchable is matched with the k-th to be acknowledged.
   */
  private Void poll(AtomicBoolean done, String run) throws Exception {
    HttpRequest count = request(searchUrl + "/v1/search?size=0&facet=none&q=" + run)
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

  /** Notes the backlog; prints a progress line at most every {@value #PROGRESS_SECONDS} seconds. */
  private synchronized void progress(long start) {
    int backlog = ackedAt.size() - searchableAt.size();
    maxBacklog = Math.max(maxBacklog, backlog);
    long now = System.nanoTime();
    if (now - lastProgress < PROGRESS_SECONDS * 1_000_000_000L) {
      return;
    }
    lastProgress = now;
    System.out.printf("  %6.1f s  acknowledged %d/%d  searchable %d/%d  backlog %d%n", (now - start) / 1e9,
        ackedAt.size(), articles, searchableAt.size(), articles, backlog);
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
    System.out.printf("throughput: %.1f articles/s end to end; largest backlog seen %d articles%s%n",
        searchable / Math.max(seconds, 1e-9), maxBacklog, rejected.get() == 0 ? "" : "; " + rejected.get() + " rejected");
    if (!latencies.isEmpty()) {
      System.out.printf("ingest-to-searchable latency (acknowledged → found by search): p50 %d ms, p95 %d ms, p99 %d ms,"
              + " max %d ms%n", percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99),
          latencies.get(latencies.size() - 1) / 1_000_000);
    }
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1_000_000;
  }

  /** "90s", "10m", "1h" or ISO-8601 ("PT10M"). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smh])");

    @Override
    public Duration convert(String value) {
      var m = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write e.g. 90s, 10m or 1h");
      }
    }
  }
}
