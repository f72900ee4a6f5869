package newsroom.index;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import newsroom.events.TopicRule;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topics;
import newsroom.service.ApiKeys.Scope;
import newsroom.service.Problem;
import newsroom.service.TopicFollower;
import newsroom.service.TopicPublisher;

/**
 * A newsroom's own topics, for editors: {@code GET /v1/topic-rules}, {@code GET|PUT|DELETE
 * /v1/topic-rules/{id}}. Rules go to the compacted topic news.topics.rules, which every
 * enrich-service instance applies to the next article (topic qcode {@code newsroom:<id>}).
 */
final class TopicRulesApi implements AutoCloseable {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Set<String> FIELDS = Set.of("id", "name", "entities", "terms", "min_matches");

  private final Clock clock;
  private final TopicPublisher publisher;
  private final TopicFollower follower;
  private final Map<String, TopicRule> rules = new ConcurrentHashMap<>();

  TopicRulesApi(String bootstrapServers, EventSerdes serdes, Clock clock) {
    this.clock = clock;
    this.publisher = new TopicPublisher(bootstrapServers, serdes, "index-service-topic-rules", 30_000);
    this.follower = new TopicFollower(bootstrapServers, "index-service-topic-rules", List.of(Topics.TOPIC_RULES), update -> {
      TopicRule rule = serdes.read(Topics.TOPIC_RULES, update.value());
      if (rule == null) {
        rules.remove(update.key());
      } else {
        rules.put(update.key(), rule);
      }
    });
  }

  void awaitRestored(Duration timeout) throws InterruptedException {
    follower.awaitRestored(timeout);
  }

  void routes(JavalinConfig config) {
    config.routes.get("/v1/topic-rules", ctx -> ctx.json(Map.of("rules", rules.values().stream().map(TopicRulesApi::view).toList())),
        Scope.SEARCH);
    config.routes.get("/v1/topic-rules/{id}", ctx -> ctx.json(view(existing(ctx.pathParam("id")))), Scope.SEARCH);
    config.routes.put("/v1/topic-rules/{id}", this::put, Scope.ADMIN);
    config.routes.delete("/v1/topic-rules/{id}", ctx -> {
      String id = existing(ctx.pathParam("id")).getId();
      TopicPublisher.awaitAcknowledged(publisher.send(Topics.TOPIC_RULES, id, null), 30);
      rules.remove(id);
      ctx.status(204);
    }, Scope.ADMIN);
  }

  private void put(Context ctx) throws Exception {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      throw invalid("id", "the rule id must be 1-64 lower-case letters, digits and hyphens, e.g. 'korean-peninsula'");
    }
    JsonBody body = JsonBody.read(ctx.body(), "Invalid topic rule", FIELDS,
        "{\"name\": \"Korean peninsula\", \"entities\": [\"Q423\"], \"terms\": [\"Panmunjom\"]}");
    String name = body.path("name").asText("").strip();
    if (name.isEmpty() || name.length() > 200) {
      throw invalid("name", "'name' must be 1 to 200 characters");
    }
    List<String> entities = body.strings("entities", 200);
    List<String> terms = body.strings("terms", 200);
    if (entities.isEmpty() && terms.isEmpty()) {
      throw invalid("entities", "give at least one entity id in 'entities' or one word or phrase in 'terms'");
    }
    int minMatches = body.path("min_matches").asInt(1);
    if (minMatches < 1 || minMatches > entities.size() + terms.size()) {
      throw invalid("min_matches", "'min_matches' must be between 1 and the number of entities and terms");
    }
    TopicRule rule = new TopicRule(id, name, entities, terms, minMatches, clock.instant());
    TopicPublisher.awaitAcknowledged(publisher.send(Topics.TOPIC_RULES, id, rule), 30);
    rules.put(id, rule);
    ctx.json(view(rule));
  }

  private TopicRule existing(String id) {
    TopicRule rule = rules.get(id);
    if (rule == null) {
      throw new Problem.Exception(Problem.of(404, "Topic rule not found",
          "No topic rule " + id + "; GET /v1/topic-rules lists them, PUT /v1/topic-rules/{id} adds one."));
    }
    return rule;
  }

  private static Map<String, Object> view(TopicRule rule) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", rule.getId());
    view.put("qcode", "newsroom:" + rule.getId());
    view.put("name", rule.getName());
    view.put("entities", rule.getEntities());
    view.put("terms", rule.getTerms());
    view.put("min_matches", rule.getMinMatches());
    return view;
  }

  private static Problem.Exception invalid(String where, String detail) {
    return JsonBody.invalid("Invalid topic rule", where, detail);
  }

  @Override
  public void close() {
    follower.close();
    publisher.close();
  }
}
