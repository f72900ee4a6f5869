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
                     int offset, SearchCursor after, List<SearchFacet> facets) {
  static final int MAX_SIZE = 100;
  /** Beyond this depth, pages are reached with the {@code next} cursor ({@code search_after}), as in Elasticsearch. */
  static final int MAX_OFFSET = 10_000;
  /** Every parameter, for the refusal of unknown ones and for the OpenAPI document's test. */
  static final List<String> PARAMETERS = List.of("q", "entity", "topic", "source", "language", "story", "from", "to",
      "sort", "size", "offset", "after", "facet");

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
      sort = Arrays.stream(Sort.values()).filter(s -> s.label().equals(sortName.strip())).findFirst()
          .orElseThrow(() -> invalid("sort", "'sort' must be relevance or recency, not '" + sortName + "'"));
    }
    int size = integer(params, "size", 10, 0, MAX_SIZE);
    int offset = integer(params, "offset", 0, 0, MAX_OFFSET - size);
    String token = single(params, "after");
    SearchCursor after = null;
    if (token != null && !token.isBlank()) {
      if (offset > 0) {
        throw invalid("after", "give either 'offset' or 'after' (the 'next' cursor of the previous page), not both");
      }
      after = SearchCursor.parse(token, sort);
    }
    String from = single(params, "from");
    String to = single(params, "to");
    return new SearchRequest(query, entities, many(params, "topic"), many(params, "source"), many(params, "language"),
        many(params, "story"), from == null ? null : date(from, "from", false), to == null ? null : date(to, "to", true),
        sort, size, offset, after, facets(many(params, "facet")));
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
