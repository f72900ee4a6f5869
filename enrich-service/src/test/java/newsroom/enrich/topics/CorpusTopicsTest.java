package newsroom.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusTopicsTest {
  private static final String SPORT = "medtop:15000000";
  private static final String ECONOMY = "medtop:04000000";
  private final DeskLexiconClassifier lexicon = DeskLexiconClassifier.load();

  /** Streams articles through as the service does: decide with what came before, then learn. */
  private List<TopicScore> stream(CorpusTopics corpus, String text) {
    List<String> terms = TopicText.terms(text);
    List<TopicScore> byLexicon = lexicon.classify(terms);
    List<TopicScore> decided = corpus.decide(terms, byLexicon);
    corpus.learn(terms, byLexicon);
    return decided;
  }

  /** Sport and business copy naming a club and a company no lexicon lists. */
  private void feedTheDesks(CorpusTopics corpus, int each) {
    for (int i = 0; i < each; i++) {
      stream(corpus, "Vardanyan scored twice as the Zelenograd striker sealed the league title and the coach praised the team "
          + "after match " + i);
      stream(corpus, "Shares in Quorvex rose after the company reported higher quarterly profit and investors cheered "
          + "its sales, analysts said on day " + i);
    }
  }

  @Test
  void aModelOfFewArticlesIsTrustedLittleAndOneOfManyAsMuchAsTheLexiconAllows() {
    assertThat(CorpusTopics.modelWeight(CorpusTopics.MIN_EXAMPLES)).isLessThan(0.2);
    assertThat(CorpusTopics.modelWeight(CorpusTopics.TRUSTED_EXAMPLES / 2)).isCloseTo(CorpusTopics.MODEL_WEIGHT / 2,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(CorpusTopics.modelWeight(CorpusTopics.DEFAULT_CAPACITY)).isEqualTo(CorpusTopics.MODEL_WEIGHT);
  }

  @Test
  void untilTheCorpusHasTaughtAModelTheLexiconDecidesAlone() {
    CorpusTopics corpus = new CorpusTopics(CorpusTopics.DEFAULT_CAPACITY, Runnable::run);
    feedTheDesks(corpus, 10);
    List<String> terms = TopicText.terms("The striker scored in the final match");
    assertThat(corpus.decide(terms, lexicon.classify(terms))).isEqualTo(lexicon.classify(terms));
    assertThat(corpus.name(DeskLexiconClassifier.NAME)).isEqualTo(DeskLexiconClassifier.NAME);
  }

  @Test
  void theCorpusTeachesNamesAndWordsTheLexiconDoesNotList() {
    CorpusTopics corpus = new CorpusTopics(CorpusTopics.DEFAULT_CAPACITY, Runnable::run);
    feedTheDesks(corpus, 30);
    // trained at 50 examples; the next training waits for a quarter more
    assertThat(corpus.name(DeskLexiconClassifier.NAME)).isEqualTo(DeskLexiconClassifier.NAME + "+corpus-50");
    String text = "Vardanyan agreed a new deal with Zelenograd on Friday.";
    List<String> terms = TopicText.terms(text);
    // The brief's one desk word reads as business; too few examples for the corpus to overrule it.
    assertThat(corpus.decide(terms, lexicon.classify(terms))).extracting(TopicScore::qcode).containsExactly(ECONOMY);

    feedTheDesks(corpus, 120); // enough examples to be trusted fully
    assertThat(lexicon.classify(terms)).extracting(TopicScore::qcode).doesNotContain(SPORT); // "deal" reads as business
    List<TopicScore> decided = corpus.decide(terms, lexicon.classify(terms));
    assertThat(decided.getFirst().qcode()).isEqualTo(SPORT);
    assertThat(decided.getFirst().evidence()).contains("vardanyan", "zelenograd");
    assertThat(corpus.decide(TopicText.terms("Quorvex expands"), List.of()).getFirst().qcode()).isEqualTo(ECONOMY);
  }

  @Test
  void aCorpusUnlikeTheArticleReordersItsTopicsButTakesNoneAway() {
    CorpusTopics corpus = new CorpusTopics(CorpusTopics.DEFAULT_CAPACITY, Runnable::run);
    feedTheDesks(corpus, 150); // a sports and business desk: the model knows nothing of diplomacy or war
    List<String> terms = TopicText.terms("The foreign minister met the president to discuss the ceasefire after the army "
        + "shelled the border; the government and parliament debated new sanctions as troops and refugees crossed.");
    List<TopicScore> byLexicon = lexicon.classify(terms);
    assertThat(byLexicon).hasSizeGreaterThanOrEqualTo(2);
    assertThat(corpus.decide(terms, byLexicon)).extracting(TopicScore::qcode)
        .containsAll(byLexicon.stream().map(TopicScore::qcode).toList());
  }

  @Test
  void keepsOnlyTheLatestExamples() {
    CorpusTopics corpus = new CorpusTopics(50, Runnable::run);
    feedTheDesks(corpus, 40);
    assertThat(corpus.articles()).isEqualTo(50);
  }

  @Test
  void theStreamDoesNotWaitForTraining() {
    List<Runnable> queued = new ArrayList<>();
    CorpusTopics corpus = new CorpusTopics(CorpusTopics.DEFAULT_CAPACITY, queued::add);
    feedTheDesks(corpus, 40);
    assertThat(queued).hasSize(1); // one training at a time: later ones wait for it to finish
    assertThat(corpus.name(DeskLexiconClassifier.NAME)).isEqualTo(DeskLexiconClassifier.NAME);
    queued.getFirst().run();
    assertThat(corpus.name(DeskLexiconClassifier.NAME)).isEqualTo(DeskLexiconClassifier.NAME + "+corpus-50");
  }

  @Test
  void articlesTheLexiconIsSureAboutAreExamplesOfTheirTopic() {
    assertThat(CorpusTopics.sureTopic(List.of())).isEmpty();
    assertThat(CorpusTopics.sureTopic(List.of(new TopicScore(SPORT, "sport", 0.6, List.of()),
        new TopicScore(ECONOMY, "economy", 0.4, List.of())))).isEmpty();
    assertThat(CorpusTopics.sureTopic(List.of(new TopicScore(SPORT, "sport", 1.0, List.of())))).contains(SPORT);
  }
}
