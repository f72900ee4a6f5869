package newsroom.enrich.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import newsroom.events.Entity;
import newsroom.events.EntityType;
import newsroom.events.Mention;
import newsroom.events.TextField;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class EntityCopyTest {
  @Test
  void theShallowCopyKeepsEveryField() {
    Entity entity = Entity.newBuilder().setId("Q159").setLinked(true).setLinkScore(0.9).setLinkEvidence(List.of("moscow"))
        .setName("Russia").setType(EntityType.LOCATION)
        .setSurfaceForms(List.of("Russia", "Russian")).setMentionCount(2).setSalience(0.5f)
        .setMentions(List.of(new Mention(TextField.BODY, 0, 6, "Russia", null),
            new Mention(TextField.BODY, 10, 17, "Russian", EntityType.MISC)))
        .build();
    assertThat(EntityLinker.copyOf(entity).build()).isEqualTo(entity);
    // A field added to the schema must be added to copyOf too: this test then fails until it is.
    assertThat(Entity.getClassSchema().getFields()).extracting(Schema.Field::name).containsExactly(
        "id", "linked", "link_score", "link_evidence", "name", "type", "surface_forms", "mention_count", "salience", "mentions");
  }
}
