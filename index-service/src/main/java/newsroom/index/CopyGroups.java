package newsroom.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.HitsMetadata;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search with one hit per group of copies ({@code copy_group}: Elasticsearch's field collapsing),
 * each telling how many matching articles it stands for and the outlets that ran them.
 *
 * <p>Only once every indexed article has a copy group: articles indexed by a release before copies
 * were kept have none, and Elasticsearch would collapse all of them into a single hit. Until the
 * index is rebuilt, search shows every article as before. Checked at most once a minute, and never
 * again once true (every article indexed since has one).
 */
final class CopyGroups {
  /** Copies listed with a grouped hit; the count covers them all. */
  static final int COPIES_LISTED = 20;
  /**
   * Copies score alike: by relevance a group is shown by its first article, not by whichever copy
   * came last. The bonus is far below any difference between two texts' scores.
   */
  static final Query FIRST_OF_GROUP = Query.of(q -> q.constantScore(c -> c.boost(1e-4f)
      .filter(f -> f.bool(b -> b.mustNot(m -> m.exists(e -> e.field("duplicate_of")))
          .mustNot(m -> m.exists(e -> e.field("near_duplicate_of")))))));
  private static final String COPIES = "copies";
  private static final String GROUPS = "groups";
  static final String NOT_YET = "copies are not grouped: this index holds articles from an older release that have no"
      + " copy group; rebuild the index from Kafka (README, 'Running on real clusters') to group them";
  private static final Logger LOG = LoggerFactory.getLogger(CopyGroups.class);
  private static final Duration RECHECK = Duration.ofMinutes(1);

  private final ElasticsearchClient client;
  private final String alias;
  private volatile boolean everyArticleHasOne;
  private volatile long checkedAt = System.nanoTime() - RECHECK.toNanos();

  CopyGroups(ElasticsearchClient client, String alias) {
    this.client = client;
    this.alias = alias;
  }

  /** Collapses the search on the copy group, lists each group's copies and counts the groups. */
  static void collapse(SearchRequest.Builder search) {
    search.collapse(c -> c.field(ArticleDocument.COPY_GROUP).innerHits(i -> i.name(COPIES).size(COPIES_LISTED)
        .sort(o -> o.field(f -> f.field("date").order(SortOrder.Asc)))
        .source(src -> src.filter(f -> f.includes("source", "url", "published_at", "ingested_at")))));
    search.aggregations(GROUPS, a -> a.cardinality(c -> c.field(ArticleDocument.COPY_GROUP)
        .precisionThreshold(SearchFacet.EXACT_DISTINCT_BELOW)));
  }

  /** How many groups the matching articles form, in a collapsed search's response. */
  static long groups(SearchResponse<?> response) {
    return response.aggregations().get(GROUPS).cardinality().value();
  }

  /**
   * A grouped hit's copies among the matching articles: how many, the outlets that ran them ("also
   * in 14 outlets") and up to {@value #COPIES_LISTED} of them, earliest first. Empty for an article
   * alone.
   */
  static Optional<Map<String, Object>> copies(Hit<?> hit) {
    HitsMetadata<JsonData> group = hit.innerHits().get(COPIES).hits();
    if (group.total() == null || group.total().value() < 2) {
      return Optional.empty();
    }
    List<Map<String, Object>> articles = new ArrayList<>();
    Set<String> outlets = new LinkedHashSet<>();
    for (Hit<JsonData> copy : group.hits()) {
      @SuppressWarnings("unchecked") Map<String, Object> source = copy.source().to(Map.class);
      Map<String, Object> article = new LinkedHashMap<>();
      article.put("id", copy.id());
      article.putAll(source);
      articles.add(article);
      if (source.get("source") instanceof String outlet) {
        outlets.add(outlet);
      }
    }
    Map<String, Object> copies = new LinkedHashMap<>();
    copies.put("count", group.total().value());
    copies.put("sources", List.copyOf(outlets));
    copies.put("articles", articles);
    return Optional.of(copies);
  }

  boolean everyArticleHasOne() throws IOException {
    if (everyArticleHasOne || System.nanoTime() - checkedAt < RECHECK.toNanos()) {
      return everyArticleHasOne;
    }
    long without = client.count(c -> c.index(alias).query(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e
        .field(ArticleDocument.COPY_GROUP)))))).count();
    checkedAt = System.nanoTime();
    everyArticleHasOne = without == 0;
    if (without > 0) {
      LOG.warn("{} articles in {} have no copy group: {}", without, alias, NOT_YET);
    }
    return everyArticleHasOne;
  }
}
