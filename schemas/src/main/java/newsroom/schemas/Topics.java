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

  public static final AvroSerde<ArticleIngested> ARTICLE_INGESTED_SERDE = new AvroSerde<>(ArticleIngested.class);
  public static final AvroSerde<ArticleEnriched> ARTICLE_ENRICHED_SERDE = new AvroSerde<>(ArticleEnriched.class);
  public static final AvroSerde<IngestRejection> INGEST_REJECTION_SERDE = new AvroSerde<>(IngestRejection.class);
  public static final AvroSerde<FeedSubscription> FEED_SUBSCRIPTION_SERDE = new AvroSerde<>(FeedSubscription.class);
  public static final AvroSerde<FeedState> FEED_STATE_SERDE = new AvroSerde<>(FeedState.class);
  public static final AvroSerde<SourceHealth> SOURCE_HEALTH_SERDE = new AvroSerde<>(SourceHealth.class);
  public static final AvroSerde<KnowledgeBaseEntity> KB_ENTITY_SERDE = new AvroSerde<>(KnowledgeBaseEntity.class);
  public static final AvroSerde<ReenrichRequest> REENRICH_REQUEST_SERDE = new AvroSerde<>(ReenrichRequest.class);
  public static final AvroSerde<StoryEvent> STORY_EVENT_SERDE = new AvroSerde<>(StoryEvent.class);
  public static final AvroSerde<TopicModel> TOPIC_MODEL_SERDE = new AvroSerde<>(TopicModel.class);
  public static final AvroSerde<TopicRule> TOPIC_RULE_SERDE = new AvroSerde<>(TopicRule.class);
  public static final AvroSerde<AlertSubscription> ALERT_SUBSCRIPTION_SERDE = new AvroSerde<>(AlertSubscription.class);
  public static final AvroSerde<AlertEvent> ALERT_EVENT_SERDE = new AvroSerde<>(AlertEvent.class);

  public static final Topic<String, ArticleIngested> ARTICLES_INGESTED = new Topic<>(
      "news.articles.ingested", Serdes.String(), ARTICLE_INGESTED_SERDE, false,
      "Articles accepted by ingest-service, key = article id.");

  public static final Topic<String, ArticleEnriched> ARTICLES_ENRICHED = new Topic<>(
      "news.articles.enriched", Serdes.String(), ARTICLE_ENRICHED_SERDE, false,
      "Enriched articles, key = article id; the latest event_version per id wins.");

  public static final Topic<String, IngestRejection> INGEST_REJECTED = new Topic<>(
      "news.ingest.rejected", Serdes.String(), INGEST_REJECTION_SERDE, false,
      "Input ingest-service refused, with the reason.");

  public static final Topic<String, FeedSubscription> FEEDS = new Topic<>(
      "news.feeds", Serdes.String(), FEED_SUBSCRIPTION_SERDE, true,
      "Feed subscriptions, key = feed id; a tombstone unsubscribes.");

  public static final Topic<String, FeedState> FEED_STATE = new Topic<>(
      "news.feeds.state", Serdes.String(), FEED_STATE_SERDE, true,
      "The poller's memory per feed (validators, seen items, counters), key = feed id.");

  public static final Topic<String, SourceHealth> SOURCES_HEALTH = new Topic<>(
      "news.sources.health", Serdes.String(), SOURCE_HEALTH_SERDE, false,
      "Changes of a feed's health (OK, FAILING, SILENT), key = feed id.");

  public static final Topic<String, KnowledgeBaseEntity> ENTITIES_KB = new Topic<>(
      "news.entities.kb", Serdes.String(), KB_ENTITY_SERDE, true,
      "The newsroom's knowledge-base entries, key = entity id; they override the starter KB, a tombstone reverts.");

  public static final Topic<String, StoryEvent> STORIES = new Topic<>(
      "news.stories", Serdes.String(), STORY_EVENT_SERDE, true,
      "Stories as they change (started, grew, merged), key = story id; the latest event is the story's state.");

  public static final Topic<String, TopicModel> TOPIC_MODELS = new Topic<>(
      "news.topics.models", Serdes.String(), TOPIC_MODEL_SERDE, true,
      "The newsroom's trained topic classifier, key 'active'; a tombstone returns to the shipped default.");

  public static final Topic<String, TopicRule> TOPIC_RULES = new Topic<>(
      "news.topics.rules", Serdes.String(), TOPIC_RULE_SERDE, true,
      "The newsroom's own topics given by rules (entities, terms), key = rule id; a tombstone removes one.");

  public static final Topic<String, AlertSubscription> ALERT_SUBSCRIPTIONS = new Topic<>(
      "news.alerts.subscriptions", Serdes.String(), ALERT_SUBSCRIPTION_SERDE, true,
      "Editors' standing queries (/v1/alerts), key = alert id; a tombstone removes one.");

  public static final Topic<String, AlertEvent> ALERTS = new Topic<>(
      "news.alerts", Serdes.String(), ALERT_EVENT_SERDE, false,
      "Alerts raised as matching articles are enriched (one per story, then batched updates), key = alert id.");

  public static final Topic<String, ReenrichRequest> ENRICH_REQUESTS = new Topic<>(
      "news.enrich.requests", Serdes.String(), REENRICH_REQUEST_SERDE, false,
      "Requests to enrich already enriched articles again (after a KB correction), key = article id.");

  /** Records enrich-service could not read or process, unchanged, with the reason in headers. */
  public static final Topic<byte[], byte[]> ENRICH_DLQ = new Topic<>(
      "news.enrich.dlq", Serdes.ByteArray(), Serdes.ByteArray(), false,
      "Records enrich-service could not read or process; the reason is in the __streams.errors.* headers.");

  /** Enriched events Elasticsearch refused as documents (mapping errors), unchanged, with the reason in headers. */
  public static final Topic<byte[], byte[]> INDEX_DLQ = new Topic<>(
      "news.index.dlq", Serdes.ByteArray(), Serdes.ByteArray(), false,
      "Enriched events index-service could not index; the reason is in the 'error.reason' header.");

  public static List<Topic<?, ?>> all() {
    return List.of(ARTICLES_INGESTED, ARTICLES_ENRICHED, INGEST_REJECTED, ENRICH_DLQ, INDEX_DLQ, FEEDS, FEED_STATE,
        SOURCES_HEALTH, ENTITIES_KB, ENRICH_REQUESTS, STORIES, TOPIC_MODELS, TOPIC_RULES, ALERT_SUBSCRIPTIONS, ALERTS);
  }
}
