package newsroom.enrich;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import newsroom.enrich.duplicates.DuplicateFinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * news.articles.ingested → assign revision (store article-versions) → find duplicates (one
 * partition, stores duplicates-*) → recognise entities (back on the article's partition) →
 * news.articles.enriched. Every processor and store is named so that a refactor cannot silently
 * rename a changelog topic.
 */
public final class EnrichTopology {
  public static final String VERSIONS_STORE = "article-versions";

  private EnrichTopology() {}

  public static Topology build(Enricher enricher, Settings settings, MeterRegistry metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(VERSIONS_STORE), Serdes.String(), ArticleVersion.SERDE));
    for (String store : DuplicateFinder.STORES) {
      builder.addStateStore(Stores.keyValueStoreBuilder(
          Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.String()));
    }
    Timer enrichTime = Timer.builder("enrich.duration").description("Time to recognise and resolve an article's entities")
        .publishPercentiles(0.5, 0.95, 0.99).register(metrics);
    Counter enriched = metrics.counter("enrich.articles", "outcome", "enriched");

    builder.stream(Topics.ARTICLES_INGESTED.name(),
            Consumed.with(Topics.ARTICLES_INGESTED.keySerde(), Topics.ARTICLES_INGESTED.valueSerde())
                .withName("read-ingested-articles"))
        .processValues(() -> new RevisionAssigner(metrics), Named.as("assign-revision"), VERSIONS_STORE)
        // Duplicates are found among all articles, so this stage sees every one: a single partition.
        .selectKey((id, event) -> "all", Named.as("key-for-duplicates"))
        .repartition(Repartitioned.<String, ArticleEnriched>as("all-articles")
            .withKeySerde(Serdes.String()).withValueSerde(Topics.ARTICLE_ENRICHED_SERDE).withNumberOfPartitions(1))
        .processValues(() -> new DuplicateFinder(settings.duplicateWindow(), metrics), Named.as("find-duplicates"),
            DuplicateFinder.STORES.toArray(String[]::new))
        .selectKey((all, event) -> event.getArticle().getId(), Named.as("key-by-article"))
        .repartition(Repartitioned.<String, ArticleEnriched>as("articles-by-id")
            .withKeySerde(Serdes.String()).withValueSerde(Topics.ARTICLE_ENRICHED_SERDE)
            .withNumberOfPartitions(settings.partitions()))
        .mapValues(event -> {
          ArticleEnriched result = enrichTime.record(() -> enricher.enrich(event));
          enriched.increment();
          return result;
        }, Named.as("recognise-entities"))
        .to(Topics.ARTICLES_ENRICHED.name(),
            Produced.with(Topics.ARTICLES_ENRICHED.keySerde(), Topics.ARTICLES_ENRICHED.valueSerde())
                .withName("write-enriched-articles"));
    return builder.build();
  }

  /** What the topology needs to know about its deployment. */
  public record Settings(int partitions, Duration duplicateWindow) {}

  /**
   * Drops exact re-deliveries (same content hash as the latest revision) and numbers new
   * revisions. The store update and the output commit in one transaction (exactly-once).
   */
  static final class RevisionAssigner implements FixedKeyProcessor<String, ArticleIngested, ArticleEnriched> {
    private final Counter unchanged;
    private FixedKeyProcessorContext<String, ArticleEnriched> context;
    private KeyValueStore<String, ArticleVersion> versions;

    RevisionAssigner(MeterRegistry metrics) {
      this.unchanged = metrics.counter("enrich.articles", "outcome", "unchanged");
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ArticleEnriched> context) {
      this.context = context;
      this.versions = context.getStateStore(VERSIONS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, ArticleIngested> record) {
      ArticleIngested article = record.value();
      if (article == null) {
        return; // tombstones carry nothing to enrich
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
      context.forward(record.withValue(Enricher.pending(article, next.revision(), next.eventVersion())));
    }
  }
}
