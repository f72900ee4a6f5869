package newsroom.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.IngestRejection;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema change must stay readable in both directions against the last released version:
 * new consumers read old events (backward) and old consumers read new events (forward).
 */
class SchemaCompatibilityTest {

  static Stream<Schema> currentSchemas() {
    return Stream.of(ArticleIngested.getClassSchema(), ArticleEnriched.getClassSchema(), IngestRejection.getClassSchema(),
        newsroom.events.FeedSubscription.getClassSchema(), newsroom.events.FeedState.getClassSchema(),
        newsroom.events.SourceHealth.getClassSchema(), newsroom.events.KnowledgeBaseEntity.getClassSchema(),
        newsroom.events.ReenrichRequest.getClassSchema(), newsroom.events.StoryEvent.getClassSchema(),
        newsroom.events.TopicModel.getClassSchema(), newsroom.events.TopicRule.getClassSchema());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemas")
  void isBackwardAndForwardCompatibleWithTheLastRelease(Schema current) {
    List<Schema> released = ReleasedSchemas.of(current.getFullName());
    assertThat(released).as("a released version of %s (add it to released/index.properties)", current.getFullName())
        .isNotEmpty();
    Schema last = released.get(released.size() - 1);

    var backward = SchemaCompatibility.checkReaderWriterCompatibility(current, last);
    var forward = SchemaCompatibility.checkReaderWriterCompatibility(last, current);

    assertThat(backward.getType()).as("new readers read released events: %s", backward.getDescription())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(forward.getType()).as("released readers read new events: %s", forward.getDescription())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemas")
  void documentsEveryField(Schema current) {
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(current, undocumented, new ArrayList<>());
    assertThat(undocumented).as("fields without a doc").isEmpty();
  }

  private static void collectUndocumented(Schema schema, List<String> out, List<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.contains(schema.getFullName())) {
          return;
        }
        seen.add(schema.getFullName());
        for (Schema.Field field : schema.getFields()) {
          if (field.doc() == null || field.doc().isBlank()) {
            out.add(schema.getName() + "." + field.name());
          }
          collectUndocumented(field.schema(), out, seen);
        }
      }
      case UNION -> schema.getTypes().forEach(s -> collectUndocumented(s, out, seen));
      case ARRAY -> collectUndocumented(schema.getElementType(), out, seen);
      default -> { }
    }
  }
}
