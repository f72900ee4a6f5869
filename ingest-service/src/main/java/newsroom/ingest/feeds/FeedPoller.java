package newsroom.ingest.feeds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import newsroom.events.ArticleIngested;
import newsroom.events.FeedState;
import newsroom.events.FeedSubscription;
import newsroom.events.IngestRejection;
import newsroom.events.SourceHealth;
import newsroom.events.SourceStatus;
import newsroom.ingest.ArticleIds;
import newsroom.ingest.ArticleParser;
import newsroom.ingest.IngestConfig;
import newsroom.ingest.InvalidInput;
import newsroom.ingest.fetch.FetchException;
import newsroom.ingest.fetch.FetchedPage;
import newsroom.ingest.fetch.PageFetcher;
import newsroom.schemas.Topic;
import newsroom.schemas.Topics;
import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every subscribed feed on its schedule and turns new or changed items into articles.
 *
 * <p>One scheduler thread hands due feeds to virtual threads; at most {@code workers} feeds are
 * polled and at most {@code workers} pages fetched at once, one request at a time per host with a
 * pause between requests (politeness). Success schedules the next poll after the feed's interval
 * (±10 %); failure backs off exponentially with jitter, up to six hours. An item is remembered
 * (in news.feeds.state) only after its article was acknowledged by Kafka, so nothing is lost when
 * the service stops mid-poll, and an item whose content changes is fetched again (a new revision).
 *
 * <p>Instances share the feeds through {@link FeedAssignment}: each polls (and judges the health of)
 * only the feeds in the news.feeds partitions it was given.
 */
public final class FeedPoller implements AutoCloseable, FeedAssignment.Owner {
  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  private static final Duration MAX_BACKOFF = Duration.ofHours(6);
  private static final int FULL_CONTENT_CHARS = 1_000;
  private static final int MAX_SEEN = 2_000;
  private static final int RECENT = 50;
  private static final Duration HANDOVER_WAIT = Duration.ofSeconds(60);

  /** Sends records to Kafka and completes when they are acknowledged. */
  public interface Sink {
    <K, V> java.util.concurrent.CompletableFuture<?> send(Topic<K, V> topic, K key, V value);
  }

  private final IngestConfig.Feeds config;
  private final FeedStore store;
  private final Sink sink;
  private final ArticleParser parser;
  private final PageFetcher fetcher;
  private final FeedParser feedParser;
  private final FeedHealth health;
  private final Clock clock;
  private final ObjectMapper json;
  private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore pageSlots;
  private final Map<String, Instant> nextPoll = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, HostGate> hosts = new ConcurrentHashMap<>();
  private final Map<String, SourceStatus> lastStatus = new ConcurrentHashMap<>();
  private final Thread scheduler;
  private FeedAssignment assignment;
  private volatile boolean running = true;

  public FeedPoller(IngestConfig.Feeds config, FeedStore store, Sink sink, ArticleParser parser, PageFetcher fetcher,
                    FeedParser feedParser, Clock clock, ObjectMapper json, MeterRegistry metrics) {
    this.config = config;
    this.store = store;
    this.sink = sink;
    this.parser = parser;
    this.fetcher = fetcher;
    this.feedParser = feedParser;
    this.health = new FeedHealth(Duration.ofSeconds(config.silentMinSeconds()), config.silentFactor());
    this.clock = clock;
    this.json = json;
    this.pageSlots = new Semaphore(config.workers());
    for (SourceStatus status : SourceStatus.values()) {
      Gauge.builder("ingest.feeds", lastStatus, m -> m.values().stream().filter(s -> s == status).count())
          .tag("status", status.name()).description("Feeds this instance polls, by health").register(metrics);
    }
    this.scheduler = Thread.ofPlatform().name("feed-scheduler").daemon().unstarted(this::schedule);
  }

  /** Joins the ingest instances that share the feeds and polls the ones given to this instance. */
  public FeedPoller start(String bootstrapServers) {
    assignment = new FeedAssignment(bootstrapServers, this).start();
    scheduler.start();
    return this;
  }

  public FeedHealth health() {
    return health;
  }

  private List<FeedSubscription> mine() {
    FeedAssignment current = assignment;
    return current == null ? List.of()
        : store.subscriptions().stream().filter(f -> current.owns(store.partitionOf(f.getId()))).toList();
  }

  @Override
  public void release(Set<Integer> partitions) {
    Instant deadline = clock.instant().plus(HANDOVER_WAIT);
    while (inFlight.stream().anyMatch(id -> partitions.contains(store.partitionOf(id))) && clock.instant().isBefore(deadline)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    forgetSchedules(partitions);
  }

  @Override
  public void takeOver(Set<Integer> partitions) {
    try {
      store.catchUp().get(HANDOVER_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("news.feeds.state not caught up before taking over partitions {} ({}); polling from what is known",
          partitions, e.toString());
    }
    forgetSchedules(partitions); // due times come from the last poll's state, whoever made it
  }

  private void forgetSchedules(Set<Integer> partitions) {
    nextPoll.keySet().removeIf(id -> partitions.contains(store.partitionOf(id)));
    lastStatus.keySet().removeIf(id -> partitions.contains(store.partitionOf(id)));
  }

  private void schedule() {
    Instant lastHealthCheck = Instant.EPOCH;
    while (running) {
      Instant now = clock.instant();
      for (FeedSubscription feed : mine()) {
        String id = feed.getId();
        if (inFlight.size() >= config.workers() || inFlight.contains(id) || now.isBefore(due(feed))) {
          continue;
        }
        inFlight.add(id);
        if (!assignment.owns(store.partitionOf(id))) { // handed over meanwhile; release() waits for what is in flight
          inFlight.remove(id);
          continue;
        }
        tasks.submit(() -> {
          try {
            poll(feed);
          } finally {
            inFlight.remove(id);
          }
        });
      }
      if (Duration.between(lastHealthCheck, now).toSeconds() >= 1) {
        checkHealth(now);
        lastHealthCheck = now;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Instant due(FeedSubscription feed) {
    FeedState state = store.state(feed.getId());
    Instant last = state == null ? null : state.getLastPolledAt();
    Instant requested = feed.getPollRequestedAt(); // POST /v1/feeds/{id}/poll on any instance
    if (requested != null && (last == null || requested.isAfter(last))) {
      return Instant.EPOCH;
    }
    return nextPoll.computeIfAbsent(feed.getId(), id -> last == null ? Instant.EPOCH
        : last.plusSeconds(feed.getPollIntervalSeconds()));
  }

  void poll(FeedSubscription feed) {
    Instant now = clock.instant();
    FeedState previous = store.state(feed.getId());
    if (previous == null) { // built once so that the schema's defaults (empty maps, zero counters) apply
      previous = FeedState.newBuilder().setFeedId(feed.getId()).build();
    }
    FeedState.Builder state = FeedState.newBuilder(previous);
    state.setLastPolledAt(now);
    URI url = URI.create(feed.getUrl());
    try {
      FetchedPage page = polite(url, () -> fetcher.fetch(url, state.getEtag(), state.getLastModified()));
      if (!page.notModified()) {
        ParsedFeed parsed = feedParser.parse(page.body(), page.contentType(), FeedParser.base(page.url(), page.contentLocation()));
        state.setTitle(parsed.title()).setEtag(page.etag()).setLastModified(page.lastModified());
        ingestItems(feed, parsed, state, now);
      }
      state.setLastSuccessAt(now).setLastError(null).setConsecutiveFailures(0);
      nextPoll.put(feed.getId(), now.plusMillis((long) (feed.getPollIntervalSeconds() * 1000L
          * ThreadLocalRandom.current().nextDouble(0.9, 1.1))));
    } catch (FetchException | InvalidFeed | RuntimeException e) {
      if (e instanceof RuntimeException) {
        LOG.error("polling {} failed unexpectedly; backing off", feed.getUrl(), e);
      }
      int failures = state.getConsecutiveFailures() + 1;
      state.setLastError(e.getMessage()).setConsecutiveFailures(failures).setHttpErrors(state.getHttpErrors()
          + (e instanceof FetchException ? 1 : 0));
      nextPoll.put(feed.getId(), now.plus(backoff(feed, failures)));
      LOG.warn("feed {} failed ({} in a row): {}", feed.getUrl(), failures, e.getMessage());
      if (e instanceof InvalidFeed) {
        reject("feed " + feed.getUrl(), feed.getSource(), e.getMessage(), feed.getUrl());
      }
    }
    FeedState saved = state.build();
    store.remember(saved);
    try { // acknowledged before the poll counts as done, so that whoever polls the feed next knows of it
      sink.send(Topics.FEED_STATE, feed.getId(), saved).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("state of feed {} not acknowledged: {}", feed.getUrl(), e.toString());
    }
  }

  /** Items oldest first; each new or changed one becomes an article before it is remembered. */
  private void ingestItems(FeedSubscription feed, ParsedFeed parsed, FeedState.Builder state, Instant now) {
    Map<String, String> seen = new LinkedHashMap<>(state.getSeen());
    List<Instant> published = new ArrayList<>(state.getRecentPublished());
    List<FeedItem> items = new ArrayList<>(parsed.items());
    java.util.Collections.reverse(items);
    int fresh = 0;
    for (FeedItem item : items) {
      String key = item.id() != null ? item.id() : item.url();
      if (key == null) {
        continue; // an item with neither id nor link cannot be followed
      }
      String fingerprint = fingerprint(item);
      String known = seen.get(key);
      if (fingerprint.equals(known) || ("failed:" + fingerprint).equals(known)) {
        continue;
      }
      try {
        ArticleIngested article = toArticle(feed, parsed, item, now);
        sink.send(Topics.ARTICLES_INGESTED, article.getId(), article).get(30, TimeUnit.SECONDS);
        seen.remove(key);
        seen.put(key, fingerprint);
        state.setItemsIngested(state.getItemsIngested() + 1);
        if (known == null && item.published() != null) {
          published.add(item.published());
        }
        fresh++;
      } catch (InvalidInput | FetchException e) {
        state.setExtractionFailures(state.getExtractionFailures() + 1);
        boolean lasting = !(e instanceof FetchException f) || !f.retriable();
        if (lasting) {
          seen.put(key, "failed:" + fingerprint); // not again until the item changes
        }
        reject("feed " + feed.getUrl() + " item " + key, feed.getSource(), e.getMessage(), String.valueOf(item.url()));
      } catch (Exception e) {
        LOG.warn("item {} of {} not acknowledged; retried next poll: {}", key, feed.getUrl(), e.toString());
      }
    }
    if (fresh > 0) {
      state.setLastNewItemAt(now);
    }
    while (seen.size() > MAX_SEEN) {
      seen.remove(seen.keySet().iterator().next());
    }
    published.sort(null);
    state.setSeen(seen).setRecentPublished(published.subList(Math.max(0, published.size() - RECENT), published.size()));
  }

  private ArticleIngested toArticle(FeedSubscription feed, ParsedFeed parsed, FeedItem item, Instant now)
      throws FetchException {
    ObjectNode node = json.createObjectNode();
    if (item.url() != null) {
      node.put("url", item.url());
    }
    if (item.title() != null) {
      node.put("title", item.title()); // already plain text (FeedParser)
    }
    if (item.published() != null) {
      node.put("published_at", item.published().toString());
    }
    if (item.updated() != null) {
      node.put("updated_at", item.updated().toString());
    }
    if (item.author() != null) {
      node.put("byline", item.author());
    }
    if (!item.categories().isEmpty()) {
      item.categories().forEach(node.putArray("tags")::add);
    }
    String source = feed.getSource() != null ? feed.getSource() : parsed.title();
    if (source != null) {
      node.put("source", source);
    }
    if (item.content() != null && Jsoup.parse(item.content()).text().length() >= FULL_CONTENT_CHARS) {
      node.put("html", "<html><body><article>" + item.content() + "</article></body></html>");
    } else if (item.url() != null) {
      URI page = URI.create(item.url());
      FetchedPage fetched = withPageSlot(() -> polite(page, () -> fetcher.fetch(page, null, null)));
      node.put("html", fetched.html());
      node.put("url", fetched.url().toString());
    } else {
      throw new InvalidInput("item", "the item has no link and too little content to be an article");
    }
    return parser.toArticle(node, now);
  }

  static String fingerprint(FeedItem item) {
    return ArticleIds.contentHash(String.valueOf(item.title()) + "|" + item.url() + "|" + item.updated(),
        String.valueOf(item.summary()) + "|" + String.valueOf(item.content()));
  }

  private void checkHealth(Instant now) {
    List<FeedSubscription> mine = mine();
    for (FeedSubscription feed : mine) {
      FeedHealth.Verdict verdict = health.judge(feed, store.state(feed.getId()), now);
      SourceStatus before = lastStatus.put(feed.getId(), verdict.status());
      if (before == null) { // first judged here since this instance started or took the feed over
        before = store.announced(feed.getId());
      }
      if (before != verdict.status() && verdict.status() != SourceStatus.UNKNOWN) {
        LOG.info("feed {} is now {}: {}", feed.getUrl(), verdict.status(), verdict.reason());
        sink.send(Topics.SOURCES_HEALTH, feed.getId(), SourceHealth.newBuilder()
            .setFeedId(feed.getId()).setUrl(feed.getUrl()).setStatus(verdict.status())
            .setPreviousStatus(before == null ? SourceStatus.UNKNOWN : before)
            .setReason(verdict.reason()).setAt(now).build());
      }
    }
    lastStatus.keySet().retainAll(mine.stream().map(FeedSubscription::getId).toList());
  }

  private void reject(String channel, String source, String reason, String excerpt) {
    sink.send(Topics.INGEST_REJECTED, source, IngestRejection.newBuilder().setReceivedAt(clock.instant())
        .setChannel(channel).setSource(source).setReason(reason).setExcerpt(excerpt).build());
  }

  static Duration backoff(FeedSubscription feed, int failures) {
    long base = Math.min(MAX_BACKOFF.toMillis(), feed.getPollIntervalSeconds() * 1000L << Math.min(failures - 1, 16));
    return Duration.ofMillis((long) (base * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
  }

  private interface Fetch {
    FetchedPage get() throws FetchException;
  }

  private FetchedPage withPageSlot(Fetch fetch) throws FetchException {
    try {
      pageSlots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted", true, e);
    }
    try {
      return fetch.get();
    } finally {
      pageSlots.release();
    }
  }

  /** One request at a time per host, with the politeness pause between them. */
  private FetchedPage polite(URI url, Fetch fetch) throws FetchException {
    HostGate gate = hosts.computeIfAbsent(String.valueOf(url.getHost()), h -> new HostGate());
    gate.lock.lock();
    try {
      long wait = gate.lastRequest + TimeUnit.MILLISECONDS.toNanos(config.politenessMs()) - System.nanoTime();
      if (gate.lastRequest != 0 && wait > 0) {
        Thread.sleep(Duration.ofNanos(wait));
      }
      return fetch.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted", true, e);
    } finally {
      gate.lastRequest = System.nanoTime();
      gate.lock.unlock();
    }
  }

  private static final class HostGate {
    final ReentrantLock lock = new ReentrantLock();
    long lastRequest;
  }

  @Override
  public void close() {
    if (assignment != null) {
      assignment.close(); // hands our feeds to the other instances at once
    }
    running = false;
    scheduler.interrupt();
    tasks.shutdownNow();
  }
}
