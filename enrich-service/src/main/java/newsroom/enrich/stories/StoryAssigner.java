package newsroom.enrich.stories;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import newsroom.enrich.Enricher;
import newsroom.enrich.topics.TopicText;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.StoryChange;
import newsroom.events.StoryEntity;
import newsroom.events.StoryEvent;
import newsroom.events.StoryTopic;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each article into a story as it arrives (on the single all-articles partition, so every
 * article meets every story) and says how the stories changed. The clusterer lives in memory; its
 * input, the articles of the window in arrival order, is logged in the named store {@value #STORE},
 * and replaying that log rebuilds the same stories after a restart (the clusterer is deterministic).
 */
public final class StoryAssigner implements FixedKeyProcessor<String, ArticleEnriched, StoryAssigner.Step> {
  public static final String STORE = "story-articles";
  private static final Logger LOG = LoggerFactory.getLogger(StoryAssigner.class);
  private static final int MAX_ARTICLE_IDS = 200;
  private static final double MILLIS_PER_HOUR = 3_600_000.0;
  private static final int TOP_ENTITIES_PER_ARTICLE = 5;
  private static final int TOP_ENTITIES = 10;

  /**
   * The article with its story, the story events its arrival caused, and earlier articles to enrich
   * again because of it (moved to another story, or their teasers now point at it).
   */
  public record Step(ArticleEnriched event, List<StoryEvent> stories, List<String> reenrich) {
    public Step(ArticleEnriched event, List<StoryEvent> stories) {
      this(event, stories, List.of());
    }
  }

  private record Seen(Instant time, String title, Map<String, String> entities, Map<String, String> topics) {}

  private final StoryClusterer.Settings settings;
  private final Duration window;
  private final Counter started;
  private final Counter moved;
  private FixedKeyProcessorContext<String, Step> context;
  private KeyValueStore<String, String> log;
  private StoryClusterer clusterer;
  private final Map<String, Seen> seen = new HashMap<>();
  private long sequence;

  public StoryAssigner(StoryClusterer.Settings settings, Duration window, MeterRegistry metrics) {
    this.settings = settings;
    this.window = window;
    this.started = metrics.counter("enrich.stories", "change", "started");
    this.moved = metrics.counter("enrich.stories", "change", "article-moved");
  }

  /** Settings for a live stream: the clock is the publication time in hours. */
  public static StoryClusterer.Settings liveSettings(Duration fade) {
    StoryClusterer.Settings h = StoryClusterer.Settings.headlines();
    double fadeHours = fade.toMinutes() / 60.0;
    return new StoryClusterer.Settings(h.alpha(), h.beta(), fadeHours, h.reviewEvery(), h.smallStory(), fadeHours / 4);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Step> context) {
    this.context = context;
    this.log = context.getStateStore(STORE);
    this.clusterer = new StoryClusterer(settings);
    List<KeyValue<String, String>> entries = new ArrayList<>();
    try (KeyValueIterator<String, String> all = log.all()) {
      all.forEachRemaining(entries::add);
    }
    Instant newest = entries.stream().map(e -> Entry.parse(e.value).time()).max(Instant::compareTo).orElse(Instant.EPOCH);
    Instant oldest = newest.minus(window);
    for (KeyValue<String, String> e : entries) {
      Entry entry = Entry.parse(e.value);
      if (entry.time().isBefore(oldest)) {
        log.delete(e.key); // out of the window: forgotten
        continue;
      }
      clusterer.add(entry.article(), entry.terms(), hours(entry.time()));
      seen.put(entry.article(), new Seen(entry.time(), entry.title(), entry.entities(), entry.topics()));
      sequence = Math.max(sequence, Long.parseLong(e.key) + 1);
    }
    LOG.info("stories: {} articles replayed into {} stories", seen.size(), clusterer.storyCount());
  }

  @Override
  public void process(FixedKeyRecord<String, ArticleEnriched> record) {
    ArticleEnriched event = record.value();
    ArticleIngested article = event.getArticle();
    String id = article.getId();
    String known = clusterer.storyOf(id);
    if (known != null) { // a new revision or a re-enrichment keeps its story
      context.forward(record.withValue(new Step(withStory(event, known), List.of())));
      return;
    }
    List<String> terms = TopicText.terms(article.getTitle());
    if (terms.isEmpty()) {
      context.forward(record.withValue(new Step(event, List.of())));
      return;
    }
    Instant time = article.getPublishedAt() != null ? article.getPublishedAt() : article.getIngestedAt();
    StoryClusterer.Assignment assignment = clusterer.add(id, terms, hours(time));
    Map<String, String> entities = new LinkedHashMap<>();
    event.getEntities().stream().limit(TOP_ENTITIES_PER_ARTICLE).forEach(e -> entities.put(e.getId(), e.getName()));
    Map<String, String> topics = new LinkedHashMap<>();
    event.getTopics().forEach(topic -> topics.put(topic.getQcode(), topic.getName()));
    Entry entry = new Entry(id, time, article.getTitle(), terms, entities, topics);
    log.put(String.format("%019d", sequence++), entry.text());
    seen.put(id, new Seen(time, entry.title(), entities, topics));

    List<StoryEvent> events = new ArrayList<>();
    if (assignment.newStory()) {
      started.increment();
    }
    events.add(story(assignment.story(), assignment.newStory() ? StoryChange.STARTED : StoryChange.GREW, List.of(), null));
    Map<List<String>, List<String>> movedBetween = new LinkedHashMap<>();
    for (StoryClusterer.Move move : assignment.moves()) {
      movedBetween.computeIfAbsent(List.of(move.from(), move.to()), k -> new ArrayList<>()).add(move.article());
      moved.increment();
    }
    movedBetween.forEach((fromTo, articles) -> {
      events.add(story(fromTo.get(1), StoryChange.MERGED_IN, articles, fromTo.get(0)));
      if (clusterer.story(fromTo.get(0)) != null) {
        events.add(story(fromTo.get(0), StoryChange.MOVED_OUT, articles, fromTo.get(1)));
      }
    });
    // Articles a review moved are enriched again, so that their events and the index carry the new story.
    List<String> movedArticles = assignment.moves().stream().map(StoryClusterer.Move::article).toList();
    context.forward(record.withValue(new Step(withStory(event, assignment.story()),
        events.stream().filter(e -> e != null).toList(), movedArticles)));
  }

  private StoryEvent story(String id, StoryChange change, List<String> movedArticles, String other) {
    StoryClusterer.StoryView view = clusterer.story(id);
    if (view == null) {
      return null;
    }
    List<String> articles = view.articles();
    String latest = articles.get(0);
    for (String article : articles) { // the latest published; among equals, the latest to arrive
      if (!seen.get(article).time().isBefore(seen.get(latest).time())) {
        latest = article;
      }
    }
    return StoryEvent.newBuilder()
        .setStoryId(id)
        .setChange(change)
        .setTitle(seen.get(latest).title())
        .setHeadlineArticleId(latest)
        .setFirstSeen(articles.stream().map(a -> seen.get(a).time()).min(Instant::compareTo).orElseThrow())
        .setLastSeen(seen.get(latest).time())
        .setArticleCount(articles.size())
        .setArticleIds(articles.size() <= MAX_ARTICLE_IDS ? articles : articles.subList(articles.size() - MAX_ARTICLE_IDS, articles.size()))
        .setMovedArticleIds(movedArticles)
        .setOtherStoryId(other)
        .setTopEntities(mostFrequent(articles, Seen::entities).stream().limit(TOP_ENTITIES)
            .map(e -> new StoryEntity(e.getKey().getKey(), e.getKey().getValue(), e.getValue())).toList())
        .setTopics(mostFrequent(articles, Seen::topics).stream()
            .map(e -> new StoryTopic(e.getKey().getKey(), e.getKey().getValue(), e.getValue())).toList())
        .build();
  }

  /** (id, name) pairs over the story's articles with how many name them, most frequent first (ties: first seen). */
  private List<Map.Entry<Map.Entry<String, String>, Integer>> mostFrequent(List<String> articles,
                                                                       Function<Seen, Map<String, String>> of) {
    Map<Map.Entry<String, String>, Integer> counts = new LinkedHashMap<>();
    for (String article : articles) {
      of.apply(seen.get(article)).forEach((id, name) -> counts.merge(Map.entry(id, name), 1, Integer::sum));
    }
    List<Map.Entry<Map.Entry<String, String>, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<Map.Entry<String, String>, Integer>comparingByValue().reversed());
    return sorted;
  }

  private static ArticleEnriched withStory(ArticleEnriched event, String story) {
    return Enricher.copyOf(event).setStoryId(story).build();
  }

  private static double hours(Instant time) {
    return time.toEpochMilli() / MILLIS_PER_HOUR;
  }

  /** One logged article: id, time, headline, its terms, top entities and topics, tab-separated. */
  record Entry(String article, Instant time, String title, List<String> terms, Map<String, String> entities,
               Map<String, String> topics) {
    String text() {
      return String.join("\t", article, Long.toString(time.toEpochMilli()), title.replaceAll("[\\t\\n\\r]", " "),
          String.join(" ", terms), pairs(entities), pairs(topics));
    }

    static Entry parse(String text) {
      String[] cols = text.split("\t", -1);
      return new Entry(cols[0], Instant.ofEpochMilli(Long.parseLong(cols[1])), cols[2],
          cols[3].isEmpty() ? List.of() : List.of(cols[3].split(" ")),
          cols.length > 4 ? unpairs(cols[4]) : Map.of(), cols.length > 5 ? unpairs(cols[5]) : Map.of());
    }

    private static String clean(String s) {
      return s.replaceAll("[\\t\\n\\r|=]", " ");
    }

    private static String pairs(Map<String, String> map) {
      return String.join("|", map.entrySet().stream().map(e -> clean(e.getKey()) + "=" + clean(e.getValue())).toList());
    }

    private static Map<String, String> unpairs(String text) {
      Map<String, String> map = new LinkedHashMap<>();
      if (!text.isEmpty()) {
        for (String pair : text.split("\\|")) {
          String[] kv = pair.split("=", 2);
          map.put(kv[0], kv.length > 1 ? kv[1] : kv[0]);
        }
      }
      return map;
    }
  }
}
