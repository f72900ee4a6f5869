package newsroom.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The topic corpus log's entries: what a restart reads back, in this version's format and the one before it. */
class TopicCorpusEntryTest {
  private static final String SPORT = "medtop:15000000";
  private static final String ECONOMY = "medtop:04000000";

  @Test
  void anEntryReadsBackWithTheLexiconsTopicsAndTheTerms() {
    var entry = new TopicAdapter.Entry(List.of(new TopicScore(SPORT, "sport", 0.625, List.of("striker")),
        new TopicScore(ECONOMY, "economy, business and finance", 0.375, List.of("deal"))), List.of("striker", "deal"));
    var read = TopicAdapter.Entry.parse(entry.text());
    assertThat(read.lexicon()).extracting(TopicScore::qcode).containsExactly(SPORT, ECONOMY);
    assertThat(read.lexicon()).extracting(TopicScore::confidence).containsExactly(0.625, 0.375);
    assertThat(read.terms()).containsExactly("striker", "deal");
  }

  @Test
  void anArticleTheLexiconFoundNothingInReadsBackWithoutTopics() {
    var read = TopicAdapter.Entry.parse(new TopicAdapter.Entry(List.of(), List.of("kelvara")).text());
    assertThat(read.lexicon()).isEmpty();
    assertThat(read.terms()).containsExactly("kelvara");
    assertThat(TopicAdapter.Entry.parse(new TopicAdapter.Entry(List.of(), List.of()).text()).terms()).isEmpty();
  }

  @Test
  void anEntryLoggedWhenOnlySureExamplesWereKeptIsASureExample() {
    var read = TopicAdapter.Entry.parse(SPORT + "\tstriker scored");
    assertThat(read.lexicon()).extracting(TopicScore::qcode).containsExactly(SPORT);
    assertThat(CorpusTopics.sureTopic(read.lexicon())).contains(SPORT);
    assertThat(read.terms()).containsExactly("striker", "scored");
  }
}
