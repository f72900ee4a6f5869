package newsroom.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The story log's entries: what a restart reads back, in this version's format and the one before it. */
class StoryLogEntryTest {
  private static final Instant TIME = Instant.parse("2025-05-01T12:00:00Z");

  @Test
  void anEntryReadsBackWithItsStoryAndAMoveChangesOnlyTheStory() {
    var entry = new StoryAssigner.Entry("a1", TIME, "Putin and Kim\topen a bridge", List.of("putin", "Q7747"),
        Map.of("Q7747", "Vladimir Putin"), Map.of("11000000", "politics"), "s9");

    var read = StoryAssigner.Entry.parse(entry.text());
    assertThat(read.story()).isEqualTo("s9");
    assertThat(read.title()).isEqualTo("Putin and Kim open a bridge"); // a tab would split the columns
    assertThat(read.terms()).containsExactly("putin", "Q7747");
    assertThat(read.entities()).containsEntry("Q7747", "Vladimir Putin");
    assertThat(StoryAssigner.Entry.parse(read.in("s3").text())).isEqualTo(read.in("s3"));
  }

  @Test
  void anEntryLoggedBeforeStoriesWereRecordedHasNoStorySoItIsClusteredAgain() {
    String before = String.join("\t", "a1", Long.toString(TIME.toEpochMilli()), "Putin and Kim", "putin kim",
        "Q7747=Vladimir Putin", "11000000=politics");
    var read = StoryAssigner.Entry.parse(before);
    assertThat(read.story()).isNull();
    assertThat(read.article()).isEqualTo("a1");
    assertThat(read.topics()).containsEntry("11000000", "politics");
  }
}
