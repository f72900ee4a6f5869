package newsroom.index;

import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsroom.query.QuerySyntax;
import newsroom.service.Problem;

/**
 * The parameters of {@code GET /v1/search}, checked: anything wrong is a 400 naming the parameter,
 * and an unknown parameter is refused (a typo like {@code topc=} must not silently widen a search).
 */
record SearchRequest(QuerySyntax.Node query, List<String> entities, List<String> topics, List<String> sources,
                     List<String> languages, List<String> stories, String from, String to, Sort sort, int size,
                     int offset, SearchCursor after, Copies copies, List<SearchFacet> facets, FacetCount facetCount) {
  static final int MAX_SIZE = 100;
  /** Beyond this depth, pages are reached with the {@code next} cursor ({@code search_after}), as in Elasticsearch. */
  static final int MAX_OFFSET = 10_000;
  /** Every parameter, for the refusal of unknown ones and for the OpenAPI document's test. */
  static final List<String> PARAMETERS = List.of("q", "entity", "topic", "source", "language", "story", "from", "to",
      "sort", "size", "offset", "after", "copies", "facet", "facet_count");

  /** How copies of one article (syndicated, republished) appear among the hits. */
  enum Copies {
    /** One hit per group of copies, with the group's size and outlets (the default). */
    GROUPED,
    /** Every copy as a hit of its own. */
    ALL;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a facet's count counts among the matching articles. */
  enum FacetCount {
    /** Every article, each copy included (as {@code total} counts). */
    ARTICLES(null),
    /** A group of copies once (as the grouped hits show them). */
    GROUPS(ArticleDocument.COPY_GROUP),
    /** Distinct stories. */
    STORIES("story_id");

    /** The field whose distinct values are counted; null: documents. */
    final String distinct;

    FacetCount(String distinct) {
      this.distinct = distinct;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Result order; each ends with the article id, so that a cursor always knows where the page ended. */
  enum Sort {
    RELEVANCE(List.of(SortOptions.of(s -> s.score(sc -> sc.order(SortOrder.Desc))),
        SortOptions.of(s -> s.field(f -> f.field("date").order(SortOrder.Desc))),
        SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))))),
    RECENCY(List.of(SortOptions.of(s -> s.field(f -> f.field("date").order(SortOrder.Desc))),
        SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc)))));

    private final List<SortOptions> clauses;

    Sort(List<SortOptions> clauses) {
      this.clauses = clauses;
    }

    List<SortOptions> clauses() {
      return clauses;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static SearchRequest from(Context ctx) {
    Map<String, List<String>> params = ctx.queryParamMap();
    for (String name : params.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw invalid(name, "unknown parameter '" + name + "'; the parameters are " + String.join(", ", PARAMETERS));
      }
    }
    String q = single(params, "q");
    QuerySyntax.Node query;
    try {
      query = QuerySyntax.parse(q);
    } catch (QuerySyntax.Invalid e) {
      throw invalid("q", e.getMessage());
    }
    List<String> entities = many(params, "entity");
    String sortName = single(params, "sort");
    Sort sort;
    if (sortName == null || sortName.isBlank()) {
      sort = query instanceof QuerySyntax.Everything && entities.isEmpty() ? Sort.RECENCY : Sort.RELEVANCE;
    } else {
      sort = choice(params, "sort", Sort.values(), Sort::label, null);
    }
    int size = integer(params, "size", 10, 0, MAX_SIZE);
    int offset = integer(params, "offset", 0, 0, MAX_OFFSET - size);
    Copies copies = choice(params, "copies", Copies.values(), Copies::label, Copies.GROUPED);
    String token = single(params, "after");
    SearchCursor after = null;
    if (token != null && !token.isBlank()) {
      if (offset > 0) {
        throw invalid("after", "give either 'offset' or 'after' (the 'next' cursor of the previous page), not both");
      }
      after = SearchCursor.parse(token, sort, copies);
      if (after.offset() != null) { // grouped hits page by offset (Elasticsearch cannot continue them from sort values)
        if (after.offset() > MAX_OFFSET - size) {
          throw invalid("after", "grouped results reach " + MAX_OFFSET + " hits; go deeper with copies=all");
        }
        offset = after.offset();
        after = null;
      }
    }
    String from = single(params, "from");
    String to = single(params, "to");
    return new SearchRequest(query, entities, many(params, "topic"), many(params, "source"), many(params, "language"),
        many(params, "story"), from == null ? null : date(from, "from", false), to == null ? null : date(to, "to", true),
        sort, size, offset, after, copies, facets(many(params, "facet")),
        choice(params, "facet_count", FacetCount.values(), FacetCount::label, FacetCount.ARTICLES));
  }

  private static <T> T choice(Map<String, List<String>> params, String name, T[] values,
                              java.util.function.Function<T, String> label, T defaultValue) {
    String value = single(params, name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    return Arrays.stream(values).filter(v -> label.apply(v).equals(value.strip())).findFirst()
        .orElseThrow(() -> invalid(name, "'" + name + "' must be " + String.join(" or ",
            Arrays.stream(values).map(label).toList()) + ", not '" + value + "'"));
  }

  private static List<SearchFacet> facets(List<String> names) {
    if (names.isEmpty()) {
      return List.of(SearchFacet.values());
    }
    List<SearchFacet> facets = new ArrayList<>();
    for (String name : names) {
      if (name.equals("none")) {
        continue;
      }
      facets.add(Arrays.stream(SearchFacet.values()).filter(f -> f.key().equals(name)).findFirst()
          .orElseThrow(() -> invalid("facet", "'facet' must be one of " + String.join(", ",
              Arrays.stream(SearchFacet.values()).map(SearchFacet::key).toList()) + " or none, not '" + name + "'")));
    }
    return facets.stream().distinct().toList();
  }

  private static String single(Map<String, List<String>> params, String name) {
    List<String> values = params.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw invalid(name, "'" + name + "' is given " + values.size() + " times; give it once");
    }
    return values.isEmpty() ? null : values.getFirst();
  }

  private static List<String> many(Map<String, List<String>> params, String name) {
    return params.getOrDefault(name, List.of()).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  private static int integer(Map<String, List<String>> params, String name, int defaultValue, int min, int max) {
    String value = single(params, name);
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
    throw invalid(name, "'" + name + "' must be a whole number from " + min + " to " + max + ", not '" + value + "'"
        + (name.equals("offset") ? " (go deeper with 'after', the 'next' cursor of each page)" : ""));
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
      throw invalid(name, "'" + name + "' must be a date like 2025-04-30 or a time like 2025-04-30T08:00:00Z, not '"
          + value + "'");
    }
  }

  static Problem.Exception invalid(String parameter, String detail) {
    return new Problem.Exception(Problem.of(400, "Invalid parameter", detail).at(parameter));
  }
}
