package newsroom.enrich.alerts;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import newsroom.enrich.topics.MediaTopics;
import newsroom.events.AlertSubscription;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.Entity;
import newsroom.events.TopicAssignment;
import newsroom.query.QuerySyntax;
import org.apache.lucene.analysis.Analyzer;
import newsroom.text.LanguageText;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * A subscription ready to test articles against, as search would: its words and phrases over the
 * headline, text and related headlines, analysed as the index analyses them (standard tokens, lower
 * case, English stop words dropped), a word also by its stem in the article's language against the
 * stems of the headline and text, and its entity, topic and source conditions.
 */
record AlertQuery(AlertSubscription subscription, QuerySyntax.Node query) {
  private static final Analyzer ANALYZER = new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);

  static AlertQuery of(AlertSubscription subscription) {
    QuerySyntax.Node query;
    try {
      query = QuerySyntax.parse(subscription.getQuery());
    } catch (QuerySyntax.Invalid e) { // refused by the API already; an old or foreign record matches nothing
      query = new QuerySyntax.Not(new QuerySyntax.Everything());
    }
    return new AlertQuery(subscription, query);
  }

  /**
   * An article's words in order, once per article for every subscription, and its stems, read only
   * when a word is not there as written (most are, and stemming a whole article costs more than
   * matching it against every subscription).
   */
  static final class Text {
    private final ArticleIngested article;
    private final List<String> tokens;
    private final Set<String> words;
    private Set<String> stems;

    private Text(ArticleIngested article) {
      this.article = article;
      this.tokens = AlertQuery.tokens(String.join("\n", article.getTitle(), article.getBody(),
          String.join("\n", article.getRelatedHeadlines())));
      this.words = new HashSet<>(tokens);
    }

    static Text of(ArticleIngested article) {
      return new Text(article);
    }

    /** Whether the article has the word as written, or all its stems in the article's language. */
    boolean has(String word) {
      if (words.containsAll(AlertQuery.tokens(word))) { // a word of stop words only constrains nothing
        return true;
      }
      List<String> wanted = LanguageText.stems(word, article.getLanguage());
      if (wanted.isEmpty()) {
        return false;
      }
      if (stems == null) {
        stems = new HashSet<>(LanguageText.stems(article.getTitle() + "\n" + article.getBody(), article.getLanguage()));
      }
      return stems.containsAll(wanted);
    }
  }

  boolean matches(ArticleEnriched event, Text text, MediaTopics vocabulary) {
    AlertSubscription s = subscription;
    if (!s.getSources().isEmpty() && !s.getSources().contains(event.getArticle().getSource())) {
      return false;
    }
    Set<String> entities = new HashSet<>();
    event.getEntities().stream().map(Entity::getId).forEach(entities::add);
    if (!entities.containsAll(s.getEntities())) {
      return false;
    }
    Set<String> topics = new HashSet<>();
    for (TopicAssignment topic : event.getTopics()) {
      // A broader topic covers its more specific ones: count every ancestor too.
      for (var t = vocabulary.get(topic.getQcode()); t.isPresent() && t.get().parent() != null && !t.get().parent().isEmpty();
           t = vocabulary.get(t.get().parent())) {
        topics.add(t.get().parent());
      }
      topics.add(topic.getQcode());
    }
    return topics.containsAll(s.getTopics()) && matches(query, text);
  }

  private static boolean matches(QuerySyntax.Node node, Text text) {
    return switch (node) {
      case QuerySyntax.Everything e -> true;
      case QuerySyntax.Word w -> text.has(w.text());
      case QuerySyntax.Phrase p -> {
        List<String> phrase = tokens(String.join(" ", p.words()));
        yield phrase.isEmpty() || Collections.indexOfSubList(text.tokens, phrase) >= 0;
      }
      case QuerySyntax.All a -> a.parts().stream().allMatch(part -> matches(part, text));
      case QuerySyntax.Any a -> a.parts().stream().anyMatch(part -> matches(part, text));
      case QuerySyntax.Not n -> !matches(n.part(), text);
    };
  }

  private static List<String> tokens(String text) {
    return LanguageText.tokens(ANALYZER, text);
  }
}
