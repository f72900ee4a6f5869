package newsroom.schemas;

import java.util.List;
import newsroom.events.AlertEvent;
import newsroom.events.AlertSubscription;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.FeedState;
import newsroom.events.FeedSubscription;
import newsroom.events.IngestRejection;
import newsroom.events.KnowledgeBaseEntity;
import newsroom.events.ReenrichRequest;
import newsroom.events.SourceHealth;
import newsroom.events.StoryEvent;
import newsroom.events.TopicModel;
import newsroom.events.TopicRule;
import org.apache.kafka.common.serialization.Serdes;

/** The one catalogue of the pipeline's topics. Consumers should use these constants, never literal names. */
public final class Topics {
  private Topics() {}

  public static final Topic<String, ArticleIngested> ARTICLES_INGESTED = new Topic<>(
      "news.articles.ingested", Serdes.String(), ArticleIngested.class, false,
      "Articles accepted by ingest-service, key = article id.",
      "ingest-service");

  public static final Topic<String, ArticleEnriched> ARTICLES_ENRICHED = new Topic<>(
      "news.articles.enriched", Serdes.String(), ArticleEnriched.class, false,
      "Enriched articles, key = article id; the latest event_version per id wins.",
      "enrich-service");

  public static final Topic<String, IngestRejection> INGEST_REJECTED = new Topic<>(
      "news.ingest.rejected", Serdes.String(), IngestRejection.class, false,
      "Input ingest-service refused, with the reason.",
      "ingest-service");

  public static final Topic<String, FeedSubscription> FEEDS = new Topic<>(
      "news.feeds", Serdes.String(), FeedSubscription.class, true,
      "Feed subscriptions, key = feed id; a tombstone unsubscribes.",
      "ingest-service (/v1/feeds)");

  public static final Topic<String, FeedState> FEED_STATE = new Topic<>(
      "news.feeds.state", Serdes.String(), FeedState.class, true,
      "The poller's memory per feed (validators, seen items, counters), key = feed id.",
      "ingest-service");

  public static final Topic<String, SourceHealth> SOURCES_HEALTH = new Topic<>(
      "news.sources.health", Serdes.String(), SourceHealth.class, false,
      "Changes of a feed's health (OK, FAILING, SILENT), key = feed id.",
      "ingest-service");

  public static final Topic<String, KnowledgeBaseEntity> ENTITIES_KB = new Topic<>(
      "news.entities.kb", Serdes.String(), KnowledgeBaseEntity.class, true,
      "The newsroom's knowledge-base entries, key = entity id; they override the starter KB, a tombstone reverts.",
      "index-service (/v1/entities)");

  public static final Topic<String, StoryEvent> STORIES = new Topic<>(
      "news.stories", Serdes.String(), StoryEvent.class, true,
      "Stories as they change (started, grew, merged), key = story id; the latest event is the story's state.",
      "enrich-service");

  public static final Topic<String, TopicModel> TOPIC_MODELS = new Topic<>(
      "news.topics.models", Serdes.String(), TopicModel.class, true,
      "The newsroom's trained topic classifier, key 'active'; a tombstone returns to the shipped default.",
      "./newsroom topics publish");

  public static final Topic<String, TopicRule> TOPIC_RULES = new Topic<>(
      "news.topics.rules", Serdes.String(), TopicRule.class, true,
      "The newsroom's own topics given by rules (entities, terms), key = rule id; a tombstone removes one.",
      "index-service (/v1/topic-rules)");

  public static final Topic<String, AlertSubscription> ALERT_SUBSCRIPTIONS = new Topic<>(
      "news.alerts.subscriptions", Serdes.String(), AlertSubscription.class, true,
      "Editors' standing queries (/v1/alerts), key = alert id; a tombstone removes one.",
      "index-service (/v1/alerts)");

  public static final Topic<String, AlertEvent> ALERTS = new Topic<>(
      "news.alerts", Serdes.String(), AlertEvent.class, false,
      "Alerts raised as matching articles are enriched (one per story, then batched updates), key = alert id.",
      "enrich-service");

  public static final Topic<String, ReenrichRequest> ENRICH_REQUESTS = new Topic<>(
      "news.enrich.requests", Serdes.String(), ReenrichRequest.class, false,
      "Requests to enrich already enriched articles again (after a KB correction), key = article id.",
      "index-service (after a KB correction) and enrich-service (stories and teasers changed)");

  /** Records enrich-service could not read or process, unchanged, with the reason in headers. */
  public static final Topic<byte[], byte[]> ENRICH_DLQ = new Topic<>(
      "news.enrich.dlq", Serdes.ByteArray(), byte[].class, false,
      "Records enrich-service could not read or process; the reason is in the __streams.errors.* headers.",
      "enrich-service");

  /** Enriched events Elasticsearch refused as documents (mapping errors), unchanged, with the reason in headers. */
  public static final Topic<byte[], byte[]> INDEX_DLQ = new Topic<>(
      "news.index.dlq", Serdes.ByteArray(), byte[].class, false,
      "Enriched events index-service could not index; the reason is in the 'error.reason' header.",
      "index-service");

  public static List<Topic<?, ?>> all() {
    return List.of(ARTICLES_INGESTED, ARTICLES_ENRICHED, INGEST_REJECTED, ENRICH_DLQ, INDEX_DLQ, FEEDS, FEED_STATE,
        SOURCES_HEALTH, ENTITIES_KB, ENRICH_REQUESTS, STORIES, TOPIC_MODELS, TOPIC_RULES, ALERT_SUBSCRIPTIONS, ALERTS);
  }
}
