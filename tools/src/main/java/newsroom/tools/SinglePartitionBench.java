package newsroom.tools;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import newsroom.enrich.Analysed;
import newsroom.enrich.EnrichTopology;
import newsroom.enrich.Enricher;
import newsroom.enrich.StageTimers;
import newsroom.enrich.entities.CoreNlpRecognizer;
import newsroom.enrich.stories.StoryAssigner;
import newsroom.enrich.topics.CorpusTopics;
import newsroom.events.AlertSubscription;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom bench single-partition}: the stage every article passes through one partition
 * (topic adaptation, duplicates, stories, keywords and related articles, alerts), alone: the real
 * topology and stores, in this process, fed already enriched articles on the stage's own input, with
 * no broker. Its rate is the ceiling of any deployment however many instances recognise entities.
 */
@Command(name = "single-partition", mixinStandardHelpOptions = true,
    description = "Measure the single-partition stage of enrich-service alone (no stack needed).")
final class SinglePartitionBench implements Callable<Integer> {
  private static final String APPLICATION = "bench-single-partition";
  /** The stage alone, in a test driver: no registry, so the events keep their single-object encoding. */
  private static final EventSerdes SERDES = EventSerdes.withoutRegistry();

  @Option(names = "--articles", defaultValue = "2000", description = "Articles to time (default: ${DEFAULT-VALUE})")
  int articles;
  @Option(names = "--warm-up", defaultValue = "1000",
      description = "Articles sent first, untimed, so that the window is not empty (default: ${DEFAULT-VALUE})")
  int warmUp;
  @Option(names = "--seconds-apart", defaultValue = "20",
      description = "Publication times this far apart, as a busy feed's (default: ${DEFAULT-VALUE})")
  int secondsApart;

  @Override
  public Integer call() throws Exception {
    if (articles <= 0 || warmUp < 0 || secondsApart < 0) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--articles must be positive, --warm-up and --seconds-apart not negative");
    }
    Enricher enricher = new Enricher(CoreNlpRecognizer.loadDefault(), Clock.systemUTC());
    List<Analysed> events = enrichedArticles(enricher, warmUp + articles);
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    EnrichTopology.Tables tables = EnrichTopology.Tables.create();
    EnrichTopology.Settings settings = new EnrichTopology.Settings(1, Duration.ofDays(30),
        StoryAssigner.liveSettings(Duration.ofHours(24)), Duration.ofDays(30), CorpusTopics.DEFAULT_CAPACITY, true);
    Path state = Files.createTempDirectory("newsroom-bench-state");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    try (TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.build(enricher, tables, settings, SERDES, metrics), props)) {
      driver.createInputTopic(Topics.ALERT_SUBSCRIPTIONS.name(), Serdes.String().serializer(),
              SERDES.values(Topics.ALERT_SUBSCRIPTIONS).serializer())
          .pipeInput("bench", AlertSubscription.newBuilder().setId("bench").setName("bench").setQuery("said")
              .setEntities(List.of()).setTopics(List.of()).setSources(List.of()).setPerStory(true).setUpdateMinutes(5)
              .setUpdatedAt(Instant.now()).build());
      TestInputTopic<String, Analysed> stage = driver.createInputTopic(APPLICATION + "-all-articles-repartition",
          Serdes.String().serializer(), Analysed.serde(SERDES.of(ArticleEnriched.class)).serializer());
      System.out.printf("warming up on %d articles …%n", warmUp);
      events.subList(0, warmUp).forEach(e -> stage.pipeInput("all", e));
      Map<String, Double> before = stageMillis(metrics);
      var threads = ManagementFactory.getThreadMXBean();
      long cpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < articles; i++) {
        stage.pipeInput("all", events.get(warmUp + i));
        if ((i + 1) % 500 == 0) {
          System.out.printf("  %d/%d%n", i + 1, articles);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / articles;
      Map<String, Double> after = stageMillis(metrics);
      Map<String, Double> perArticle = new TreeMap<>();
      after.forEach((stageName, ms) -> perArticle.put(stageName, (ms - before.getOrDefault(stageName, 0.0)) / articles));
      double own = perArticle.entrySet().stream().filter(e -> !e.getKey().contains("background"))
          .mapToDouble(Map.Entry::getValue).sum();
      System.out.printf("%nsingle-partition stage: %d articles (the window held %d before)%n", articles, warmUp);
      System.out.printf("  its processors, stores and serdes: %.3f ms CPU per article: %.0f articles/s on one thread%n",
          own, 1000 / own);
      System.out.printf("  with the test driver's own work: %.3f ms CPU per article, %.0f articles/s (%.2f s)%n",
          cpuMs, articles / seconds, seconds);
      System.out.println("  (the driver commits after every record and matches each output against every source"
          + " topic's pattern; a stream thread commits every 500 ms)");
      System.out.println("by stage (ms CPU per article):");
      perArticle.forEach((stageName, ms) -> System.out.printf("  %-28s %7.3f%n", stageName, ms));
    }
    return 0;
  }

  /** Distinct generated articles, enriched (entities, topics) as the first stage does, published {@code secondsApart} apart. */
  private List<Analysed> enrichedArticles(Enricher enricher, int count) {
    System.out.printf("enriching %d generated articles for the stage's input (entity recognition, about 15 ms each) …%n", count);
    ArticleGenerator generator = new ArticleGenerator(new Random(42));
    Instant first = Instant.now().minus(Duration.ofSeconds((long) secondsApart * count));
    List<Analysed> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> a = generator.article("single", i);
      Instant published = first.plusSeconds((long) secondsApart * i);
      events.add(enricher.analyse(Enricher.pending(ArticleIngested.newBuilder().setId("single-" + i).setSource("bench")
          .setTitle((String) a.get("title")).setBody((String) a.get("body")).setUrl((String) a.get("url"))
          .setPublishedAt(published).setIngestedAt(published).setContentHash(Integer.toString(i))
          .setContentFormat(ContentFormat.TEXT).setLanguage("en").build(), 1, 1)));
      if ((i + 1) % 500 == 0) {
        System.out.printf("  %d/%d enriched%n", i + 1, count);
      }
    }
    return events;
  }

  private static Map<String, Double> stageMillis(SimpleMeterRegistry metrics) {
    Map<String, Double> millis = new TreeMap<>();
    for (Timer timer : metrics.find(StageTimers.METRIC).timers()) {
      millis.put(timer.getId().getTag("stage"), timer.totalTime(TimeUnit.MILLISECONDS));
    }
    return millis;
  }
}
