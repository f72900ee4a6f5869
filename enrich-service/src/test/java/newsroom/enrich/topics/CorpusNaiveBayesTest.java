package newsroom.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorpusNaiveBayesTest {
  private static final String SPORT = "medtop:15000000";
  private static final String ECONOMY = "medtop:04000000";
  private static final MediaTopics TOPICS = MediaTopics.load();

  private static void add(List<CorpusNaiveBayes.Item> items, int times, String text, Map<String, Double> topics, boolean fixed) {
    for (int i = 0; i < times; i++) {
      items.add(new CorpusNaiveBayes.Item(List.of(text.split(" ")), topics, fixed));
    }
  }

  @Test
  void articlesTheLexiconSaidNothingAboutTeachTheWordsTheyShareWithOnesItWasSureOf() {
    List<CorpusNaiveBayes.Item> items = new ArrayList<>();
    add(items, 20, "striker scored goal match", Map.of(SPORT, 1.0), true);
    add(items, 40, "shares profit investors market", Map.of(ECONOMY, 1.0), true);
    // No desk word the lexicon knows, only a name beside words the sure articles taught.
    add(items, 20, "striker scored kelvara", Map.of(), false);

    CorpusNaiveBayes model = CorpusNaiveBayes.train(items, TOPICS);
    // Without the rounds of EM the name would say nothing and the likelier topic (business) would win.
    assertThat(model.scores(List.of("kelvara")).get(SPORT)).isGreaterThan(0.8);
    assertThat(model.scores(List.of("never", "seen")).get(ECONOMY)).isGreaterThan(0.5); // unknown words: the prior
    assertThat(model.evidence(List.of("kelvara", "striker", "shares"), SPORT)).containsExactlyInAnyOrder("kelvara", "striker");
    assertThat(model.name(SPORT)).isEqualTo("sport");
  }

  @Test
  void anUncertainStartIsReestimatedButASureOneKeepsItsTopic() {
    List<CorpusNaiveBayes.Item> items = new ArrayList<>();
    add(items, 30, "striker scored goal match", Map.of(SPORT, 1.0), true);
    add(items, 30, "shares profit investors market", Map.of(ECONOMY, 1.0), true);
    // The lexicon leaned to business on these (a "deal"), but their words are the sports desk's.
    add(items, 10, "striker goal deal", Map.of(ECONOMY, 0.6, SPORT, 0.4), false);

    CorpusNaiveBayes model = CorpusNaiveBayes.train(items, TOPICS);
    assertThat(model.scores(List.of("striker", "goal", "deal")).get(SPORT)).isGreaterThan(0.9);
    assertThat(model.scores(List.of("deal")).get(SPORT)).isGreaterThan(0.5); // the lexicon's lean is not kept
    assertThat(model.scores(List.of("shares", "profit")).get(ECONOMY)).isGreaterThan(0.9);
  }

  @Test
  void aCorpusWithoutATopicCannotTeach() {
    List<CorpusNaiveBayes.Item> items = new ArrayList<>();
    add(items, 5, "no desk words here", Map.of(), false);
    assertThatThrownBy(() -> CorpusNaiveBayes.train(items, TOPICS)).hasMessageContaining("at least one article with a topic");
  }
}
