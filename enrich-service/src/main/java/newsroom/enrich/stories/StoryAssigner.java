package newsroom.enrich.stories;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import newsroom.enrich.ArrivalKey;
import newsroom.enrich.Enricher;
import newsroom.text.LanguageText;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.Entity;
import newsroom.events.Mention;
import newsroom.events.StoryChange;
import newsroom.events.StoryEntity;
import newsroom.events.StoryEvent;
import newsroom.events.StoryTopic;
import newsroom.events.TextField;
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
 * article meets every story) and says how the stories changed. An exact copy of an article still in
 * the window takes that article's story and changes nothing: the same text under a second URL is
 * not news of the story. The clusterer lives in memory; its input, the articles of the window in
 * arrival order with the story each is in, is logged in the named store {@value #STORE}, and a
 * restart puts every article back into its story from that log without clustering again: the
 * stories its events announced, rebuilt in a few seconds however many articles the window holds.
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

  /** An article in the window, in arrival order: its log key, so that it can be forgotten. */
  private record Logged(String key, String article, Instant time) {}

  /**
   * What a story's events say about it, kept up to date as articles join. Joining appends, so adding
   * the newcomer gives what a recount over the members in joining order gives; a review's moves and
   * forgetting drop the summary and the next event recounts.
   */
  private static final class Summary {
    final Map<Map.Entry<String, String>, Integer> entities = new LinkedHashMap<>(); // first named first
    final Map<Map.Entry<String, String>, Integer> topics = new LinkedHashMap<>();
    Instant firstSeen;
    String latest; // the latest published; among equals, the latest to arrive
    Instant latestTime;

    void add(String article, Seen seen) {
      seen.entities().forEach((id, name) -> entities.merge(Map.entry(id, name), 1, Integer::sum));
      seen.topics().forEach((id, name) -> topics.merge(Map.entry(id, name), 1, Integer::sum));
      if (firstSeen == null || seen.time().isBefore(firstSeen)) {
        firstSeen = seen.time();
      }
      if (latestTime == null || !seen.time().isBefore(latestTime)) {
        latest = article;
        latestTime = seen.time();
      }
    }
  }

  private final StoryClusterer.Settings settings;
  private final Duration window;
  private final Counter started;
  private final Counter moved;
  private FixedKeyProcessorContext<String, Step> context;
  private KeyValueStore<String, String> log;
  private StoryClusterer clusterer;
  private final Map<String, Seen> seen = new HashMap<>();
  private final Map<String, Summary> summaries = new HashMap<>();
  private final ArrayDeque<Logged> arrivals = new ArrayDeque<>();
  private final Map<String, String> logKeys = new HashMap<>(); // article → its key in the log
  private Instant newest = Instant.EPOCH;
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
    long start = System.nanoTime();
    List<KeyValue<String, String>> entries = new ArrayList<>();
    try (KeyValueIterator<String, String> all = log.all()) {
      all.forEachRemaining(entries::add);
    }
    newest = entries.stream().map(e -> Entry.parse(e.value).time()).max(Instant::compareTo).orElse(Instant.EPOCH);
    Instant oldest = newest.minus(window);
    for (KeyValue<String, String> e : entries) {
      Entry entry = Entry.parse(e.value);
      if (entry.time().isBefore(oldest)) {
        log.delete(e.key); // out of the window: forgotten
        continue;
      }
      if (entry.story() != null) {
        clusterer.restore(entry.article(), entry.terms(), hours(entry.time()), entry.story());
      } else { // logged before entries named their story: clustered again
        clusterer.add(entry.article(), entry.terms(), hours(entry.time()));
      }
      seen.put(entry.article(), new Seen(entry.time(), entry.title(), entry.entities(), entry.topics()));
      arrivals.add(new Logged(e.key, entry.article(), entry.time()));
      logKeys.put(entry.article(), e.key);
      sequence = Math.max(sequence, Long.parseLong(e.key) + 1);
    }
    LOG.info("stories: {} articles restored into {} stories in {} ms", seen.size(), clusterer.storyCount(),
        (System.nanoTime() - start) / 1_000_000);
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
    String original = event.getDuplicateOf() == null ? null : clusterer.storyOf(event.getDuplicateOf());
    if (original != null) { // an exact copy is in its original's story but is not another article of it
      context.forward(record.withValue(new Step(withStory(event, original), List.of())));
      return;
    }
    List<String> terms = headlineTerms(event);
    if (terms.isEmpty()) {
      context.forward(record.withValue(new Step(event, List.of())));
      return;
    }
    Instant time = article.getPublishedAt() != null ? article.getPublishedAt() : article.getIngestedAt();
    if (time.isAfter(newest)) {
      newest = time;
      forgetOlderThan(newest.minus(window));
    }
    StoryClusterer.Assignment assignment = clusterer.add(id, terms, hours(time));
    Map<String, String> entities = new LinkedHashMap<>();
    event.getEntities().stream().limit(TOP_ENTITIES_PER_ARTICLE).forEach(e -> entities.put(e.getId(), e.getName()));
    Map<String, String> topics = new LinkedHashMap<>();
    event.getTopics().forEach(topic -> topics.put(topic.getQcode(), topic.getName()));
    Entry entry = new Entry(id, time, article.getTitle(), terms, entities, topics, clusterer.storyOf(id));
    String key = ArrivalKey.of(sequence++);
    log.put(key, entry.text());
    for (StoryClusterer.Move move : assignment.moves()) { // the log says where each article is now
      String movedKey = logKeys.get(move.article());
      if (movedKey != null) {
        log.put(movedKey, Entry.parse(log.get(movedKey)).in(move.to()).text());
      }
    }
    Seen here = new Seen(time, entry.title(), entities, topics);
    seen.put(id, here);
    arrivals.add(new Logged(key, id, time));
    logKeys.put(id, key);
    if (assignment.moves().isEmpty() && summaries.containsKey(assignment.story())) {
      summaries.get(assignment.story()).add(id, here);
    } else { // a new story, or a review moved articles: the events below recount
      summaries.remove(assignment.story());
      assignment.moves().forEach(move -> {
        summaries.remove(move.from());
        summaries.remove(move.to());
      });
    }

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
      if (clusterer.exists(fromTo.get(0))) {
        events.add(story(fromTo.get(0), StoryChange.MOVED_OUT, articles, fromTo.get(1)));
      }
    });
    // Articles a review moved are enriched again, so that their events and the index carry the new story.
    List<String> movedArticles = assignment.moves().stream().map(StoryClusterer.Move::article).toList();
    context.forward(record.withValue(new Step(withStory(event, assignment.story()),
        events.stream().filter(e -> e != null).toList(), movedArticles)));
  }

  /**
   * Articles that arrived before the window's start are forgotten as a restart would forget them,
   * so memory and the candidate stories stay those of the window. Arrival order stands in for
   * publication order: a late-arriving old article waits for the ones that came before it.
   */
  private void forgetOlderThan(Instant oldest) {
    while (!arrivals.isEmpty() && arrivals.peekFirst().time().isBefore(oldest)) {
      Logged gone = arrivals.pollFirst();
      summaries.remove(clusterer.storyOf(gone.article()));
      clusterer.forget(gone.article());
      seen.remove(gone.article());
      logKeys.remove(gone.article());
      log.delete(gone.key());
    }
  }

  private StoryEvent story(String id, StoryChange change, List<String> movedArticles, String other) {
    StoryClusterer.StoryView view = clusterer.story(id, MAX_ARTICLE_IDS);
    if (view == null) {
      return null;
    }
    Summary summary = summaries.computeIfAbsent(id, this::recount);
    return StoryEvent.newBuilder()
        .setStoryId(id)
        .setChange(change)
        .setTitle(seen.get(summary.latest).title())
        .setHeadlineArticleId(summary.latest)
        .setFirstSeen(summary.firstSeen)
        .setLastSeen(summary.latestTime)
        .setArticleCount(view.articleCount())
        .setArticleIds(view.newestArticles())
        .setMovedArticleIds(movedArticles)
        .setOtherStoryId(other)
        .setTopEntities(mostFrequent(summary.entities, TOP_ENTITIES).stream()
            .map(e -> new StoryEntity(e.getKey().getKey(), e.getKey().getValue(), e.getValue())).toList())
        .setTopics(mostFrequent(summary.topics, Integer.MAX_VALUE).stream()
            .map(e -> new StoryTopic(e.getKey().getKey(), e.getKey().getValue(), e.getValue())).toList())
        .build();
  }

  private Summary recount(String story) {
    Summary summary = new Summary();
    clusterer.articles(story).forEach(article -> summary.add(article, seen.get(article)));
    return summary;
  }

  /**
   * The {@code limit} (id, name) pairs named by most of the story's articles, most first; among
   * equals, the first named. One pass that keeps the best so far: a story can name thousands.
   */
  private static List<Map.Entry<Map.Entry<String, String>, Integer>> mostFrequent(
      Map<Map.Entry<String, String>, Integer> counts, int limit) {
    List<Map.Entry<Map.Entry<String, String>, Integer>> best = new ArrayList<>();
    for (Map.Entry<Map.Entry<String, String>, Integer> entry : counts.entrySet()) {
      if (best.size() == limit && entry.getValue() <= best.get(limit - 1).getValue()) {
        continue;
      }
      int at = best.size();
      while (at > 0 && best.get(at - 1).getValue() < entry.getValue()) {
        at--; // after every pair at least as frequent: earlier named wins ties
      }
      best.add(at, entry);
      if (best.size() > limit) {
        best.removeLast();
      }
    }
    return best;
  }

  private static ArticleEnriched withStory(ArticleEnriched event, String story) {
    return Enricher.copyOf(event).setStoryId(story).build();
  }

  private static double hours(Instant time) {
    return time.toEpochMilli() / MILLIS_PER_HOUR;
  }

  /**
   * What stories compare articles by: the headline's stems in its language, with each name the
   * knowledge base linked standing as the entity's id instead of its words. "US", "United States" and
   * "Estados Unidos" are all Q30, so the same event reported in English and in Spanish shares its
   * people, places and organisations, and one reported as "US" and as "United States" shares them too.
   */
  static List<String> headlineTerms(ArticleEnriched event) {
    String title = event.getArticle().getTitle();
    char[] words = title.toCharArray();
    List<String> ids = new ArrayList<>();
    for (Entity entity : event.getEntities()) {
      for (Mention mention : entity.getMentions()) {
        if (entity.getLinked() && mention.getField() == TextField.TITLE && mention.getEnd() <= words.length) {
          Arrays.fill(words, mention.getStart(), mention.getEnd(), ' ');
          ids.add(entity.getId());
        }
      }
    }
    List<String> terms = new ArrayList<>(LanguageText.stems(new String(words), event.getArticle().getLanguage()));
    terms.addAll(ids);
    return terms;
  }

  /**
   * One logged article: id, time, headline, its terms, top entities and topics, and its story,
   * tab-separated. Entries logged before the story was recorded have none (null).
   */
  record Entry(String article, Instant time, String title, List<String> terms, Map<String, String> entities,
               Map<String, String> topics, String story) {
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\t\\n\\r]");
    private static final Pattern SEPARATORS = Pattern.compile("[\\t\\n\\r|=]");

    String text() {
      return String.join("\t", article, Long.toString(time.toEpochMilli()), LINE_BREAKS.matcher(title).replaceAll(" "),
          String.join(" ", terms), pairs(entities), pairs(topics), story == null ? "" : story);
    }

    Entry in(String otherStory) {
      return new Entry(article, time, title, terms, entities, topics, otherStory);
    }

    static Entry parse(String text) {
      String[] cols = text.split("\t", -1);
      return new Entry(cols[0], Instant.ofEpochMilli(Long.parseLong(cols[1])), cols[2],
          cols[3].isEmpty() ? List.of() : List.of(cols[3].split(" ")),
          cols.length > 4 ? unpairs(cols[4]) : Map.of(), cols.length > 5 ? unpairs(cols[5]) : Map.of(),
          cols.length > 6 && !cols[6].isEmpty() ? cols[6] : null);
    }

    private static String clean(String s) {
      return SEPARATORS.matcher(s).replaceAll(" ");
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
