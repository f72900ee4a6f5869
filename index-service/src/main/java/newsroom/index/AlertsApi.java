package newsroom.index;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.events.AlertSubscription;
import newsroom.query.QuerySyntax;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topics;
import newsroom.service.AccessControl;
import newsroom.service.ApiKeys.Scope;
import newsroom.service.PublicAddressResolver;
import newsroom.service.Problem;
import newsroom.service.TopicFollower;
import newsroom.service.TopicPublisher;

/**
 * Editors' standing queries: {@code POST|GET /v1/alerts}, {@code GET|DELETE /v1/alerts/{id}}.
 * Subscriptions go to the compacted topic news.alerts.subscriptions; enrich-service matches every
 * article as it is enriched and raises alerts on news.alerts (one per story, then batched updates).
 */
final class AlertsApi implements AutoCloseable {
  private static final Set<String> FIELDS = Set.of("name", "query", "entities", "topics", "sources", "per_story",
      "update_minutes", "webhook_url");
  private static final SecureRandom IDS = new SecureRandom();

  private final Clock clock;
  private final Set<String> webhookAllowedHosts;
  private final TopicPublisher publisher;
  private final TopicFollower follower;
  private final Map<String, AlertSubscription> alerts = new ConcurrentHashMap<>();

  AlertsApi(String bootstrapServers, EventSerdes serdes, Set<String> webhookAllowedHosts, Clock clock) {
    this.clock = clock;
    this.webhookAllowedHosts = Set.copyOf(webhookAllowedHosts);
    this.publisher = new TopicPublisher(bootstrapServers, serdes, "index-service-alerts", 30_000);
    this.follower = new TopicFollower(bootstrapServers, "index-service-alerts", List.of(Topics.ALERT_SUBSCRIPTIONS), update -> {
      AlertSubscription alert = serdes.read(Topics.ALERT_SUBSCRIPTIONS, update.value());
      if (alert == null) {
        alerts.remove(update.key());
      } else {
        alerts.put(update.key(), alert);
      }
    });
  }

  /** The subscription with this id, if any (for webhook delivery). */
  AlertSubscription subscription(String id) {
    return alerts.get(id);
  }

  void awaitRestored(Duration timeout) throws InterruptedException {
    follower.awaitRestored(timeout);
  }

  void routes(JavalinConfig config) {
    config.routes.post("/v1/alerts", this::create, Scope.SEARCH);
    config.routes.get("/v1/alerts", ctx -> ctx.json(Map.of("alerts", alerts.values().stream()
        .sorted(java.util.Comparator.comparing(AlertSubscription::getId)).map(AlertsApi::view).toList())), Scope.SEARCH);
    config.routes.get("/v1/alerts/{id}", ctx -> ctx.json(view(existing(ctx.pathParam("id")))), Scope.SEARCH);
    config.routes.delete("/v1/alerts/{id}", ctx -> {
      String id = existing(ctx.pathParam("id")).getId();
      TopicPublisher.awaitAcknowledged(publisher.send(Topics.ALERT_SUBSCRIPTIONS, id, null), 30);
      alerts.remove(id);
      ctx.status(204);
    }, Scope.SEARCH);
  }

  private void create(Context ctx) throws Exception {
    JsonBody body = JsonBody.read(ctx.body(), "Invalid alert", FIELDS,
        "{\"name\": \"North Korea conflict\", \"entities\": [\"Q423\"], \"topics\": [\"medtop:16000000\"]}");
    String name = body.path("name").asText("").strip();
    if (name.isEmpty() || name.length() > 200) {
      throw invalid("name", "'name' must be 1 to 200 characters");
    }
    String query = body.path("query").isTextual() && !body.path("query").asText().isBlank() ? body.path("query").asText().strip() : null;
    if (query != null) {
      try {
        QuerySyntax.parse(query);
      } catch (QuerySyntax.Invalid e) {
        throw invalid("query", e.getMessage());
      }
    }
    List<String> entities = body.strings("entities", 50);
    List<String> topics = body.strings("topics", 50);
    List<String> sources = body.strings("sources", 50);
    if (query == null && entities.isEmpty() && topics.isEmpty() && sources.isEmpty()) {
      throw invalid("query", "an alert needs something to match: a 'query', 'entities', 'topics' or 'sources'");
    }
    int updateMinutes = body.path("update_minutes").asInt(15);
    if (!body.path("update_minutes").isMissingNode() && (!body.path("update_minutes").canConvertToInt()
        || updateMinutes < 1 || updateMinutes > 24 * 60)) {
      throw invalid("update_minutes", "'update_minutes' must be a whole number of minutes from 1 to 1440");
    }
    String webhook = body.hasNonNull("webhook_url") ? webhookUrl(body.path("webhook_url").asText()) : null;
    String id = "alert-" + HexFormat.of().formatHex(random(6));
    AlertSubscription alert = AlertSubscription.newBuilder().setId(id).setName(name).setQuery(query).setEntities(entities)
        .setTopics(topics).setSources(sources).setPerStory(body.path("per_story").asBoolean(true))
        .setUpdateMinutes(updateMinutes).setWebhookUrl(webhook)
        .setWebhookSecret(webhook == null ? null : "whsec_" + HexFormat.of().formatHex(random(24)))
        .setCreatedBy(ctx.attribute(AccessControl.KEY_NAME)).setUpdatedAt(clock.instant()).build();
    TopicPublisher.awaitAcknowledged(publisher.send(Topics.ALERT_SUBSCRIPTIONS, id, alert), 30);
    alerts.put(id, alert);
    Map<String, Object> created = view(alert);
    if (webhook != null) {
      created.put("webhook_secret", alert.getWebhookSecret()); // shown this once: the receiver checks signatures with it
    }
    ctx.status(201).header("Location", "/v1/alerts/" + id).json(created);
  }

  /**
   * An https URL (plain http only for allowed hosts) whose host is not a private address written out;
   * names are checked again on every connection, on the addresses they resolve to.
   */
  private String webhookUrl(String value) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(value.strip());
    } catch (java.net.URISyntaxException e) {
      throw invalid("webhook_url", "'webhook_url' is not a URL: " + e.getMessage());
    }
    String host = uri.getHost();
    boolean allowed = host != null && webhookAllowedHosts.contains(host);
    if (host == null || !("https".equals(uri.getScheme()) || allowed && "http".equals(uri.getScheme()))) {
      throw invalid("webhook_url", "'webhook_url' must be an https URL with a host");
    }
    if (!allowed && host.matches("[0-9.]+|\\[.*]")) {
      try {
        if (!PublicAddressResolver.isPublic(java.net.InetAddress.getByName(host.replaceAll("^\\[|]$", "")))) {
          throw invalid("webhook_url", "'webhook_url' points at a private address; alerts go only to public hosts");
        }
      } catch (java.net.UnknownHostException e) {
        throw invalid("webhook_url", "'webhook_url' has an unreadable address");
      }
    }
    return uri.toString();
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    IDS.nextBytes(bytes);
    return bytes;
  }

  private AlertSubscription existing(String id) {
    AlertSubscription alert = alerts.get(id);
    if (alert == null) {
      throw new Problem.Exception(Problem.of(404, "Alert not found",
          "No alert " + id + "; GET /v1/alerts lists them, POST /v1/alerts adds one."));
    }
    return alert;
  }

  private static Map<String, Object> view(AlertSubscription alert) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", alert.getId());
    view.put("name", alert.getName());
    view.put("query", alert.getQuery());
    view.put("entities", alert.getEntities());
    view.put("topics", alert.getTopics());
    view.put("sources", alert.getSources());
    view.put("per_story", alert.getPerStory());
    view.put("update_minutes", alert.getUpdateMinutes());
    view.put("created_by", alert.getCreatedBy());
    view.put("webhook_url", alert.getWebhookUrl());
    view.put("delivery", alert.getWebhookUrl() == null ? "kafka:" + Topics.ALERTS.name()
        : "kafka:" + Topics.ALERTS.name() + " and webhook");
    return view;
  }

  private static Problem.Exception invalid(String where, String detail) {
    return JsonBody.invalid("Invalid alert", where, detail);
  }

  @Override
  public void close() {
    follower.close();
    publisher.close();
  }
}
