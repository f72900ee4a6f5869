package newsroom.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import newsroom.events.EntityType;
import newsroom.events.ReenrichRequest;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBaseVersions;
import newsroom.kb.KnowledgeBase.Entry;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topics;
import newsroom.service.ApiKeys.Scope;
import newsroom.service.Problem;
import newsroom.service.TopicFollower;
import newsroom.service.TopicPublisher;

/**
 * The knowledge base, for editors: {@code GET /v1/entities?name=…}, {@code GET|PUT|DELETE
 * /v1/entities/{id}} and {@code POST /v1/entities/{id}:reenrich}. Entries go to the compacted
 * topic news.entities.kb, which enrich-service reads; re-enrichment finds the indexed articles that
 * mention the entity (by id or by any of its names) and asks enrich-service to enrich them again.
 */
final class EntitiesApi implements AutoCloseable {
  private static final Set<String> FIELDS = Set.of("id", "name", "type", "aliases", "demonyms", "do_not_link", "disabled");
  private static final int PAGE = 500;
  private static final long ACK_SECONDS = 30;
  private static final Duration IMPORT_CHECK_INTERVAL = Duration.ofSeconds(30);

  private final ElasticsearchClient client;
  private final String alias;
  private final Clock clock;
  private final TopicPublisher publisher;
  private final TopicFollower follower;
  private final EventSerdes serdes;
  private final AtomicReference<KnowledgeBase> knowledgeBase = new AtomicReference<>(KnowledgeBase.starter());
  private final Closeable imported;

  /** {@code imports}: where the knowledge bases imported from Wikidata are published; null when there are none. */
  EntitiesApi(ElasticsearchClient client, String alias, String bootstrapServers, EventSerdes serdes, Clock clock,
              KnowledgeBaseVersions imports) {
    this.serdes = serdes;
    this.client = client;
    this.alias = alias;
    this.clock = clock;
    this.publisher = new TopicPublisher(bootstrapServers, serdes, "index-service-entities", (int) ACK_SECONDS * 1000);
    this.follower = new TopicFollower(bootstrapServers, "index-service-kb", List.of(Topics.ENTITIES_KB), this::apply);
    this.imported = imports == null ? () -> { }
        : imports.follow(IMPORT_CHECK_INTERVAL, next -> knowledgeBase.updateAndGet(kb -> kb.withImported(next)));
  }

  /** Blocks until the newsroom's entries were read (at start). */
  void awaitRestored(Duration timeout) throws InterruptedException {
    follower.awaitRestored(timeout);
  }

  void routes(JavalinConfig config) {
    config.routes.get("/v1/entities", this::find, Scope.SEARCH);
    config.routes.get("/v1/entities/{id}", ctx -> ctx.json(view(existing(ctx.pathParam("id")))), Scope.SEARCH);
    config.routes.put("/v1/entities/{id}", this::put, Scope.ADMIN);
    config.routes.delete("/v1/entities/{id}", this::delete, Scope.ADMIN);
    config.routes.post("/v1/entities/{id}", this::reenrich, Scope.ADMIN); // {id}:reenrich (a custom method, AIP-136 style)
  }

  private void apply(TopicFollower.Update update) {
    var entity = serdes.read(Topics.ENTITIES_KB, update.value());
    knowledgeBase.updateAndGet(kb -> entity == null ? kb.without(update.key()) : kb.with(Entry.of(entity)));
  }

  /** Entries a name may refer to: how an editor finds the id to correct. */
  private void find(Context ctx) {
    String name = ctx.queryParam("name");
    if (name == null || name.isBlank()) {
      throw new Problem.Exception(Problem.of(400, "Missing name", "give the name to look up, e.g. /v1/entities?name=Georgia")
          .at("name"));
    }
    KnowledgeBase kb = knowledgeBase.get();
    ctx.json(Map.of("name", name, "entities", kb.candidates(name).stream().map(c -> view(c.entry())).distinct().toList()));
  }

  private void put(Context ctx) throws Exception {
    String id = ctx.pathParam("id");
    Entry entry = parse(id, ctx.body());
    List<String> problems = KnowledgeBase.problems(entry);
    if (!problems.isEmpty()) {
      throw invalid(problems.get(0).substring(0, problems.get(0).indexOf(':')), String.join("; ", problems));
    }
    TopicPublisher.awaitAcknowledged(publisher.send(Topics.ENTITIES_KB, id, entry.toEvent(clock.instant())), ACK_SECONDS);
    knowledgeBase.updateAndGet(kb -> kb.with(entry));
    ctx.json(view(entry));
  }

  private void delete(Context ctx) throws Exception {
    String id = ctx.pathParam("id");
    if (!knowledgeBase.get().isNewsroomEntry(id)) {
      throw new Problem.Exception(Problem.of(404, "No newsroom entry", "The newsroom has no entry " + id
          + " to remove. A starter entry cannot be removed: PUT it with \"disabled\": true to stop linking it."));
    }
    TopicPublisher.awaitAcknowledged(publisher.send(Topics.ENTITIES_KB, id, null), ACK_SECONDS);
    knowledgeBase.updateAndGet(kb -> kb.without(id));
    ctx.status(204);
  }

  /** POST /v1/entities/{id}:reenrich — every indexed article naming the entity is enriched again. */
  private void reenrich(Context ctx) throws Exception {
    String path = ctx.pathParam("id");
    if (!path.endsWith(":reenrich")) {
      throw new Problem.Exception(Problem.of(404, "Unknown action", "POST /v1/entities/{id}:reenrich is the only action"));
    }
    String id = path.substring(0, path.length() - ":reenrich".length());
    List<String> names = new ArrayList<>();
    knowledgeBase.get().get(id).ifPresent(e -> {
      names.add(e.name());
      names.addAll(e.aliases());
      names.addAll(e.demonyms());
    });
    List<String> articles = articlesMentioning(id, names);
    String reason = "knowledge-base entry " + id + " changed";
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (String article : articles) {
      acks.add(publisher.send(Topics.ENRICH_REQUESTS, article, new ReenrichRequest(article, reason, clock.instant())));
    }
    TopicPublisher.awaitAcknowledged(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)), ACK_SECONDS);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entity", id);
    body.put("articles", articles.size());
    body.put("status", articles.isEmpty() ? "no indexed article mentions it" : "re-enrichment requested");
    ctx.status(202).json(body);
  }

  /** Ids of indexed articles with the entity's id, or one of its names as an entity, page by page. */
  private List<String> articlesMentioning(String id, List<String> names) throws IOException {
    List<FieldValue> values = names.stream().map(FieldValue::of).toList();
    Query mentions = Query.of(q -> q.nested(n -> n.path("entities").query(e -> e.bool(b -> {
      b.should(s -> s.term(t -> t.field("entities.id").value(id)));
      if (!values.isEmpty()) {
        b.should(s -> s.terms(t -> t.field("entities.surface_forms").terms(v -> v.value(values))));
        b.should(s -> s.terms(t -> t.field("entities.name").terms(v -> v.value(values))));
      }
      return b;
    }))));
    List<String> ids = new ArrayList<>();
    List<FieldValue> after = null;
    while (true) {
      List<FieldValue> from = after;
      SearchResponse<Void> page = client.search(s -> {
        s.index(alias).query(mentions).size(PAGE).source(src -> src.fetch(false))
            .sort(so -> so.field(f -> f.field("id").order(SortOrder.Asc)));
        return from == null ? s : s.searchAfter(from);
      }, Void.class);
      List<Hit<Void>> hits = page.hits().hits();
      hits.forEach(h -> ids.add(h.id()));
      if (hits.size() < PAGE) {
        return ids;
      }
      after = hits.get(hits.size() - 1).sort();
    }
  }

  private static Entry parse(String id, String text) {
    JsonBody body = JsonBody.read(text, "Invalid knowledge-base entry", FIELDS,
        "{\"name\": \"North Korea\", \"type\": \"LOCATION\", \"aliases\": [\"DPRK\"]}");
    if (body.has("id") && !body.path("id").asText().equals(id)) {
      throw invalid("id", "'id' in the body (" + body.path("id").asText() + ") differs from the path (" + id + ")");
    }
    EntityType type;
    try {
      type = body.hasNonNull("type") ? EntityType.valueOf(body.path("type").asText()) : null;
    } catch (IllegalArgumentException e) {
      throw invalid("type", "'type' must be one of PERSON, ORGANIZATION, LOCATION, MISC");
    }
    if (body.has("disabled") && !body.path("disabled").isBoolean()) {
      throw invalid("disabled", "'disabled' must be true or false");
    }
    return new Entry(id, type, body.path("name").isTextual() ? body.path("name").asText().strip() : null,
        body.strings("aliases", 200), body.strings("demonyms", 200), body.strings("do_not_link", 200),
        body.path("disabled").asBoolean(false));
  }

  private Entry existing(String id) {
    return knowledgeBase.get().get(id).orElseThrow(() -> new Problem.Exception(Problem.of(404, "Entity not found",
        "The knowledge base has no entity " + id + "; GET /v1/entities?name=… finds ids by name, PUT adds one.")));
  }

  private Map<String, Object> view(Entry entry) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", entry.id());
    view.put("name", entry.name());
    view.put("type", entry.type());
    view.put("aliases", entry.aliases());
    view.put("demonyms", entry.demonyms());
    view.put("do_not_link", entry.doNotLink());
    view.put("disabled", entry.disabled());
    view.put("source", knowledgeBase.get().sourceOf(entry.id()));
    return view;
  }

  private static Problem.Exception invalid(String where, String detail) {
    return JsonBody.invalid("Invalid knowledge-base entry", where, detail);
  }

  @Override
  public void close() {
    follower.close();
    publisher.close();
    try {
      imported.close();
    } catch (java.io.IOException e) {
      // the process is stopping; the files are released with it
    }
  }
}
