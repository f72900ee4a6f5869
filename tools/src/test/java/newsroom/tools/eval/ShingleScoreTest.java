package newsroom.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ShingleScoreTest {
  @Test
  void aPerfectPageScoresOne() {
    ShingleScore score = new ShingleScore();
    score.add("one two three four five", "One? no: one two three four five");
    assertThat(score.recall()).isEqualTo(1.0);
    assertThat(score.precision()).isEqualTo(0.5); // 2 of 4 predicted shingles are gold
  }

  @Test
  void shinglesAreCountedAsMultisets() {
    ShingleScore score = new ShingleScore();
    // gold has "a b c d" twice; the prediction has it once
    score.add("a b c d a b c d", "a b c d");
    assertThat(score.precision()).isEqualTo(1.0);
    assertThat(score.recall()).isCloseTo(1.0 / 5, within(1e-9));
  }

  @Test
  void pagesWithoutPredictionCountOnlyForRecall() {
    ShingleScore score = new ShingleScore();
    score.add("w x y z", "");
    score.add("a b c d", "a b c d");
    assertThat(score.precision()).isEqualTo(1.0);
    assertThat(score.recall()).isEqualTo(0.5);
    assertThat(score.f1()).isCloseTo(2 * 0.5 / 1.5, within(1e-9));
  }

  @Test
  void tokensAreUnicodeWords() {
    assertThat(ShingleScore.shingles("Zürich, São Paulo — 東京 ok")).containsOnlyKeys(
        java.util.List.of("Zürich", "São", "Paulo", "東京"), java.util.List.of("São", "Paulo", "東京", "ok"));
    assertThat(ShingleScore.shingles("two words")).containsOnlyKeys(java.util.List.of("two", "words"));
  }
}
