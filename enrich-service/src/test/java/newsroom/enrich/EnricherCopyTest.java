package newsroom.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.events.EnrichmentInfo;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class EnricherCopyTest {
  @Test
  void theShallowCopyKeepsEveryField() {
    ArticleEnriched event = ArticleEnriched.newBuilder()
        .setArticle(ArticleIngested.newBuilder().setId("a").setSource("s").setTitle("t").setBody("b")
            .setIngestedAt(Instant.EPOCH).setContentHash("h").setContentFormat(ContentFormat.TEXT).build())
        .setRevision(2).setEventVersion(3).setEntities(List.of())
        .setEnrichment(EnrichmentInfo.newBuilder().setVersion("1").setNerModel("m").setEnrichedAt(Instant.EPOCH).build())
        .setDuplicateOf("x").setNearDuplicateOf("y").setNearDuplicateSimilarity(0.9f)
        .setTopics(List.of(new newsroom.events.TopicAssignment("medtop:11000000", "politics", 0.9f, List.of("minist"))))
        .setStoryId("first-article")
        .setKeywords(List.of("road bridge"))
        .setRelated(List.of(new newsroom.events.RelatedArticle("b", 0.5f, List.of("Russia"), List.of("bridge"), 2f, true)))
        .setTeasers(List.of(new newsroom.events.TeaserLink("A headline", "c")))
        .build();
    assertThat(Enricher.copyOf(event).build()).isEqualTo(event);
    // A field added to the schema must be added to copyOf too: this test then fails until it is.
    assertThat(ArticleEnriched.getClassSchema().getFields()).extracting(Schema.Field::name).containsExactly(
        "article", "revision", "event_version", "entities", "enrichment", "duplicate_of", "near_duplicate_of",
        "near_duplicate_similarity", "topics", "story_id", "keywords", "related", "teasers");
  }
}
