package newsroom.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.ChildScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionBoostMode;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.NamedValue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.events.EntityType;
import newsroom.service.Problem;
import newsroom.service.ServiceHttp;

/**
 * {@code GET /v1/search} and {@code GET /v1/articles/{id}}. User input only ever fills a
 * {@code simple_query_string} (which never fails on syntax) and term filters: no raw query DSL.
 */
final class SearchApi {
  private static final int MAX_SIZE = 100;
  private static final int FACET_SIZE = 10;

  private final ElasticsearchClient client;
  private final String alias;

  SearchApi(ElasticsearchClient client, String alias) {
    this.client = client;
    this.alias = alias;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/v1/search", this::search);
    config.routes.get("/v1/articles/{id}", this::article);
    config.routes.get("/v1/stories/{id}", this::story);
    config.routes.get("/v1/articles/{id}/related", this::related);
    config.routes.exception(IOException.class, (e, ctx) -> ServiceHttp.respond(ctx, Problem.of(503,
        "Search unavailable", "Elasticsearch did not answer (" + e.getMessage() + "); retry in a few seconds.")));
  }

  private void search(Context ctx) throws IOException {
    String q = ctx.queryParam("q");
    List<String> entities = ctx.queryParams("entity");
    List<String> topics = ctx.queryParams("topic");
    String story = ctx.queryParam("story");
    String from = ctx.queryParam("from");
    String to = ctx.queryParam("to");
    int size = intParam(ctx, "size", 10, 0, MAX_SIZE);
    int offset = intParam(ctx, "offset", 0, 0, 10_000 - size);

    List<Query> filters = new ArrayList<>();
    List<Query> about = new ArrayList<>();
    for (String entity : entities) {
      // Articles about the entity rank above articles that only mention it: scored by its salience.
      about.add(Query.of(f -> f.nested(n -> n.path("entities").scoreMode(ChildScoreMode.Max)
          .query(e -> e.functionScore(fs -> fs
              .query(fq -> fq.bool(b -> b
                  .should(s -> s.term(t -> t.field("entities.id").value(entity)))
                  .should(s -> s.term(t -> t.field("entities.name").value(entity)))))
              .functions(fn -> fn.fieldValueFactor(v -> v.field("entities.salience").missing(0.0).factor(3.0)))
              .boostMode(FunctionBoostMode.Replace))))));
    }
    for (String topic : topics) { // a qcode (medtop:11000000) or its name (politics)
      filters.add(Query.of(f -> f.bool(b -> b
          .should(s -> s.term(t -> t.field("topics.qcode").value(topic)))
          .should(s -> s.term(t -> t.field("topics.name").value(topic))))));
    }
    if (story != null && !story.isBlank()) {
      filters.add(Query.of(f -> f.term(t -> t.field("story_id").value(story))));
    }
    if (from != null || to != null) {
      String gte = from == null ? null : date(from, "from", false);
      String lte = to == null ? null : date(to, "to", true);
      filters.add(Query.of(f -> f.range(r -> r.date(d -> {
        d.field("date");
        if (gte != null) {
          d.gte(gte);
        }
        if (lte != null) {
          d.lte(lte);
        }
        return d;
      }))));
    }
    Query text = q == null || q.isBlank()
        ? Query.of(m -> m.matchAll(a -> a))
        : Query.of(m -> m.simpleQueryString(s -> s.query(q).fields("title^3", "body", "related_headlines")
            .defaultOperator(Operator.And)));

    SearchResponse<Map> response = client.search(s -> s
        .index(alias)
        .query(b -> b.bool(bool -> bool.must(text).must(about).filter(filters)))
        .from(offset)
        .size(size)
        .trackTotalHits(t -> t.enabled(true))
        .sort(so -> (q == null || q.isBlank()) && about.isEmpty()
            ? so.field(f -> f.field("date").order(SortOrder.Desc)) : so.score(sc -> sc))
        .source(src -> src.filter(f -> f.excludes("body", "entities.mentions")))
        .highlight(h -> h.encoder(co.elastic.clients.elasticsearch.core.search.HighlighterEncoder.Html)
            .preTags("<em>").postTags("</em>")
            .fields(NamedValue.of("body", HighlightField.of(f -> f.fragmentSize(180).numberOfFragments(3).noMatchSize(180))),
                NamedValue.of("title", HighlightField.of(f -> f.numberOfFragments(0)))))
        .aggregations("topics", a -> a.terms(t -> t.field("topics.qcode").size(FACET_SIZE))
            .aggregations("name", name -> name.terms(t -> t.field("topics.name").size(1))))
        .aggregations("entities", a -> a.nested(n -> n.path("entities"))
            .aggregations("types", types -> types.terms(t -> t.field("entities.type").size(EntityType.values().length))
                .aggregations("ids", ids -> ids.terms(t -> t.field("entities.id").size(FACET_SIZE)
                        // most articles first; among equals, the most mentioned
                        .order(List.of(NamedValue.of("_count", SortOrder.Desc), NamedValue.of("mentions", SortOrder.Desc))))
                    .aggregations("mentions", m -> m.sum(sum -> sum.field("entities.mention_count")))
                    .aggregations("name", name -> name.terms(t -> t.field("entities.name").size(1)))))),
        Map.class);

    List<Map<String, Object>> hits = new ArrayList<>();
    for (Hit<Map> hit : response.hits().hits()) {
      hits.add(hitJson(hit));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", response.hits().total() == null ? hits.size() : response.hits().total().value());
    body.put("took_ms", response.took());
    body.put("hits", hits);
    body.put("facets", Map.of("entities", entityFacets(response.aggregations().get("entities")),
        "topics", topicFacets(response.aggregations().get("topics"))));
    ctx.json(body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> hitJson(Hit<Map> hit) {
    Map<String, Object> source = hit.source();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", hit.id());
    out.put("score", hit.score());
    for (String field : List.of("title", "source", "url", "byline", "section", "tags", "published_at", "ingested_at",
        "revision", "language", "near_duplicate_of", "topics", "story_id", "keywords")) {
      out.put(field, source.get(field));
    }
    Map<String, List<String>> highlight = hit.highlight();
    out.put("title_highlighted", highlight.getOrDefault("title", List.of()).stream().findFirst().orElse(null));
    out.put("snippets", highlight.getOrDefault("body", List.of()));
    List<Map<String, Object>> entities = new ArrayList<>();
    for (Map<String, Object> entity : (List<Map<String, Object>>) source.getOrDefault("entities", List.of())) {
      Map<String, Object> e = new LinkedHashMap<>();
      for (String field : List.of("id", "name", "type", "linked", "salience", "mention_count")) {
        e.put(field, entity.get(field));
      }
      entities.add(e);
    }
    out.put("entities", entities);
    return out;
  }

  /** Media Topics of the matching articles, with the number of articles in each. */
  private static List<Map<String, Object>> topicFacets(co.elastic.clients.elasticsearch._types.aggregations.Aggregate terms) {
    List<Map<String, Object>> facets = new ArrayList<>();
    for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
      Map<String, Object> facet = new LinkedHashMap<>();
      facet.put("qcode", bucket.key().stringValue());
      facet.put("name", bucket.aggregations().get("name").sterms().buckets().array().stream().findFirst()
          .map(b -> b.key().stringValue()).orElse(null));
      facet.put("count", bucket.docCount());
      facets.add(facet);
    }
    return facets;
  }

  /** Top entities of each type (people, organisations, places, other) with the number of matching articles. */
  private static List<Map<String, Object>> entityFacets(co.elastic.clients.elasticsearch._types.aggregations.Aggregate nested) {
    List<Map<String, Object>> facets = new ArrayList<>();
    List<StringTermsBucket> types = new ArrayList<>(nested.nested().aggregations().get("types").sterms().buckets().array());
    types.sort(java.util.Comparator.comparingInt(t -> EntityType.valueOf(t.key().stringValue()).ordinal()));
    for (StringTermsBucket type : types) {
      for (StringTermsBucket bucket : type.aggregations().get("ids").sterms().buckets().array()) {
        Map<String, Object> facet = new LinkedHashMap<>();
        facet.put("id", bucket.key().stringValue());
        facet.put("name", firstKey(bucket.aggregations().get("name")));
        facet.put("type", type.key().stringValue());
        facet.put("count", bucket.docCount()); // one nested entity per article, so this counts articles
        facets.add(facet);
      }
    }
    return facets;
  }

  private static String firstKey(co.elastic.clients.elasticsearch._types.aggregations.Aggregate terms) {
    List<StringTermsBucket> buckets = terms.sterms().buckets().array();
    return buckets.isEmpty() ? null : buckets.get(0).key().stringValue();
  }

  private void article(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    SearchResponse<Map> response = client.search(s -> s.index(alias).query(q -> q.ids(i -> i.values(id))).size(1), Map.class);
    if (response.hits().hits().isEmpty()) {
      throw new Problem.Exception(Problem.of(404, "Article not found",
          "No article with id " + id + " is indexed (it may still be in the pipeline: retry in a few seconds)."));
    }
    ctx.json(response.hits().hits().get(0).source());
  }

  /**
   * Articles related to one: the earlier ones it lists (computed when it was enriched) and the later
   * ones that list it, best first, with titles and reasons.
   */
  @SuppressWarnings("unchecked")
  private void related(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    SearchResponse<Map> self = client.search(s -> s.index(alias).query(q -> q.ids(i -> i.values(id))).size(1)
        .source(src -> src.filter(f -> f.includes("related"))), Map.class);
    if (self.hits().hits().isEmpty()) {
      throw new Problem.Exception(Problem.of(404, "Article not found",
          "No article with id " + id + " is indexed (it may still be in the pipeline: retry in a few seconds)."));
    }
    Map<String, Map<String, Object>> related = new LinkedHashMap<>();
    for (Map<String, Object> r : (List<Map<String, Object>>) self.hits().hits().get(0).source().getOrDefault("related", List.of())) {
      Map<String, Object> item = new LinkedHashMap<>(r);
      item.put("direction", "earlier");
      related.put((String) r.get("article_id"), item);
    }
    SearchResponse<Map> later = client.search(s -> s.index(alias).query(q -> q.term(t -> t.field("related.article_id").value(id)))
        .size(50).source(src -> src.filter(f -> f.includes("related", "title"))), Map.class);
    for (Hit<Map> hit : later.hits().hits()) {
      for (Map<String, Object> r : (List<Map<String, Object>>) hit.source().getOrDefault("related", List.of())) {
        if (id.equals(r.get("article_id"))) {
          Map<String, Object> item = new LinkedHashMap<>(r);
          item.put("article_id", hit.id());
          item.put("direction", "later");
          related.putIfAbsent(hit.id(), item);
        }
      }
    }
    if (!related.isEmpty()) {
      SearchResponse<Map> titles = client.search(s -> s.index(alias).query(q -> q.ids(i -> i.values(List.copyOf(related.keySet()))))
          .size(related.size()).source(src -> src.filter(f -> f.includes("title", "source", "published_at", "ingested_at"))),
          Map.class);
      for (Hit<Map> hit : titles.hits().hits()) {
        related.get(hit.id()).putAll(hit.source());
      }
    }
    List<Map<String, Object>> list = new ArrayList<>(related.values());
    list.sort((a, b) -> Double.compare(((Number) b.get("score")).doubleValue(), ((Number) a.get("score")).doubleValue()));
    ctx.json(Map.of("article_id", id, "related", list));
  }

  /** A story's timeline: its indexed articles, oldest first (up to 500). */
  private void story(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    SearchResponse<Map> response = client.search(s -> s.index(alias)
        .query(q -> q.term(t -> t.field("story_id").value(id)))
        .size(500)
        .sort(so -> so.field(f -> f.field("date").order(SortOrder.Asc)))
        .source(src -> src.filter(f -> f.includes("title", "source", "url", "published_at", "ingested_at", "topics",
            "near_duplicate_of"))),
        Map.class);
    if (response.hits().hits().isEmpty()) {
      throw new Problem.Exception(Problem.of(404, "Story not found",
          "No indexed article belongs to story " + id + " (story ids are article ids: see story_id on an article)."));
    }
    List<Map<String, Object>> timeline = new ArrayList<>();
    for (Hit<Map> hit : response.hits().hits()) {
      @SuppressWarnings("unchecked") Map<String, Object> item = new LinkedHashMap<>(hit.source());
      item.put("id", hit.id());
      timeline.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("story_id", id);
    body.put("article_count", response.hits().total() == null ? timeline.size() : response.hits().total().value());
    body.put("title", timeline.get(timeline.size() - 1).get("title"));
    body.put("articles", timeline);
    ctx.json(body);
  }

  private static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Problem.Exception(Problem.of(400, "Invalid parameter",
        "'" + name + "' must be a whole number from " + min + " to " + max + ", not '" + value + "'").at(name));
  }

  /** Accepts 2025-04-30 (whole day) or 2025-04-30T08:00:00Z; returns an ISO instant. */
  static String date(String value, String name, boolean endOfDay) {
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (endOfDay ? day.plusDays(1).atStartOfDay().minusNanos(1_000_000) : day.atStartOfDay())
            .toInstant(ZoneOffset.UTC).toString();
      }
      return OffsetDateTime.parse(value).toInstant().toString();
    } catch (DateTimeParseException e) {
      throw new Problem.Exception(Problem.of(400, "Invalid parameter",
          "'" + name + "' must be a date like 2025-04-30 or a time like 2025-04-30T08:00:00Z, not '" + value + "'")
          .at(name));
    }
  }
}
