package newsroom.index;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateRangeExpression;
import co.elastic.clients.elasticsearch._types.aggregations.RangeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.util.NamedValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import newsroom.events.EntityType;

/**
 * The facets of a search: for each filter of {@code GET /v1/search}, the values among the matching
 * articles with the number of articles for each (or of distinct groups of copies, or of stories:
 * {@code facet_count}), ready to become the next filter.
 */
enum SearchFacet {
  /** Top entities of each type (people, organisations, places, other): {@code entity=}. */
  ENTITIES("entities", distinct -> Aggregation.of(a -> a.filter(f -> f.matchAll(m -> m)).aggregations(
      Arrays.stream(EntityType.values()).collect(Collectors.toMap(type -> type.name(),
          type -> terms("facet." + type.name().toLowerCase(Locale.ROOT), distinct, Map.of()))))),
      SearchFacet::entities),
  /** Media Topics and the newsroom's own topics: {@code topic=}. */
  TOPICS("topics", distinct -> terms("facet.topic", distinct, Map.of()), SearchFacet::topics),
  SOURCES("sources", distinct -> terms("source", distinct, Map.of()), SearchFacet::values),
  LANGUAGES("languages", distinct -> terms("language", distinct, Map.of()), SearchFacet::values),
  /** The stories with most matching articles, with their latest headline: {@code story=}. */
  STORIES("stories", distinct -> terms("story_id", distinct, Map.of("latest", Aggregation.of(l -> l.topHits(h -> h.size(1)
      .sort(s -> s.field(f -> f.field("date").order(SortOrder.Desc))).source(src -> src.filter(f -> f.includes("title"))))))),
      SearchFacet::stories),
  /** Matching articles of the past day, week, month and year, as news searches offer them: {@code from=}. */
  DATES("dates", distinct -> Aggregation.of(a -> {
    a.dateRange(r -> r.field("date").keyed(false).ranges(Stream.of(
            Map.entry("day", "now-1d/h"), Map.entry("week", "now-7d/h"), Map.entry("month", "now-1M/h"), Map.entry("year", "now-1y/h"))
        .map(period -> DateRangeExpression.of(e -> e.key(period.getKey()).from(f -> f.expr(period.getValue())))).toList()));
    return distinct == null ? a : a.aggregations(SearchFacet.DISTINCT, distinct(distinct));
  }), SearchFacet::dates);

  static final int SIZE = 10;
  /** The sub-aggregation that counts distinct groups of copies or stories, when asked to. */
  private static final String DISTINCT = "distinct";
  /** Distinct counts are exact below this many values per bucket, and within a few percent above (HyperLogLog++). */
  static final int EXACT_DISTINCT_BELOW = 3_000;

  private final String key;
  private final Function<String, Aggregation> aggregation;
  private final Function<Aggregate, List<Map<String, Object>>> reader;

  /** {@code aggregation}: given the field whose distinct values to count (null: count articles). */
  SearchFacet(String key, Function<String, Aggregation> aggregation, Function<Aggregate, List<Map<String, Object>>> reader) {
    this.key = key;
    this.aggregation = aggregation;
    this.reader = reader;
  }

  String key() {
    return key;
  }

  Aggregation aggregation(SearchRequest.FacetCount count) {
    return aggregation.apply(count.distinct);
  }

  /** The top values of {@code field}, by articles or by distinct values of {@code distinct}. */
  private static Aggregation terms(String field, String distinct, Map<String, Aggregation> more) {
    Map<String, Aggregation> subs = new LinkedHashMap<>(more);
    if (distinct != null) {
      subs.put(DISTINCT, distinct(distinct));
    }
    return Aggregation.of(a -> a.terms(t -> {
      t.field(field).size(SIZE);
      if (distinct != null) {
        t.order(List.of(NamedValue.of(DISTINCT, SortOrder.Desc), NamedValue.of("_key", SortOrder.Asc)));
      }
      return t;
    }).aggregations(subs));
  }

  private static Aggregation distinct(String field) {
    return Aggregation.of(a -> a.cardinality(c -> c.field(field).precisionThreshold(EXACT_DISTINCT_BELOW)));
  }

  /** The bucket's count: its distinct values when they were asked for, else its articles. */
  private static long count(Map<String, Aggregate> subs, long articles) {
    Aggregate distinct = subs.get(DISTINCT);
    return distinct == null ? articles : distinct.cardinality().value();
  }

  List<Map<String, Object>> read(Aggregate aggregate) {
    return reader.apply(aggregate);
  }

  private static List<Map<String, Object>> entities(Aggregate all) {
    List<Map<String, Object>> facets = new ArrayList<>();
    for (EntityType type : EntityType.values()) {
      for (StringTermsBucket bucket : all.filter().aggregations().get(type.name()).sterms().buckets().array()) {
        String[] idAndName = bucket.key().stringValue().split(ArticleDocument.FACET_SEPARATOR, 2);
        Map<String, Object> facet = new LinkedHashMap<>();
        facet.put("id", idAndName[0]);
        facet.put("name", idAndName.length > 1 ? idAndName[1] : null);
        facet.put("type", type.name());
        facet.put("count", count(bucket.aggregations(), bucket.docCount()));
        facets.add(facet);
      }
    }
    return facets;
  }

  private static List<Map<String, Object>> topics(Aggregate terms) {
    List<Map<String, Object>> facets = new ArrayList<>();
    for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
      String[] qcodeAndName = bucket.key().stringValue().split(ArticleDocument.FACET_SEPARATOR, 2);
      Map<String, Object> facet = new LinkedHashMap<>();
      facet.put("qcode", qcodeAndName[0]);
      facet.put("name", qcodeAndName.length > 1 ? qcodeAndName[1] : null);
      facet.put("count", count(bucket.aggregations(), bucket.docCount()));
      facets.add(facet);
    }
    return facets;
  }

  private static List<Map<String, Object>> values(Aggregate terms) {
    List<Map<String, Object>> facets = new ArrayList<>();
    for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
      Map<String, Object> facet = new LinkedHashMap<>();
      facet.put("value", bucket.key().stringValue());
      facet.put("count", count(bucket.aggregations(), bucket.docCount()));
      facets.add(facet);
    }
    return facets;
  }

  private static List<Map<String, Object>> stories(Aggregate terms) {
    List<Map<String, Object>> facets = new ArrayList<>();
    for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
      Map<String, Object> facet = new LinkedHashMap<>();
      facet.put("id", bucket.key().stringValue());
      facet.put("title", bucket.aggregations().get("latest").topHits().hits().hits().stream().findFirst()
          .map(hit -> hit.source().toJson().asJsonObject().getString("title", null)).orElse(null));
      facet.put("count", count(bucket.aggregations(), bucket.docCount()));
      facets.add(facet);
    }
    return facets;
  }

  private static List<Map<String, Object>> dates(Aggregate ranges) {
    List<Map<String, Object>> facets = new ArrayList<>();
    for (RangeBucket bucket : ranges.dateRange().buckets().array()) {
      Map<String, Object> facet = new LinkedHashMap<>();
      facet.put("period", bucket.key());
      facet.put("from", bucket.fromAsString());
      facet.put("count", count(bucket.aggregations(), bucket.docCount()));
      facets.add(facet);
    }
    return facets.reversed(); // Elasticsearch orders ranges by their start: the year first
  }
}
