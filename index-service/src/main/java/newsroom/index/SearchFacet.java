package newsroom.index;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateRangeExpression;
import co.elastic.clients.elasticsearch._types.aggregations.RangeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.util.NamedValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import newsroom.events.EntityType;

/**
 * The facets of a search: for each filter of {@code GET /v1/search}, the values among the matching
 * articles with the number of articles for each, ready to become the next filter.
 */
enum SearchFacet {
  /** Top entities of each type (people, organisations, places, other): {@code entity=}. */
  ENTITIES("entities", Aggregation.of(a -> a.nested(n -> n.path("entities"))
      .aggregations("types", types -> types.terms(t -> t.field("entities.type").size(EntityType.values().length))
          .aggregations("ids", ids -> ids.terms(t -> t.field("entities.id").size(SearchFacet.SIZE)
                  // most articles first; among equals, the most mentioned
                  .order(List.of(NamedValue.of("_count", SortOrder.Desc), NamedValue.of("mentions", SortOrder.Desc))))
              .aggregations("mentions", m -> m.sum(sum -> sum.field("entities.mention_count")))
              .aggregations("name", name -> name.terms(t -> t.field("entities.name").size(1)))))),
      SearchFacet::entities),
  /** Media Topics and the newsroom's own topics: {@code topic=}. */
  TOPICS("topics", Aggregation.of(a -> a.terms(t -> t.field("topics.qcode").size(SearchFacet.SIZE))
      .aggregations("name", name -> name.terms(t -> t.field("topics.name").size(1)))), SearchFacet::topics),
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

  private static List<Map<String, Object>> entities(Aggregate nested) {
    List<Map<String, Object>> facets = new ArrayList<>();
    List<StringTermsBucket> types = new ArrayList<>(nested.nested().aggregations().get("types").sterms().buckets().array());
    types.sort(Comparator.comparingInt(t -> EntityType.valueOf(t.key().stringValue()).ordinal()));
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

  private static List<Map<String, Object>> topics(Aggregate terms) {
    List<Map<String, Object>> facets = new ArrayList<>();
    for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
      Map<String, Object> facet = new LinkedHashMap<>();
      facet.put("qcode", bucket.key().stringValue());
      facet.put("name", firstKey(bucket.aggregations().get("name")));
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

  private static String firstKey(Aggregate terms) {
    List<StringTermsBucket> buckets = terms.sterms().buckets().array();
    return buckets.isEmpty() ? null : buckets.getFirst().key().stringValue();
  }
}
