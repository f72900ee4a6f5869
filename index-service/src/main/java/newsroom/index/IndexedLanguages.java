package newsroom.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.text.LanguageText;

/**
 * The languages of the indexed articles, as {@link LanguageText} analyses them: the languages a
 * query's words are stemmed in (stemming a word in all 26 costs Elasticsearch several times the
 * query's time). Those this instance indexes count at once; the index is counted again at most once
 * a minute for those other instances indexed.
 */
final class IndexedLanguages {
  private static final Duration RECOUNT = Duration.ofMinutes(1);
  private static final int MOST = 100;

  private final ElasticsearchClient client;
  private final String alias;
  private final Set<String> languages = ConcurrentHashMap.newKeySet();
  private volatile long countedAt = System.nanoTime() - RECOUNT.toNanos();

  IndexedLanguages(ElasticsearchClient client, String alias) {
    this.client = client;
    this.alias = alias;
  }

  /** An article in this language is being indexed. */
  void saw(String language) {
    languages.add(LanguageText.language(language));
  }

  List<String> get() throws IOException {
    if (System.nanoTime() - countedAt >= RECOUNT.toNanos()) {
      var response = client.search(s -> s.index(alias).size(0)
          .aggregations("languages", a -> a.terms(t -> t.field("language").size(MOST).missing("en"))), Void.class);
      for (StringTermsBucket bucket : response.aggregations().get("languages").sterms().buckets().array()) {
        saw(bucket.key().stringValue());
      }
      countedAt = System.nanoTime();
    }
    return List.copyOf(languages);
  }
}
