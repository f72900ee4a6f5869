package newsroom.enrich;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import newsroom.enrich.alerts.AlertRaiser;
import newsroom.enrich.alerts.AlertSubscriptions;
import newsroom.enrich.duplicates.DuplicateFinder;
import newsroom.enrich.entities.KnowledgeBaseTable;
import newsroom.enrich.related.ArticleRelator;
import newsroom.enrich.related.DocumentFrequencies;
import newsroom.enrich.stories.StoryAssigner;
import newsroom.enrich.stories.StoryClusterer;
import newsroom.enrich.topics.CorpusTopics;
import newsroom.enrich.topics.TopicAdapter;
import newsroom.enrich.topics.TopicModelTable;
import newsroom.enrich.topics.TopicRules;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ReenrichRequest;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topic;
import newsroom.schemas.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * news.articles.ingested (and news.enrich.requests) → assign revision (stores article-versions,
 * articles) → recognise and link entities, decide topics (on the article's partition; global store
 * entities-kb) → adapt topics to the corpus, find duplicates, assign stories, keywords and related
 * articles (one partition, stores topic-corpus, duplicates-*, story-articles, related-articles,
 * keyword-frequencies; story changes → news.stories; alerts, store alert-stories and global
 * store alert-subscriptions → news.alerts) → news.articles.enriched. Every
 * processor and store is named so that a refactor cannot silently rename a changelog topic.
 */
public final class EnrichTopology {
  public static final String VERSIONS_STORE = "article-versions";
  public static final String ARTICLES_STORE = "articles";

  private EnrichTopology() {}

  /** What newsrooms change at runtime, each read from its compacted topic as a global store. */
  public record Tables(KnowledgeBaseTable knowledgeBase, TopicModelTable topicModels, TopicRules topicRules,
                       AlertSubscriptions alerts) {
    public static Tables create() {
      return new Tables(new KnowledgeBaseTable(), new TopicModelTable(), new TopicRules(), new AlertSubscriptions());
    }
  }

  public static Topology build(Enricher enricher, Tables tables, Settings settings, EventSerdes serdes,
                               MeterRegistry metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(VERSIONS_STORE), Serdes.String(), ArticleVersion.SERDE));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ARTICLES_STORE), Serdes.String(), serdes.values(Topics.ARTICLES_INGESTED)));
    addGlobalTable(builder, serdes, KnowledgeBaseTable.STORE, Topics.ENTITIES_KB, "read-knowledge-base", tables.knowledgeBase().updater());
    addGlobalTable(builder, serdes, TopicModelTable.STORE, Topics.TOPIC_MODELS, "read-topic-models", tables.topicModels().updater());
    addGlobalTable(builder, serdes, TopicRules.STORE, Topics.TOPIC_RULES, "read-topic-rules", tables.topicRules().updater());
    addGlobalTable(builder, serdes, AlertSubscriptions.STORE, Topics.ALERT_SUBSCRIPTIONS, "read-alert-subscriptions",
        tables.alerts().updater());
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(AlertRaiser.STORE), Serdes.String(), serdes.values(Topics.ALERTS)));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(TopicAdapter.STORE), Serdes.String(), Serdes.String()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(StoryAssigner.STORE), Serdes.String(), Serdes.String()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ArticleRelator.WINDOW_STORE), Serdes.String(), Serdes.String()));
    // Hundreds of terms counted per article: held in memory, written through once per term and commit.
    builder.addStateStore(DocumentFrequencies.builder(ArticleRelator.FREQUENCIES_STORE));
    for (String store : DuplicateFinder.STORES) {
      builder.addStateStore(Stores.keyValueStoreBuilder(
          Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.String()));
    }
    Timer enrichTime = Timer.builder("enrich.duration").description("Time to recognise and resolve an article's entities")
        .publishPercentiles(0.5, 0.95, 0.99).register(metrics);
    Counter enriched = metrics.counter("enrich.articles", "outcome", "enriched");
    StageTimers stages = new StageTimers(metrics);
    Serde<ArticleEnriched> enrichedSerde = stages.timed(serdes.values(Topics.ARTICLES_ENRICHED));

    KStream<String, Work> requests = builder.stream(Topics.ENRICH_REQUESTS.name(),
            Consumed.with(Topics.ENRICH_REQUESTS.keySerde(), stages.timed(serdes.values(Topics.ENRICH_REQUESTS)))
                .withName("read-enrich-requests"))
        .mapValues(Work.Reenrich::new, Named.as("request-as-work"));
    KStream<String, StoryAssigner.Step> steps = builder.stream(Topics.ARTICLES_INGESTED.name(),
            Consumed.with(Topics.ARTICLES_INGESTED.keySerde(), stages.timed(serdes.values(Topics.ARTICLES_INGESTED)))
                .withName("read-ingested-articles"))
        .<Work>mapValues(Work.Ingest::new, Named.as("article-as-work"))
        .merge(requests, Named.as("articles-and-requests"))
        .processValues(stages.timed("revision", () -> new RevisionAssigner(metrics)), Named.as("assign-revision"),
            VERSIONS_STORE, ARTICLES_STORE)
        // The costly part, on the article's own partition: in parallel across partitions and instances.
        .mapValues(event -> {
          Analysed result = enrichTime.record(() -> enricher.analyse(event));
          enriched.increment();
          return result;
        }, Named.as("recognise-entities"))
        // Duplicates and stories are found among all articles, so this stage sees every one: a single partition.
        .selectKey((id, analysed) -> "all", Named.as("key-for-duplicates"))
        .repartition(Repartitioned.<String, Analysed>as("all-articles")
            .withKeySerde(Serdes.String()).withValueSerde(stages.timed(Analysed.serde(serdes.of(ArticleEnriched.class)))).withNumberOfPartitions(1))
        .processValues(stages.timed("topic adaptation", () -> new TopicAdapter(settings.topicCorpus(),
                settings.trainTopicsInBackground(), stages)), Named.as("adapt-topics"), TopicAdapter.STORE)
        .processValues(stages.timed("duplicates", () -> new DuplicateFinder(settings.duplicateWindow(), metrics)),
            Named.as("find-duplicates"), DuplicateFinder.STORES.toArray(String[]::new))
        .processValues(stages.timed("stories", () -> new StoryAssigner(settings.stories(), settings.storyWindow(), metrics)),
            Named.as("assign-story"), StoryAssigner.STORE)
        .processValues(stages.timed("related articles", () -> new ArticleRelator(settings.storyWindow())),
            Named.as("relate-articles"), ArticleRelator.WINDOW_STORE, ArticleRelator.FREQUENCIES_STORE);
    steps.flatMap((all, step) -> step.stories().stream().map(s -> KeyValue.pair(s.getStoryId(), s)).toList(),
            Named.as("story-events"))
        .to(Topics.STORIES.name(), Produced.with(Topics.STORIES.keySerde(), stages.timed(serdes.values(Topics.STORIES)))
            .withName("write-story-events"));
    // Alerts, as articles are enriched: one per story, later articles of it batched.
    steps.process(stages.timed("alerts", () -> new AlertRaiser(tables.alerts(), settings.storyWindow())),
            Named.as("raise-alerts"), AlertRaiser.STORE)
        .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), stages.timed(serdes.values(Topics.ALERTS)))
            .withName("write-alerts"));
    // Articles moved to another story, or whose teasers name the new one, are enriched again (through Kafka).
    steps.flatMap((all, step) -> step.reenrich().stream().map(id -> KeyValue.pair(id, new ReenrichRequest(id,
            "story or teaser changed by article " + step.event().getArticle().getId(),
            step.event().getEnrichment().getEnrichedAt()))).toList(), Named.as("reenrich-requests"))
        .to(Topics.ENRICH_REQUESTS.name(), Produced.with(Topics.ENRICH_REQUESTS.keySerde(), serdes.values(Topics.ENRICH_REQUESTS))
            .withName("write-reenrich-requests"));
    steps.map((all, step) -> KeyValue.pair(step.event().getArticle().getId(), step.event()), Named.as("key-by-article"))
        .to(Topics.ARTICLES_ENRICHED.name(),
            Produced.with(Topics.ARTICLES_ENRICHED.keySerde(), enrichedSerde)
                .withName("write-enriched-articles"));
    return builder.build();
  }

  /** A compacted topic every instance reads whole into a global store; the global store keeps no changelog: the topic is its log. */
  private static <V> void addGlobalTable(StreamsBuilder builder, EventSerdes serdes, String store, Topic<String, V> topic,
                                         String name, ProcessorSupplier<String, V, Void, Void> updater) {
    Serde<V> values = serdes.values(topic);
    builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), topic.keySerde(), values)
            .withLoggingDisabled(),
        topic.name(), Consumed.with(topic.keySerde(), values).withName(name), updater);
  }

  /** What the topology needs to know about its deployment. */
  public record Settings(int partitions, Duration duplicateWindow, StoryClusterer.Settings stories, Duration storyWindow,
                         int topicCorpus, boolean trainTopicsInBackground) {
    /** Defaults for tests: 30-day windows, stories fading over a day, topic adaptation trained in line (deterministic). */
    public static Settings defaults(int partitions) {
      return new Settings(partitions, Duration.ofDays(30), StoryAssigner.liveSettings(Duration.ofHours(24)), Duration.ofDays(30),
          CorpusTopics.DEFAULT_CAPACITY, false);
    }
  }

  /** What the revision stage handles: a new or changed article, or a request to enrich one again. */
  sealed interface Work {
    record Ingest(ArticleIngested article) implements Work {}

    record Reenrich(ReenrichRequest request) implements Work {}
  }

  /**
   * Drops exact re-deliveries (same content hash as the latest revision), numbers new revisions
   * and keeps each article's latest text, so that a re-enrichment request (after a knowledge-base
   * correction) re-emits it with the next event version. Store updates and the output commit in
   * one transaction (exactly-once).
   */
  static final class RevisionAssigner implements FixedKeyProcessor<String, Work, ArticleEnriched> {
    private static final Logger LOG = LoggerFactory.getLogger(RevisionAssigner.class);
    private final Counter unchanged;
    private final Counter reenriched;
    private final Counter unknown;
    private FixedKeyProcessorContext<String, ArticleEnriched> context;
    private KeyValueStore<String, ArticleVersion> versions;
    private KeyValueStore<String, ArticleIngested> articles;

    RevisionAssigner(MeterRegistry metrics) {
      this.unchanged = metrics.counter("enrich.articles", "outcome", "unchanged");
      this.reenriched = metrics.counter("enrich.reenrich.requests", "outcome", "reenriched");
      this.unknown = metrics.counter("enrich.reenrich.requests", "outcome", "unknown-article");
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ArticleEnriched> context) {
      this.context = context;
      this.versions = context.getStateStore(VERSIONS_STORE);
      this.articles = context.getStateStore(ARTICLES_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, Work> record) {
      switch (record.value()) {
        case Work.Ingest(ArticleIngested article) -> ingest(record, article);
        case Work.Reenrich(ReenrichRequest request) -> reenrich(record, request);
        case null -> { } // tombstones carry nothing to enrich
      }
    }

    private void ingest(FixedKeyRecord<String, Work> record, ArticleIngested article) {
      if (article == null) {
        return;
      }
      if (!article.getId().equals(record.key())) {
        throw new IllegalArgumentException("record key " + record.key() + " differs from article id " + article.getId());
      }
      ArticleVersion next = ArticleVersion.next(versions.get(record.key()), article.getContentHash());
      if (next == null) {
        unchanged.increment();
        return; // the same content again: nothing new to index or announce
      }
      versions.put(record.key(), next);
      articles.put(record.key(), article);
      context.forward(record.withValue(Enricher.pending(article, next.revision(), next.eventVersion())));
    }

    private void reenrich(FixedKeyRecord<String, Work> record, ReenrichRequest request) {
      ArticleVersion current = versions.get(record.key());
      ArticleIngested article = articles.get(record.key());
      if (request == null || current == null || article == null) {
        unknown.increment();
        LOG.warn("cannot enrich article {} again: it was never enriched here", record.key());
        return;
      }
      ArticleVersion next = current.reenriched();
      versions.put(record.key(), next);
      reenriched.increment();
      context.forward(record.withValue(Enricher.pending(article, next.revision(), next.eventVersion())));
    }
  }
}
