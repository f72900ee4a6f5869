package newsroom.enrich.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsroom.enrich.stories.StoryAssigner;
import newsroom.enrich.topics.MediaTopics;
import newsroom.events.AlertArticle;
import newsroom.events.AlertEvent;
import newsroom.events.AlertKind;
import newsroom.events.AlertSubscription;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Raises alerts as articles are enriched, on the all-articles partition (after stories, so every
 * article has its story): an article matching a subscription raises NEW_STORY at once when its story
 * has not alerted that subscription before; later matches of the story wait in {@value #STORE}
 * (key: alert id, story id) and go out together as one STORY_UPDATE when the subscription's update
 * interval has passed since the last alert of the story (checked as articles arrive and every
 * {@code CHECK_EVERY}). Copies and revisions raise nothing: a desk hears of an event once.
 */
public final class AlertRaiser implements Processor<String, StoryAssigner.Step, String, AlertEvent> {
  public static final String STORE = "alert-stories";
  private static final String SEPARATOR = "\u0000";
  private static final Duration CHECK_EVERY = Duration.ofSeconds(15);

  private final AlertSubscriptions subscriptions;
  private final Duration forgetAfter;
  private final MediaTopics vocabulary = MediaTopics.load();
  private ProcessorContext<String, AlertEvent> context;
  private KeyValueStore<String, AlertEvent> stories;

  /** {@code forgetAfter}: a story quiet this long alerts anew (the story window). */
  public AlertRaiser(AlertSubscriptions subscriptions, Duration forgetAfter) {
    this.subscriptions = subscriptions;
    this.forgetAfter = forgetAfter;
  }

  @Override
  public void init(ProcessorContext<String, AlertEvent> context) {
    this.context = context;
    this.stories = context.getStateStore(STORE);
    context.schedule(CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::sendDueUpdates);
  }

  @Override
  public void process(Record<String, StoryAssigner.Step> record) {
    ArticleEnriched event = record.value().event();
    boolean firstVersion = event.getRevision() == 1 && event.getEventVersion() == 1;
    if (!firstVersion || event.getDuplicateOf() != null || event.getNearDuplicateOf() != null) {
      return;
    }
    List<AlertQuery> queries = subscriptions.all();
    if (queries.isEmpty()) {
      return;
    }
    AlertQuery.Text text = AlertQuery.Text.of(event.getArticle());
    long now = context.currentSystemTimeMs();
    for (AlertQuery query : queries) {
      if (query.matches(event, text, vocabulary)) {
        raise(query.subscription(), event, now);
      }
    }
  }

  private void raise(AlertSubscription subscription, ArticleEnriched event, long now) {
    AlertArticle article = article(event.getArticle());
    String story = event.getStoryId() != null ? event.getStoryId() : event.getArticle().getId();
    if (!subscription.getPerStory()) {
      send(subscription, AlertKind.ARTICLE, story, List.of(article), now);
      return;
    }
    String key = subscription.getId() + SEPARATOR + story;
    AlertEvent seen = stories.get(key);
    if (seen == null) {
      send(subscription, AlertKind.NEW_STORY, story, List.of(article), now);
      stories.put(key, waiting(subscription, story, List.of(), now));
      return;
    }
    List<AlertArticle> pending = new ArrayList<>(seen.getArticles());
    pending.add(article);
    if (due(subscription, seen, now)) {
      send(subscription, AlertKind.STORY_UPDATE, story, pending, now);
      stories.put(key, waiting(subscription, story, List.of(), now));
    } else {
      stories.put(key, waiting(subscription, story, pending, seen.getRaisedAt().toEpochMilli()));
    }
  }

  /** Sends the updates whose interval has passed; forgets stories quiet for longer than the window. */
  private void sendDueUpdates(long now) {
    List<KeyValue<String, AlertEvent>> entries = new ArrayList<>();
    try (KeyValueIterator<String, AlertEvent> all = stories.all()) {
      all.forEachRemaining(entries::add);
    }
    for (KeyValue<String, AlertEvent> entry : entries) {
      AlertEvent waiting = entry.value;
      AlertQuery query = subscriptions.get(waiting.getAlertId());
      if (query == null || (waiting.getArticles().isEmpty()
          && now - waiting.getRaisedAt().toEpochMilli() > forgetAfter.toMillis())) {
        stories.delete(entry.key); // unsubscribed, or a story long over
      } else if (!waiting.getArticles().isEmpty() && due(query.subscription(), waiting, now)) {
        send(query.subscription(), AlertKind.STORY_UPDATE, waiting.getStoryId(), waiting.getArticles(), now);
        stories.put(entry.key, waiting(query.subscription(), waiting.getStoryId(), List.of(), now));
      }
    }
  }

  private static boolean due(AlertSubscription subscription, AlertEvent last, long now) {
    return now - last.getRaisedAt().toEpochMilli() >= Duration.ofMinutes(Math.max(0, subscription.getUpdateMinutes())).toMillis();
  }

  private void send(AlertSubscription subscription, AlertKind kind, String story, List<AlertArticle> articles, long now) {
    AlertEvent alert = AlertEvent.newBuilder().setAlertId(subscription.getId()).setAlertName(subscription.getName())
        .setKind(kind).setStoryId(story).setArticles(articles).setRaisedAt(Instant.ofEpochMilli(now)).build();
    context.forward(new Record<>(subscription.getId(), alert, now));
  }

  /** What the store keeps of a story: when it last alerted, and the articles waiting for the next update. */
  private static AlertEvent waiting(AlertSubscription subscription, String story, List<AlertArticle> pending, long lastSent) {
    return AlertEvent.newBuilder().setAlertId(subscription.getId()).setAlertName(subscription.getName())
        .setKind(AlertKind.STORY_UPDATE).setStoryId(story).setArticles(pending).setRaisedAt(Instant.ofEpochMilli(lastSent)).build();
  }

  private static AlertArticle article(ArticleIngested article) {
    return AlertArticle.newBuilder().setId(article.getId()).setTitle(article.getTitle()).setSource(article.getSource())
        .setUrl(article.getUrl()).setPublishedAt(article.getPublishedAt()).build();
  }
}
