package newsroom.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.ChildScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.FunctionBoostMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.NamedValue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsroom.service.ApiKeys.Scope;
import newsroom.service.Problem;
import newsroom.service.ServiceHttp;

/**
 * {@code GET /v1/search}, {@code GET /v1/articles/{id}} (and its related articles) and
 * {@code GET /v1/stories/{id}}. User input is parsed ({@link SearchRequest}, the journalist query
 * syntax of {@link newsroom.query.QuerySyntax}) and only ever fills queries built here: no raw query
 * DSL reaches Elasticsearch.
 */
final class SearchApi {
  private static final String COPIES = "copies";
  private final ElasticsearchClient client;
  private final String alias;
  private final CopyGroups copyGroups;
  private final IndexedLanguages languages;

  SearchApi(ElasticsearchClient client, String alias, IndexedLanguages languages) {
    this.client = client;
    this.alias = alias;
    this.copyGroups = new CopyGroups(client, alias);
    this.languages = languages;
  }

  void routes(JavalinConfig config) {
    config.routes.get("/v1/search", this::search, Scope.SEARCH);
    config.routes.get("/v1/articles/{id}", this::article, Scope.SEARCH);
    config.routes.get("/v1/stories/{id}", this::story, Scope.SEARCH);
    config.routes.get("/v1/articles/{id}/related", this::related, Scope.SEARCH);
    config.routes.exception(IOException.class, (e, ctx) -> ServiceHttp.respond(ctx, Problem.of(503,
        "Search unavailable", "Elasticsearch did not answer (" + e.getMessage() + "); retry in a few seconds.")));
  }

  private void search(Context ctx) throws IOException {
    SearchRequest request = SearchRequest.from(ctx);
    List<Query> filters = new ArrayList<>();
    List<Query> about = new ArrayList<>();
    for (String entity : request.entities()) {
      // Articles about the entity rank above articles that only mention it: scored by its salience.
      about.add(Query.of(f -> f.nested(n -> n.path("entities").scoreMode(ChildScoreMode.Max)
          .query(e -> e.functionScore(fs -> fs
              .query(fq -> fq.bool(b -> b
                  .should(s -> s.term(t -> t.field("entities.id").value(entity)))
                  .should(s -> s.term(t -> t.field("entities.name").value(entity)))))
              .functions(fn -> fn.fieldValueFactor(v -> v.field("entities.salience").missing(0.0).factor(3.0)))
              .boostMode(FunctionBoostMode.Replace))))));
    }
    for (String topic : request.topics()) { // a qcode (medtop:11000000) or its name (politics)
      filters.add(Query.of(f -> f.bool(b -> b
          .should(s -> s.term(t -> t.field("topics.qcode").value(topic)))
          .should(s -> s.term(t -> t.field("topics.name").value(topic))))));
    }
    anyOf("source", request.sources()).ifPresent(filters::add);
    anyOf("language", request.languages()).ifPresent(filters::add);
    anyOf("story_id", request.stories()).ifPresent(filters::add);
    if (request.from() != null || request.to() != null) {
      filters.add(Query.of(f -> f.range(r -> r.date(d -> {
        d.field("date");
        if (request.from() != null) {
          d.gte(request.from());
        }
        if (request.to() != null) {
          d.lte(request.to());
        }
        return d;
      }))));
    }
    Query text = SearchQueries.of(request.query(), languages.get());
    boolean grouped = request.copies() == SearchRequest.Copies.GROUPED && copyGroups.everyArticleHasOne();

    List<Query> firstOfGroup = grouped ? List.of(CopyGroups.FIRST_OF_GROUP) : List.of();
    SearchResponse<Map> response = client.search(s -> {
      s.index(alias)
          .query(b -> b.bool(bool -> bool.must(text).must(about).filter(filters).should(firstOfGroup)))
          .size(request.size())
          .trackTotalHits(t -> t.enabled(true))
          .sort(request.sort().clauses())
          .source(src -> src.filter(f -> f.excludes("body", "entities.mentions", "facet", "title_stems", "body_stems")))
          .highlight(h -> h.encoder(HighlighterEncoder.Html).preTags("<em>").postTags("</em>")
              .fields(NamedValue.of("body", HighlightField.of(f -> f.fragmentSize(180).numberOfFragments(3).noMatchSize(180))),
                  NamedValue.of("title", HighlightField.of(f -> f.numberOfFragments(0)))));
      if (request.after() != null) {
        s.searchAfter(request.after().values());
      } else {
        s.from(request.offset());
      }
      if (grouped) {
        CopyGroups.collapse(s);
      }
      request.facets().forEach(facet -> s.aggregations(facet.key(), facet.aggregation(request.facetCount())));
      return s;
    }, Map.class);

    List<Map<String, Object>> hits = new ArrayList<>();
    for (Hit<Map> hit : response.hits().hits()) {
      Map<String, Object> json = hitJson(hit);
      if (grouped) {
        CopyGroups.copies(hit).ifPresent(copies -> json.put("copies", copies));
      }
      hits.add(json);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", response.hits().total() == null ? hits.size() : response.hits().total().value());
    if (grouped) {
      body.put("groups", CopyGroups.groups(response));
    }
    body.put("took_ms", response.took());
    body.put("sort", request.sort().label());
    body.put("copies", grouped ? "grouped" : "all");
    if (request.copies() == SearchRequest.Copies.GROUPED && !grouped) {
      body.put("notice", CopyGroups.NOT_YET);
    }
    body.put("facet_count", request.facetCount().label());
    body.put("hits", hits);
    Map<String, Object> facets = new LinkedHashMap<>();
    request.facets().forEach(facet -> facets.put(facet.key(), facet.read(response.aggregations().get(facet.key()))));
    body.put("facets", facets);
    List<Hit<Map>> page = response.hits().hits();
    String next = null;
    if (page.size() == request.size() && !page.isEmpty()) {
      if (request.copies() == SearchRequest.Copies.ALL) {
        next = SearchCursor.after(request.sort(), page.getLast().sort()).token();
      } else if (request.offset() + 2 * request.size() <= SearchRequest.MAX_OFFSET) {
        next = SearchCursor.at(request.sort(), request.offset() + request.size()).token();
      }
    }
    body.put("next", next);
    ctx.json(body);
  }

  private static Optional<Query> anyOf(String field, List<String> values) {
    return values.isEmpty() ? Optional.empty() : Optional.of(Query.of(f -> f.terms(t -> t.field(field)
        .terms(v -> v.value(values.stream().map(FieldValue::of).toList())))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> hitJson(Hit<Map> hit) {
    Map<String, Object> source = hit.source();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", hit.id());
    out.put("score", hit.score());
    for (String field : List.of("title", "source", "url", "byline", "section", "tags", "published_at", "ingested_at",
        "revision", "language", "duplicate_of", "near_duplicate_of", "topics", "story_id", "keywords")) {
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

  private void article(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    SearchResponse<Map> response = client.search(s -> s.index(alias).query(q -> q.ids(i -> i.values(id))).size(1)
        .source(src -> src.filter(f -> f.excludes("facet", "title_stems", "body_stems"))), Map.class);
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

  /** A story's timeline: its indexed articles and their exact copies, oldest first (up to 500). */
  private void story(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    SearchResponse<Map> response = client.search(s -> s.index(alias)
        .query(q -> q.term(t -> t.field("story_id").value(id)))
        .size(500)
        .sort(so -> so.field(f -> f.field("date").order(SortOrder.Asc)))
        .source(src -> src.filter(f -> f.includes("title", "source", "url", "published_at", "ingested_at", "topics",
            "duplicate_of", "near_duplicate_of")))
        .aggregations(COPIES, a -> a.filter(f -> f.exists(e -> e.field("duplicate_of")))),
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
    long indexed = response.hits().total() == null ? timeline.size() : response.hits().total().value();
    long copies = response.aggregations().get(COPIES).filter().docCount();
    body.put("article_count", indexed - copies); // as the story's events count: an exact copy is not another article
    body.put("copy_count", copies);
    body.put("title", timeline.get(timeline.size() - 1).get("title"));
    body.put("articles", timeline);
    ctx.json(body);
  }
}
