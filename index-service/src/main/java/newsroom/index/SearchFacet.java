package newsroom.index;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateRangeExpression;
import co.elastic.clients.elasticsearch._types.aggregations.RangeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
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
 * articles with the number of articles for each, ready to become the next filter.
 */
enum SearchFacet {
  /** Top entities of each type (people, organisations, places, other): {@code entity=}. */
  ENTITIES("entities", Aggregation.of(a -> a.filter(f -> f.matchAll(m -> m)).aggregations(
      Arrays.stream(EntityType.values()).collect(Collectors.toMap(type -> type.name(), type -> Aggregation.of(t -> t.terms(
          terms -> terms.field("facet." + type.name().toLowerCase(Locale.ROOT)).size(SearchFacet.SIZE))))))),
      SearchFacet::entities),
  /** Media Topics and the newsroom's own topics: {@code topic=}. */
  TOPICS("topics", Aggregation.of(a -> a.terms(t -> t.field("facet.topic").size(SearchFacet.SIZE))), SearchFacet::topics),
  SOURCES("sources", Aggregation.of(a -> a.terms(t -> t.field("source").size(SearchFacet.SIZE))), SearchFacet::values),
  LANGUAGES("languages", Aggregation.of(a -> a.terms(t -> t.field("language").size(SearchFacet.SIZE))), SearchFacet::values),
  /** The stories with most matching articles, with their latest headline: {@code story=}. */
  STORIES("stories", Aggregation.of(a -> a.terms(t -> t.field("story_id").size(SearchFacet.SIZE))
      .aggregations("latest", l -> l.topHits(h -> h.size(1).sort(s -> s.field(f -> f.field("date").order(SortOrder.Desc)))
          .source(src -> src.filter(f -> f.includes("title")))))), SearchFacet::stories),
  /** Matching articles of the past day, week, month and year, as news searches offer them: {@code from=}. */
  DATES("dates", Aggregation.of(a -> a.dateRange(r -> r.field("date").keyed(false).ranges(Stream.of(
          Map.entry("day", "now-1d/h"), Map.entry("week", "now-7d/h"), Map.entry("month", "now-1M/h"), Map.entry("year", "now-1y/h"))
      .map(period -> DateRangeExpression.of(e -> e.key(period.getKey()).from(f -> f.expr(period.getValue())))).toList()))),
      SearchFacet::dates);

  static final int SIZE = 10;

  private final String key;
  private final Aggregation aggregation;
  private final Function<Aggregate, List<Map<String, Object>>> reader;

  SearchFacet(String key, Aggregation aggregation, Function<Aggregate, List<Map<String, Object>>> reader) {
    this.key = key;
    this.aggregation = aggregation;
    this.reader = reader;
  }

  String key() {
    return key;
  }

  Aggregation aggregation() {
    return aggregation;
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
        facet.put("count", bucket.docCount());
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
      facet.put("count", bucket.docCount());
      facets.add(facet);
    }
    return facets;
  }

  private static List<Map<String, Object>> values(Aggregate terms) {
    List<Map<String, Object>> facets = new ArrayList<>();
    for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
      Map<String, Object> facet = new LinkedHashMap<>();
      facet.put("value", bucket.key().stringValue());
      facet.put("count", bucket.docCount());
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
      facet.put("count", bucket.docCount());
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
      facet.put("count", bucket.docCount());
      facets.add(facet);
    }
    return facets.reversed(); // Elasticsearch orders ranges by their start: the year first
  }
}
