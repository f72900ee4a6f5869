package newsroom.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.events.EnrichmentInfo;
import newsroom.events.Entity;
import newsroom.events.EntityType;
import newsroom.events.Mention;
import newsroom.events.TextField;
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

  @Test
  void linksAreKnowledgeBaseIdsOnNamesInsideTheSpanNotDemonymsOrLocalIds() {
    Entity russia = Entity.newBuilder().setId("Q159").setLinked(true).setName("Russia").setType(EntityType.LOCATION)
        .setSurfaceForms(List.of("Russia", "Russian")).setMentionCount(3)
        .setMentions(List.of(new Mention(TextField.BODY, 0, 6, "Russia", null),
            new Mention(TextField.BODY, 10, 17, "Russian", EntityType.MISC),
            new Mention(TextField.BODY, 50, 56, "Russia", null)))
        .build();
    Entity local = Entity.newBuilder().setId("person:ri-son-gwon").setName("Ri Son Gwon").setType(EntityType.PERSON)
        .setSurfaceForms(List.of("Ri Son Gwon")).setMentionCount(1)
        .setMentions(List.of(new Mention(TextField.BODY, 20, 31, "Ri Son Gwon", null))).build();
    ArticleEnriched event = ArticleEnriched.newBuilder()
        .setArticle(ArticleIngested.newBuilder().setId("a").setSource("s").setTitle("t").setBody("b")
            .setIngestedAt(Instant.EPOCH).setContentHash("h").setContentFormat(ContentFormat.TEXT).build())
        .setRevision(1).setEventVersion(1).setEntities(List.of(russia, local)).setTopics(List.of())
        .setKeywords(List.of()).setRelated(List.of()).setTeasers(List.of())
        .setEnrichment(EnrichmentInfo.newBuilder().setVersion("2").setNerModel("m").setEnrichedAt(Instant.EPOCH).build())
        .build();
    assertThat(LinkingEval.predicted(event, 0, 40)).containsExactly(new LinkingEval.Link(0, 6, "Q159"));
  }
}
