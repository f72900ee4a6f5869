package newsroom.schemas;

import java.util.List;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.IngestRejection;
import org.apache.kafka.common.serialization.Serdes;

/** The one catalogue of the pipeline's topics. Consumers should use these constants, never literal names. */
public final class Topics {
  private Topics() {}

  public static final AvroSerde<ArticleIngested> ARTICLE_INGESTED_SERDE = new AvroSerde<>(ArticleIngested.class);
  public static final AvroSerde<ArticleEnriched> ARTICLE_ENRICHED_SERDE = new AvroSerde<>(ArticleEnriched.class);
  public static final AvroSerde<IngestRejection> INGEST_REJECTION_SERDE = new AvroSerde<>(IngestRejection.class);

  public static final Topic<String, ArticleIngested> ARTICLES_INGESTED = new Topic<>(
      "news.articles.ingested", Serdes.String(), ARTICLE_INGESTED_SERDE, false,
      "Articles accepted by ingest-service, key = article id.");

  public static final Topic<String, ArticleEnriched> ARTICLES_ENRICHED = new Topic<>(
      "news.articles.enriched", Serdes.String(), ARTICLE_ENRICHED_SERDE, false,
      "Enriched articles, key = article id; the latest event_version per id wins.");

  public static final Topic<String, IngestRejection> INGEST_REJECTED = new Topic<>(
      "news.ingest.rejected", Serdes.String(), INGEST_REJECTION_SERDE, false,
      "Input ingest-service refused, with the reason.");

  /** Records enrich-service could not read or process, unchanged, with the reason in headers. */
  public static final Topic<byte[], byte[]> ENRICH_DLQ = new Topic<>(
      "news.enrich.dlq", Serdes.ByteArray(), Serdes.ByteArray(), false,
      "Records enrich-service could not read or process; the reason is in the __streams.errors.* headers.");

  /** Enriched events Elasticsearch refused as documents (mapping errors), unchanged, with the reason in headers. */
  public static final Topic<byte[], byte[]> INDEX_DLQ = new Topic<>(
      "news.index.dlq", Serdes.ByteArray(), Serdes.ByteArray(), false,
      "Enriched events index-service could not index; the reason is in the 'error.reason' header.");

  public static List<Topic<?, ?>> all() {
    return List.of(ARTICLES_INGESTED, ARTICLES_ENRICHED, INGEST_REJECTED, ENRICH_DLQ, INDEX_DLQ);
  }
}
