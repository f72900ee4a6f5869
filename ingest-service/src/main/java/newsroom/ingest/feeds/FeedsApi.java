package newsroom.ingest.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import newsroom.events.FeedSubscription;
import newsroom.ingest.ArticleIds;
import newsroom.ingest.CanonicalUrl;
import newsroom.schemas.Topics;
import newsroom.service.ApiKeys.Scope;
import newsroom.service.Problem;
import newsroom.service.ServiceHttp;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * {@code /v1/feeds} (subscribe, list, show, unsubscribe, poll now), {@code POST /v1/feeds:import}
 * (OPML) and {@code GET /v1/sources/health}. Subscriptions live in the compacted topic news.feeds.
 */
public final class FeedsApi {
  private final FeedStore store;
  private final FeedPoller poller;
  private final FeedPoller.Sink sink;
  private final int defaultInterval;
  private final Clock clock;

  public FeedsApi(FeedStore store, FeedPoller poller, FeedPoller.Sink sink, int defaultInterval, Clock clock) {
    this.store = store;
    this.poller = poller;
    this.sink = sink;
    this.defaultInterval = defaultInterval;
    this.clock = clock;
  }

  public void routes(JavalinConfig config) {
    config.routes.post("/v1/feeds", this::subscribe, Scope.ADMIN);
    config.routes.post("/v1/feeds:import", this::importOpml, Scope.ADMIN);
    config.routes.get("/v1/feeds", ctx -> ctx.json(store.subscriptions().stream().map(this::view).toList()), Scope.ADMIN);
    config.routes.get("/v1/feeds/{id}", ctx -> ctx.json(view(existing(ctx.pathParam("id")))), Scope.ADMIN);
    config.routes.delete("/v1/feeds/{id}", this::unsubscribe, Scope.ADMIN);
    config.routes.post("/v1/feeds/{id}/poll", this::pollNow, Scope.ADMIN);
    config.routes.get("/v1/sources/health", ctx -> {
      List<Map<String, Object>> feeds = store.subscriptions().stream()
          .map(f -> poller.health().report(f, store.state(f.getId()), clock.instant())).toList();
      ctx.json(Map.of("sources", FeedHealth.bySource(feeds), "feeds", feeds));
    }, Scope.ADMIN);
  }

  private void subscribe(Context ctx) throws Exception {
    JsonNode body;
    try {
      body = ServiceHttp.JSON.readTree(ctx.body());
    } catch (Exception e) {
      throw invalid("body", "expected a JSON object like {\"url\": \"https://example.org/feed.xml\"}");
    }
    if (body == null || !body.isObject() || !body.path("url").isTextual()) {
      throw invalid("url", "give the feed's 'url'");
    }
    int interval = body.path("interval_seconds").asInt(defaultInterval);
    if (interval < 10 || interval > 86_400) {
      throw invalid("interval_seconds", "'interval_seconds' must be between 10 and 86400");
    }
    String source = body.path("source").isTextual() && !body.path("source").asText().isBlank()
        ? body.path("source").asText().strip() : null;
    var result = create(body.path("url").asText(), source, interval);
    ctx.status(result.created ? 201 : 200).json(view(result.subscription));
  }

  private record Created(FeedSubscription subscription, boolean created) {}

  private Created create(String url, String source, int interval) throws Exception {
    String canonical;
    try {
      canonical = CanonicalUrl.of(url);
    } catch (IllegalArgumentException e) {
      throw invalid("url", "'" + url + "' " + e.getMessage());
    }
    String id = ArticleIds.feedId(canonical);
    FeedSubscription existing = store.subscription(id);
    if (existing != null) {
      return new Created(existing, false);
    }
    FeedSubscription subscription = FeedSubscription.newBuilder().setId(id).setUrl(url.strip()).setSource(source)
        .setPollIntervalSeconds(interval).setCreatedAt(clock.instant()).build();
    sink.send(Topics.FEEDS, id, subscription).get(30, TimeUnit.SECONDS); // acknowledged before we answer
    store.remember(subscription);
    return new Created(subscription, true);
  }

  /** Any instance may be asked; the request travels in the subscription to the instance that polls the feed. */
  private void pollNow(Context ctx) throws Exception {
    FeedSubscription requested = FeedSubscription.newBuilder(existing(ctx.pathParam("id")))
        .setPollRequestedAt(clock.instant()).build();
    sink.send(Topics.FEEDS, requested.getId(), requested).get(30, TimeUnit.SECONDS);
    store.remember(requested);
    ctx.status(202).json(Map.of("id", requested.getId(), "status", "poll scheduled"));
  }

  private void unsubscribe(Context ctx) throws Exception {
    FeedSubscription feed = existing(ctx.pathParam("id"));
    sink.send(Topics.FEEDS, feed.getId(), null).get(30, TimeUnit.SECONDS);
    store.forget(feed.getId());
    ctx.status(204);
  }

  /** OPML: every outline with an xmlUrl becomes a subscription; per-outline results. */
  private void importOpml(Context ctx) throws Exception {
    var doc = Jsoup.parse(ctx.body(), "", Parser.xmlParser()); // jsoup never resolves entities or DTDs
    List<Element> outlines = doc.select("outline[xmlUrl]");
    if (outlines.isEmpty()) {
      throw invalid("body", "no <outline xmlUrl=\"…\"> elements: send an OPML subscription list");
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (Element outline : outlines) {
      String url = outline.attr("xmlUrl");
      String title = outline.hasAttr("title") ? outline.attr("title") : outline.attr("text");
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("url", url);
      try {
        Created created = create(url, title.isBlank() ? null : title.strip(), defaultInterval);
        result.put("status", created.created ? 201 : 200);
        result.put("id", created.subscription.getId());
      } catch (Problem.Exception e) {
        result.put("status", 400);
        result.put("error", e.problem());
      }
      results.add(result);
    }
    ctx.json(Map.of("results", results));
  }

  private FeedSubscription existing(String id) {
    FeedSubscription feed = store.subscription(id);
    if (feed == null) {
      throw new Problem.Exception(Problem.of(404, "Feed not found", "No subscription with id " + id + "; GET /v1/feeds lists them."));
    }
    return feed;
  }

  private Map<String, Object> view(FeedSubscription feed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", feed.getId());
    out.put("url", feed.getUrl());
    out.put("source", feed.getSource());
    out.put("interval_seconds", feed.getPollIntervalSeconds());
    out.put("created_at", feed.getCreatedAt());
    out.put("health", poller.health().report(feed, store.state(feed.getId()), clock.instant()));
    return out;
  }

  private static Problem.Exception invalid(String where, String detail) {
    return new Problem.Exception(Problem.of(400, "Invalid feed subscription", detail).at(where));
  }
}
