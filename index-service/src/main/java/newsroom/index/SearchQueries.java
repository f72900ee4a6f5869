package newsroom.index;

import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch._types.query_dsl.ZeroTermsQuery;
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
 * Tumen in its headline and bridge in its text. Users never write query DSL.
 */
final class SearchQueries {
  static final List<String> FIELDS = List.of("title^3", "body", "related_headlines");

  private SearchQueries() {}

  static Query of(QuerySyntax.Node node) {
    return switch (node) {
      case Everything e -> Query.of(q -> q.matchAll(m -> m));
      // A word the analyser drops entirely ("&", "-") constrains nothing instead of matching nothing.
      case Word w -> Query.of(q -> q.multiMatch(m -> m.query(w.text()).fields(FIELDS).type(TextQueryType.BestFields)
          .operator(Operator.And).zeroTermsQuery(ZeroTermsQuery.All)));
      case Phrase p -> Query.of(q -> q.multiMatch(m -> m.query(String.join(" ", p.words())).fields(FIELDS)
          .type(TextQueryType.Phrase).zeroTermsQuery(ZeroTermsQuery.All)));
      case All a -> Query.of(q -> q.bool(b -> {
        for (QuerySyntax.Node part : a.parts()) {
          if (part instanceof Not not) {
            b.mustNot(of(not.part()));
          } else {
            b.must(of(part));
          }
        }
        return b;
      }));
      case Any a -> Query.of(q -> q.bool(b -> b.should(a.parts().stream().map(SearchQueries::of).toList())
          .minimumShouldMatch("1")));
      case Not n -> Query.of(q -> q.bool(b -> b.mustNot(of(n.part()))));
    };
  }
}
