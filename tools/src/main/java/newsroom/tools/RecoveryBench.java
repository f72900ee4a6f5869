package newsroom.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import newsroom.events.ArticleIngested;
import newsroom.ingest.ArticleParser;
import newsroom.ingest.LanguageDetection;
import newsroom.ingest.fetch.PageFetcher;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.SchemaRegistry;
import newsroom.schemas.Topics;
import newsroom.service.ServiceHttp;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom bench recovery}: how long enrich-service takes to be back after a crash when its
 * windows hold a realistic amount of state. It starts a stack of its own, fills the windows with
 * generated articles (kept in the data folder, so a second run measures at once), then SIGKILLs
 * enrich-service and starts it again with the same command, a few times, while articles keep
 * arriving: the time to ready, and the time until the articles written while it was down are enriched.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true,
    description = "Measure enrich-service's recovery after SIGKILL with a window of many articles (starts its own stack).")
final class RecoveryBench implements Callable<Integer> {
  /** The acceptance target for a window of 100,000 articles. */
  private static final Duration TARGET = Duration.ofSeconds(30);
  private static final String ENRICH = "enrich-service";
  private static final String LOADED_FILE = "recovery-articles";
  private static final int PROBES = 50;

  @Option(names = "--articles", defaultValue = "100000",
      description = "Articles in the windows before the first kill (default: ${DEFAULT-VALUE}; loading 100,000 takes"
          + " about half an hour on 2 cores, once: the data folder keeps them)")
  int articles;
  @Option(names = "--kills", defaultValue = "3", description = "Crashes to measure (default: ${DEFAULT-VALUE})")
  int kills;
  @Option(names = "--data", defaultValue = ".newsroom-recovery", description = "Folder for the stack's data and logs,"
      + " kept for the next run (default: ${DEFAULT-VALUE})")
  Path data;
  @Option(names = "--fresh", description = "Empty the data folder first and load every article again")
  boolean fresh;
  @Option(names = "--base-port", defaultValue = "28000", description = "First of the ports the stack uses: Kafka from"
      + " it, Elasticsearch +20, the services +30 to +32 (default: ${DEFAULT-VALUE})")
  int basePort;

  private final String run = "recovery" + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicReference<Exception> refused = new AtomicReference<>();
  private LocalStack stack;

  @Override
  public Integer call() throws Exception {
    if (articles < 0 || kills < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--articles must be at least 0 and --kills at least 1");
    }
    Path home = data.toAbsolutePath().normalize();
    if (fresh) {
      ChaosCommand.empty(home);
    }
    Files.createDirectories(home);
    int base = basePort;
    LocalStack.Layout layout = new LocalStack.Layout(home, 1, 1, 1, base, base + 20, base + 30, base + 31, base + 32,
        base + 40, "256m", "512m", "256m", "1280m"); // the heaps ./newsroom up gives
    try (LocalStack started = new LocalStack(layout, step -> System.out.println("recovery: starting " + step + " …")).start();
         KafkaProducer<String, ArticleIngested> producer = producer(started.kafkaBootstrapServers(), started.schemaRegistryUrl());
         PageFetcher pages = new PageFetcher(PageFetcher.Limits.defaults())) {
      stack = started;
      ArticleParser parser = new ArticleParser(ServiceHttp.JSON, new LanguageDetection(), pages);
      ArticleGenerator generator = new ArticleGenerator(new Random(run.hashCode()));
      int loaded = load(home, producer, parser, generator);
      List<Duration> ready = new ArrayList<>();
      List<Duration> caughtUp = new ArrayList<>();
      System.out.printf("recovery %s: %d articles in the windows, enrich state %s on disk; %d crashes%n", run, loaded,
          megabytes(home.resolve("enrich-state")), kills);
      for (int k = 1; k <= kills; k++) {
        Duration[] times = crash(producer, parser, generator, k);
        ready.add(times[0]);
        caughtUp.add(times[1]);
        System.out.printf("  crash %d: ready after %.1f s; the %d articles sent while it was down enriched after %.1f s%s%n",
            k, seconds(times[0]), PROBES, seconds(times[1]), restoredLine(home));
      }
      Duration worst = Collections.max(ready);
      System.out.printf("%nenrich-service after SIGKILL with %d articles in the windows (state %s):%n", loaded,
          megabytes(home.resolve("enrich-state")));
      System.out.printf("  to ready:      median %.1f s, longest %.1f s%n", seconds(median(ready)), seconds(worst));
      System.out.printf("  to caught up:  median %.1f s, longest %.1f s%n", seconds(median(caughtUp)),
          seconds(Collections.max(caughtUp)));
      System.out.printf("  target under %d s: %s%n", TARGET.toSeconds(), worst.compareTo(TARGET) < 0 ? "met" : "NOT met");
      System.out.println("data kept in " + home + " (the next run reuses its articles; --fresh starts over)");
      return 0;
    }
  }

  /** Tops the windows up to {@code --articles} and waits until every one of them is enriched. */
  private int load(Path home, KafkaProducer<String, ArticleIngested> producer, ArticleParser parser,
                   ArticleGenerator generator) throws Exception {
    Path file = home.resolve(LOADED_FILE);
    int already = Files.exists(file) ? Integer.parseInt(Files.readString(file).strip()) : 0;
    int missing = articles - already;
    if (missing <= 0) {
      return already;
    }
    System.out.printf("recovery: loading %d articles (%d already in %s) …%n", missing, already, home);
    Set<String> ids = new HashSet<>();
    long start = System.nanoTime();
    try (KafkaConsumer<String, byte[]> enriched = enrichedFromNow()) {
      long lastProgress = start;
      for (int n = 0; n < missing; n++) {
        ids.add(send(producer, parser, generator.article(run, n)));
        if (System.nanoTime() - lastProgress > 10e9) {
          lastProgress = System.nanoTime();
          System.out.printf("  %d/%d sent (%.0f s)%n", n + 1, missing, (lastProgress - start) / 1e9);
        }
      }
      flush(producer);
      awaitEnriched(enriched, ids, Duration.ofHours(3), start, true);
    }
    Files.writeString(file, Integer.toString(already + missing));
    System.out.printf("recovery: %d articles loaded and enriched in %.0f s%n", missing, (System.nanoTime() - start) / 1e9);
    return already + missing;
  }

  /** One crash: SIGKILL, articles sent meanwhile, the same command again; returns the times to ready and to caught up. */
  private Duration[] crash(KafkaProducer<String, ArticleIngested> producer, ArticleParser parser, ArticleGenerator generator,
                           int crash) throws Exception {
    try (KafkaConsumer<String, byte[]> enriched = enrichedFromNow()) {
      Set<String> probes = new HashSet<>();
      long killed = System.nanoTime();
      stack.kill(ENRICH);
      for (int i = 0; i < PROBES; i++) {
        probes.add(send(producer, parser, generator.article(run + "-crash" + crash, i)));
      }
      flush(producer);
      stack.restart(ENRICH); // returns once ready
      Duration ready = Duration.ofNanos(System.nanoTime() - killed);
      awaitEnriched(enriched, probes, Duration.ofMinutes(10), killed, false);
      return new Duration[] {ready, Duration.ofNanos(System.nanoTime() - killed)};
    }
  }

  private String send(KafkaProducer<String, ArticleIngested> producer, ArticleParser parser, Map<String, Object> json) {
    ArticleIngested article = parser.toArticle(ServiceHttp.JSON.valueToTree(json), Instant.now());
    producer.send(new ProducerRecord<>(Topics.ARTICLES_INGESTED.name(), article.getId(), article), (m, e) -> {
      if (e != null) {
        refused.compareAndSet(null, e);
      }
    });
    return article.getId();
  }

  /** Waits until every article sent is acknowledged; throws if Kafka refused one. */
  private void flush(KafkaProducer<String, ArticleIngested> producer) {
    producer.flush();
    if (refused.get() != null) {
      throw new IllegalStateException("Kafka refused an article (" + refused.get().getMessage() + "); see the kafka log"
          + " in the data folder's logs");
    }
  }

  /** Reads committed enriched events until every id has come by. */
  private static void awaitEnriched(KafkaConsumer<String, byte[]> enriched, Set<String> ids, Duration patience, long start,
                                    boolean progress) {
    Set<String> waiting = new HashSet<>(ids);
    long deadline = System.nanoTime() + patience.toNanos();
    long lastProgress = System.nanoTime();
    while (!waiting.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(waiting.size() + " of " + ids.size() + " articles not enriched after "
            + patience.toMinutes() + " minutes; see the enrich-service log in the data folder's logs");
      }
      enriched.poll(Duration.ofMillis(500)).forEach(r -> waiting.remove(r.key()));
      if (progress && System.nanoTime() - lastProgress > 10e9) {
        lastProgress = System.nanoTime();
        System.out.printf("  %d/%d enriched (%.0f s)%n", ids.size() - waiting.size(), ids.size(), (lastProgress - start) / 1e9);
      }
    }
  }

  /** A read-committed consumer of the enriched events, positioned at their end. */
  private KafkaConsumer<String, byte[]> enrichedFromNow() {
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.ARTICLES_ENRICHED.name(), Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // the end now, not when first polled
    return consumer;
  }

  private static KafkaProducer<String, ArticleIngested> producer(String bootstrap, String registryUrl) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 20), Topics.ARTICLES_INGESTED.keySerde().serializer(),
        EventSerdes.using(new SchemaRegistry(registryUrl)).values(Topics.ARTICLES_INGESTED).serializer());
  }

  /** What the restarted instance logged of the story window it rebuilt. */
  private static String restoredLine(Path home) throws IOException {
    try (Stream<String> lines = Files.lines(home.resolve("logs").resolve(ENRICH + ".log"))) {
      return lines.filter(l -> l.contains("articles restored into")).reduce((a, b) -> b)
          .map(l -> " (" + l.substring(l.indexOf("stories: ")) + ")").orElse("");
    }
  }

  private static String megabytes(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return "0 MB";
    }
    try (Stream<Path> files = Files.walk(dir)) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
  }

  private static Duration median(List<Duration> values) {
    List<Duration> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
