package newsroom.enrich;

import io.micrometer.core.instrument.Counter;
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
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * news.articles.ingested → assign revision (store article-versions) → recognise entities →
 * news.articles.enriched. Every processor and store is named so that a refactor cannot silently
 * rename a changelog topic.
 */
public final class EnrichTopology {
  public static final String VERSIONS_STORE = "article-versions";

  private EnrichTopology() {}

  public static Topology build(Enricher enricher, MeterRegistry metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(VERSIONS_STORE), Serdes.String(), ArticleVersion.SERDE));

    builder.stream(Topics.ARTICLES_INGESTED.name(),
            Consumed.with(Topics.ARTICLES_INGESTED.keySerde(), Topics.ARTICLES_INGESTED.valueSerde())
                .withName("read-ingested-articles"))
        .processValues(() -> new RevisionAssigner(enricher, metrics), Named.as("assign-revision-and-enrich"), VERSIONS_STORE)
        .to(Topics.ARTICLES_ENRICHED.name(),
            Produced.with(Topics.ARTICLES_ENRICHED.keySerde(), Topics.ARTICLES_ENRICHED.valueSerde())
                .withName("write-enriched-articles"));
    return builder.build();
  }

  /**
   * Drops exact re-deliveries (same content hash as the latest revision), numbers new revisions
   * and enriches them. The store update and the output commit in one transaction (exactly-once).
   */
  static final class RevisionAssigner implements FixedKeyProcessor<String, ArticleIngested, ArticleEnriched> {
    private final Enricher enricher;
    private final Counter enriched;
    private final Counter unchanged;
    private final Timer enrichTime;
    private FixedKeyProcessorContext<String, ArticleEnriched> context;
    private KeyValueStore<String, ArticleVersion> versions;

    RevisionAssigner(Enricher enricher, MeterRegistry metrics) {
      this.enricher = enricher;
      this.enriched = metrics.counter("enrich.articles", "outcome", "enriched");
      this.unchanged = metrics.counter("enrich.articles", "outcome", "unchanged");
      this.enrichTime = Timer.builder("enrich.duration").description("Time to enrich one article")
          .publishPercentiles(0.5, 0.95, 0.99).register(metrics);
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
      ArticleEnriched result = enrichTime.record(() -> enricher.enrich(article, next.revision(), next.eventVersion()));
      versions.put(record.key(), next);
      context.forward(record.withValue(result));
      enriched.increment();
    }
  }
}
