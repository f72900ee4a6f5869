package newsroom.index;

import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch._types.query_dsl.ZeroTermsQuery;
import java.util.ArrayList;
import java.util.List;
import newsroom.query.QuerySyntax;
import newsroom.query.QuerySyntax.All;
import newsroom.query.QuerySyntax.Any;
import newsroom.query.QuerySyntax.Everything;
import newsroom.query.QuerySyntax.Not;
import newsroom.query.QuerySyntax.Phrase;
import newsroom.query.QuerySyntax.Word;

/**
 * A parsed journalist query as Elasticsearch queries: each word or phrase may match in the headline
 * (which weighs most), the text or the related headlines, so "Tumen bridge" finds an article with
 * Tumen in its headline and bridge in its text. A word matches as written, or by its stem in any
 * language of the index against the stems of articles in that language ({@link ArticleDocument#stems}):
 * "acuerdos" finds "acuerdan" in Spanish, "Verhandlungen" finds "Verhandlung" in German. A phrase
 * matches as written. Users never write query DSL.
 */
final class SearchQueries {
  static final List<String> FIELDS = List.of("title^3", "body", "related_headlines");
  static final List<String> STEM_FIELDS = List.of("title_stems^3", "body_stems");

  private SearchQueries() {}

  /** The query of {@code node}, its words also stemmed in each of {@code languages}. */
  static Query of(QuerySyntax.Node node, List<String> languages) {
    return switch (node) {
      case Everything e -> Query.of(q -> q.matchAll(m -> m));
      case Word w -> word(w.text(), languages);
      case Phrase p -> Query.of(q -> q.multiMatch(m -> m.query(String.join(" ", p.words())).fields(FIELDS)
          .type(TextQueryType.Phrase).zeroTermsQuery(ZeroTermsQuery.All)));
      case All a -> Query.of(q -> q.bool(b -> {
        for (QuerySyntax.Node part : a.parts()) {
          if (part instanceof Not not) {
            b.mustNot(of(not.part(), languages));
          } else {
            b.must(of(part, languages));
          }
        }
        return b;
      }));
      case Any a -> Query.of(q -> q.bool(b -> b.should(a.parts().stream().map(p -> of(p, languages)).toList())
          .minimumShouldMatch("1")));
      case Not n -> Query.of(q -> q.bool(b -> b.mustNot(of(n.part(), languages))));
    };
  }

  /** The word as written, or its stems in one of the languages (every stem of that language's, as for "Kim-Jong"). */
  private static Query word(String text, List<String> languages) {
    // A word the analyser drops entirely ("&", "-") constrains nothing instead of matching nothing.
    List<Query> ways = new ArrayList<>(List.of(Query.of(q -> q.multiMatch(m -> m.query(text).fields(FIELDS)
        .type(TextQueryType.BestFields).operator(Operator.And).zeroTermsQuery(ZeroTermsQuery.All)))));
    for (String language : languages) {
      String stems = ArticleDocument.stems(text, language);
      if (!stems.isEmpty()) {
        ways.add(Query.of(q -> q.multiMatch(m -> m.query(stems).fields(STEM_FIELDS).type(TextQueryType.BestFields)
            .operator(Operator.And))));
      }
    }
    return ways.size() == 1 ? ways.getFirst() : Query.of(q -> q.bool(b -> b.should(ways).minimumShouldMatch("1")));
  }
}
