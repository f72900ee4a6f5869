package newsroom.enrich.related;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import newsroom.enrich.ArrivalKey;
import newsroom.enrich.Enricher;
import newsroom.enrich.stories.StoryAssigner;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.Entity;
import newsroom.events.RelatedArticle;
import newsroom.events.TeaserLink;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keywords and related articles, on the single all-articles partition where every article passes.
 *
 * <p>Keywords: the article's candidate terms scored by TF-IDF against document frequencies of the
 * recent corpus (store {@value #FREQUENCIES_STORE}, halving every 20,000 articles: {@link
 * DocumentFrequencies}). Related: earlier articles of the window that share salient entities or
 * keywords, scored 0.5 × entity overlap (salience-weighted Jaccard) + 0.3 × keyword overlap + 0.2 when
 * both are in the same story, fading with the time between them (a week for a factor e). Copies are
 * not related articles. The window's articles are kept in memory, logged in {@value #WINDOW_STORE} and
 * replayed after a restart. Teasers: the related headlines an article names link to the articles with
 * those headlines; when such an article arrives later, the earlier one is sent to be enriched again.
 */
public final class ArticleRelator implements FixedKeyProcessor<String, StoryAssigner.Step, StoryAssigner.Step> {
  public static final String FREQUENCIES_STORE = "keyword-frequencies";
  public static final String WINDOW_STORE = "related-articles";
  private static final int KEYWORDS = 8;
  private static final int RELATED = 5;
  private static final double MIN_SCORE = 0.15;
  private static final double MIN_SALIENCE = 0.1;
  private static final double FADE_HOURS = 24 * 7;
  private static final int POSTINGS = 500;
  private static final int CLEAN_EVERY = 1_000;
  private static final Pattern NOT_LETTERS_OR_DIGITS = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern SEPARATORS = Pattern.compile("[\\t|=\\n]");

  /** What the window remembers of an article. */
  record Indexed(String id, Instant time, String story, String copyOf, Map<String, Double> salience,
                 Map<String, String> names, List<String> keywords, String title, List<String> teasers,
                 double totalSalience) {
    Indexed(String id, Instant time, String story, String copyOf, Map<String, Double> salience,
            Map<String, String> names, List<String> keywords, String title, List<String> teasers) {
      this(id, time, story, copyOf, salience, names, keywords, title, teasers, sum(salience.values()));
    }

    private static double sum(Iterable<Double> values) {
      double total = 0;
      for (double value : values) {
        total += value;
      }
      return total;
    }

    String text() {
      List<String> entities = new ArrayList<>();
      salience.forEach((id, s) -> entities.add(clean(id) + "=" + s + "=" + clean(names.get(id))));
      return String.join("\t", id, Long.toString(time.toEpochMilli()), story == null ? "" : story,
          copyOf == null ? "" : copyOf, String.join("|", entities), String.join("|", keywords), clean(title),
          String.join("|", teasers.stream().map(Indexed::clean).toList()));
    }

    static Indexed parse(String text) {
      String[] c = text.split("\t", -1);
      Map<String, Double> salience = new LinkedHashMap<>();
      Map<String, String> names = new HashMap<>();
      if (!c[4].isEmpty()) {
        for (String e : c[4].split("\\|")) {
          String[] p = e.split("=", 3);
          salience.put(p[0], Double.parseDouble(p[1]));
          names.put(p[0], p[2]);
        }
      }
      return new Indexed(c[0], Instant.ofEpochMilli(Long.parseLong(c[1])), c[2].isEmpty() ? null : c[2],
          c[3].isEmpty() ? null : c[3], salience, names, c[5].isEmpty() ? List.of() : List.of(c[5].split("\\|")),
          c[6], c[7].isEmpty() ? List.of() : List.of(c[7].split("\\|")));
    }

    private static String clean(String s) {
      return SEPARATORS.matcher(s).replaceAll(" ");
    }
  }

  private final Duration window;
  private FixedKeyProcessorContext<String, StoryAssigner.Step> context;
  private DocumentFrequencies frequencies;
  private KeyValueStore<String, String> log;
  private final Map<String, Held> articles = new LinkedHashMap<>();
  private final Map<String, String> logKeys = new HashMap<>();
  private final Map<String, Deque<Posting>> byEntity = new HashMap<>();   // entity → newest articles naming it
  private final Map<String, Deque<Posting>> byKeyword = new HashMap<>();  // keyword → newest articles with it
  private final Map<String, String> byHeadline = new HashMap<>();          // headline key → article
  private final Map<String, Set<String>> waitingFor = new HashMap<>();     // headline key → articles naming it
  private long sequence;
  private long walks;

  public ArticleRelator(Duration window) {
    this.window = window;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, StoryAssigner.Step> context) {
    this.context = context;
    this.frequencies = context.getStateStore(FREQUENCIES_STORE);
    this.log = context.getStateStore(WINDOW_STORE);
    List<KeyValue<String, String>> entries = new ArrayList<>();
    try (KeyValueIterator<String, String> all = log.all()) {
      all.forEachRemaining(entries::add);
    }
    for (KeyValue<String, String> e : entries) {
      remember(Indexed.parse(e.value), e.key);
      sequence = Math.max(sequence, Long.parseLong(e.key) + 1);
    }
    forgetBefore(articles.values().stream().map(h -> h.indexed.time()).max(Instant::compareTo).orElse(Instant.EPOCH)
        .minus(window));
  }

  @Override
  public void process(FixedKeyRecord<String, StoryAssigner.Step> record) {
    ArticleEnriched event = record.value().event();
    ArticleIngested article = event.getArticle();
    boolean seenBefore = articles.containsKey(article.getId());
    List<String> keywords = Keywords.choose(Keywords.candidates(article.getTitle(), article.getBody(),
        article.getLanguage()), frequencies, !seenBefore, KEYWORDS);
    Instant time = article.getPublishedAt() != null ? article.getPublishedAt() : article.getIngestedAt();
    // The group's first article: an exact copy of a near copy names it in near_duplicate_of.
    String copyOf = event.getNearDuplicateOf() != null ? event.getNearDuplicateOf() : event.getDuplicateOf();
    Map<String, Double> salience = new LinkedHashMap<>();
    Map<String, String> names = new HashMap<>();
    for (Entity entity : event.getEntities()) {
      if (entity.getSalience() >= MIN_SALIENCE) {
        salience.put(entity.getId(), (double) entity.getSalience());
        names.put(entity.getId(), entity.getName());
      }
    }
    Indexed self = new Indexed(article.getId(), time, event.getStoryId(), copyOf, salience, names, keywords,
        article.getTitle(), article.getRelatedHeadlines());
    List<RelatedArticle> related = related(self);
    List<TeaserLink> teasers = article.getRelatedHeadlines().stream()
        .map(h -> new TeaserLink(h, byHeadline.get(headlineKey(h)))).toList();
    // Earlier articles that named this one's headline: enrich them again, so that their teaser links here.
    List<String> reenrich = seenBefore ? List.of() : List.copyOf(waitingFor.getOrDefault(headlineKey(article.getTitle()), Set.of()));
    if (seenBefore) {
      forget(article.getId());
    }
    String key = ArrivalKey.of(sequence++);
    log.put(key, self.text());
    remember(self, key);
    if (sequence % CLEAN_EVERY == 0) {
      forgetBefore(time.minus(window));
    }
    ArticleEnriched enriched = Enricher.copyOf(event).setKeywords(keywords).setRelated(related).setTeasers(teasers).build();
    List<String> again = new ArrayList<>(record.value().reenrich());
    reenrich.stream().filter(id -> !again.contains(id)).forEach(again::add);
    context.forward(record.withValue(new StoryAssigner.Step(enriched, record.value().stories(), again)));
  }

  /**
   * An article held in the window, with what it shares with the new article, summed while walking
   * the postings: the fields belong to walk number {@code walk} and are reset when a later walk
   * first meets the article (no map from candidate to overlap: that lookup was most of the cost).
   */
  private static final class Held {
    final Indexed indexed;
    long walk = -1;
    double together; // Σ over shared entities of the smaller salience
    int sharedKeywords;

    Held(Indexed indexed) {
      this.indexed = indexed;
    }

    /** True when this walk meets the article for the first time. */
    boolean meet(long walk) {
      if (this.walk == walk) {
        return false;
      }
      this.walk = walk;
      together = 0;
      sharedKeywords = 0;
      return true;
    }
  }

  /** An article in the postings of one of its entities (with that entity's salience) or keywords. */
  private record Posting(Held article, double salience) {}

  /** A candidate's score, kept until the best few are chosen (only those get their reasons spelt out). */
  private record Scored(Indexed other, float score, double hours, boolean sameStory) {}

  /**
   * Scores the articles sharing an entity or keyword with {@code self}, walking each posting once and
   * summing the overlap as it goes, so that the cost is the postings' length, not candidates × terms.
   * A very common term is shared only within its newest {@value #POSTINGS} articles.
   */
  private List<RelatedArticle> related(Indexed self) {
    long walk = ++walks;
    List<Held> met = new ArrayList<>();
    for (var entity : self.salience().entrySet()) {
      Deque<Posting> posting = byEntity.get(entity.getKey());
      if (posting != null) {
        for (Posting p : posting) {
          if (p.article().meet(walk)) {
            met.add(p.article());
          }
          p.article().together += Math.min(entity.getValue(), p.salience());
        }
      }
    }
    for (String keyword : self.keywords()) {
      Deque<Posting> posting = byKeyword.get(keyword);
      if (posting != null) {
        for (Posting p : posting) {
          if (p.article().meet(walk)) {
            met.add(p.article());
          }
          p.article().sharedKeywords++;
        }
      }
    }
    List<Scored> scored = new ArrayList<>();
    for (Held overlap : met) {
      Indexed other = overlap.indexed;
      if (other.id().equals(self.id()) || isCopy(self, other)) {
        continue;
      }
      // Salience-weighted Jaccard: Σ min over shared entities / Σ max over all, where Σ max = Σ a + Σ b − Σ min.
      double either = self.totalSalience() + other.totalSalience() - overlap.together;
      double entityScore = either <= 0 ? 0 : overlap.together / either;
      int fewerKeywords = Math.min(self.keywords().size(), other.keywords().size());
      double keywordScore = fewerKeywords == 0 ? 0 : (double) overlap.sharedKeywords / fewerKeywords;
      double hours = Math.abs(Duration.between(other.time(), self.time()).toMinutes()) / 60.0;
      boolean sameStory = self.story() != null && self.story().equals(other.story());
      double score = (0.5 * entityScore + 0.3 * keywordScore + (sameStory ? 0.2 : 0)) * Math.exp(-hours / FADE_HOURS);
      if (score >= MIN_SCORE) {
        scored.add(new Scored(other, (float) (Math.round(score * 1000) / 1000.0), hours, sameStory));
      }
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(c -> c.other().id()));
    List<RelatedArticle> related = new ArrayList<>();
    List<Indexed> chosen = new ArrayList<>();
    for (Scored best : scored) {
      if (chosen.size() == RELATED) {
        break;
      }
      Indexed other = best.other();
      if (chosen.stream().anyMatch(c -> isCopy(c, other))) {
        continue; // one article of a group of copies is enough
      }
      chosen.add(other);
      List<String> sharedEntities = self.salience().keySet().stream().filter(other.salience()::containsKey)
          .map(self.names()::get).toList();
      List<String> sharedKeywords = self.keywords().stream().filter(other.keywords()::contains).toList();
      related.add(new RelatedArticle(other.id(), best.score(), sharedEntities, sharedKeywords,
          (float) (Math.round(best.hours() * 10) / 10.0), best.sameStory()));
    }
    return related;
  }

  /** Copies of each other: one points at the other, or both at the same first copy. */
  private static boolean isCopy(Indexed a, Indexed b) {
    return b.id().equals(a.copyOf()) || a.id().equals(b.copyOf()) || (a.copyOf() != null && a.copyOf().equals(b.copyOf()));
  }

  /** Headlines compared without case, punctuation or spacing differences. */
  static String headlineKey(String headline) {
    return NOT_LETTERS_OR_DIGITS.matcher(headline.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  private void remember(Indexed article, String key) {
    Held held = new Held(article);
    articles.put(article.id(), held);
    logKeys.put(article.id(), key);
    byHeadline.putIfAbsent(headlineKey(article.title()), article.id());
    article.teasers().forEach(h -> {
      if (!byHeadline.containsKey(headlineKey(h))) {
        waitingFor.computeIfAbsent(headlineKey(h), k -> new HashSet<>()).add(article.id());
      }
    });
    waitingFor.remove(headlineKey(article.title()));
    article.salience().forEach((id, salience) -> post(byEntity, id, new Posting(held, salience)));
    article.keywords().forEach(k -> post(byKeyword, k, new Posting(held, 0)));
  }

  private static void post(Map<String, Deque<Posting>> postings, String key, Posting posting) {
    Deque<Posting> list = postings.computeIfAbsent(key, k -> new ArrayDeque<>());
    list.addLast(posting);
    if (list.size() > POSTINGS) { // the newest articles of a very common entity or keyword are enough
      list.removeFirst();
    }
  }

  private void forget(String id) {
    Held held = articles.remove(id);
    String key = logKeys.remove(id);
    if (key != null) {
      log.delete(key);
    }
    if (held != null) {
      Indexed article = held.indexed;
      byHeadline.remove(headlineKey(article.title()), id);
      article.teasers().forEach(h -> waitingFor.getOrDefault(headlineKey(h), new HashSet<>()).remove(id));
      article.salience().keySet().forEach(e -> unpost(byEntity, e, held));
      article.keywords().forEach(k -> unpost(byKeyword, k, held));
    }
  }

  private static void unpost(Map<String, Deque<Posting>> postings, String key, Held article) {
    Deque<Posting> list = postings.get(key);
    if (list != null) {
      list.removeIf(p -> p.article() == article);
      if (list.isEmpty()) {
        postings.remove(key);
      }
    }
  }

  private void forgetBefore(Instant oldest) {
    articles.values().stream().map(h -> h.indexed).filter(a -> a.time().isBefore(oldest)).map(Indexed::id).toList()
        .forEach(this::forget);
  }
}
