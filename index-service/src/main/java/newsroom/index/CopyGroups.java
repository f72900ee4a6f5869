package newsroom.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether search may group copies: only once every indexed article has a {@code copy_group}.
 * Articles indexed by a release before copies were kept have none, and Elasticsearch would collapse
 * all of them into a single hit; until the index is rebuilt, search shows every article as before.
 * Checked at most once a minute, and never again once true (every article indexed since has one).
 */
final class CopyGroups {
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
