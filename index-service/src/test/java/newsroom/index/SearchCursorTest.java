package newsroom.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.util.List;
import newsroom.index.SearchRequest.Copies;
import newsroom.index.SearchRequest.Sort;
import newsroom.service.Problem;
import org.junit.jupiter.api.Test;

class SearchCursorTest {
  @Test
  void aCursorOfEveryCopyCarriesTheSortValuesAndOneOfGroupedHitsTheNextOffset() {
    SearchCursor after = SearchCursor.after(Sort.RECENCY, List.of(FieldValue.of(1_700_000_000_000L), FieldValue.of("u1")));
    SearchCursor again = SearchCursor.parse(after.token(), Sort.RECENCY, Copies.ALL);
    assertThat(again.values()).extracting(FieldValue::_get).containsExactly(1_700_000_000_000L, "u1");
    assertThat(again.offset()).isNull();

    assertThat(SearchCursor.parse(SearchCursor.at(Sort.RELEVANCE, 40).token(), Sort.RELEVANCE, Copies.GROUPED).offset())
        .isEqualTo(40);
  }

  @Test
  void aCursorContinuesOnlyTheKindOfSearchThatMadeIt() {
    String grouped = SearchCursor.at(Sort.RELEVANCE, 10).token();
    assertThatThrownBy(() -> SearchCursor.parse(grouped, Sort.RELEVANCE, Copies.ALL))
        .isInstanceOf(Problem.Exception.class).hasMessageContaining("copies=grouped");
    assertThatThrownBy(() -> SearchCursor.parse(grouped, Sort.RECENCY, Copies.GROUPED))
        .isInstanceOf(Problem.Exception.class).hasMessageContaining("sort=relevance");
    assertThatThrownBy(() -> SearchCursor.parse("bm90LWpzb24", Sort.RELEVANCE, Copies.GROUPED))
        .isInstanceOf(Problem.Exception.class).hasMessageContaining("'next' value");
  }
}
