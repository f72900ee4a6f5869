package newsroom.local.eval;

import static org.assertj.core.api.Assertions.assertThat;

import newsroom.service.ServiceHttp;
import org.junit.jupiter.api.Test;

class LinkingEvalTest {
  @Test
  void onlyNonNilNonCorefLinksInsideTheEvaluationSpanAreExpected() throws Exception {
    var doc = ServiceHttp.JSON.readTree("""
        {"id": 1, "title": "t", "text": "Angela Merkel met Macron in Paris. She left.", "evaluation_span": [0, 40],
         "labels": [
           {"span": [0, 13], "entity_id": "Q567", "coref": false},
           {"span": [18, 24], "entity_id": "Q3052772", "coref": false},
           {"span": [28, 33], "entity_id": "<NIL>", "coref": false},
           {"span": [35, 38], "entity_id": "Q567", "coref": true},
           {"span": [40, 44], "entity_id": "Q1", "coref": false}]}""");
    assertThat(LinkingEval.gold(doc, 0, 40)).containsExactlyInAnyOrder(
        new LinkingEval.Link(0, 13, "Q567"), new LinkingEval.Link(18, 24, "Q3052772"));
  }
}
