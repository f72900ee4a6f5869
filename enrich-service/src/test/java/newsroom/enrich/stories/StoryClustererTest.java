package newsroom.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoryClustererTest {
  private static List<String> words(String text) {
    return List.of(text.split(" "));
  }

  @Test
  void headlinesOfOneEventShareAStoryAndAnUnrelatedOneStartsItsOwn() {
    StoryClusterer clusterer = new StoryClusterer(StoryClusterer.Settings.headlines());
    var first = clusterer.add("a", words("putin kim open tumen road bridge"), 0);
    var second = clusterer.add("b", words("russia north korea open road bridge tumen"), 1);
    var third = clusterer.add("c", words("tumen bridge kim putin ceremony"), 2);
    var other = clusterer.add("d", words("storm flood lisbon harbour closed"), 3);

    assertThat(first.newStory()).isTrue();
    assertThat(second.story()).isEqualTo(first.story());
    assertThat(third.story()).isEqualTo(first.story());
    assertThat(other.newStory()).isTrue();
    assertThat(other.story()).isNotEqualTo(first.story());
  }

  @Test
  void theSameStreamGivesTheSameStories() {
    List<String> headlines = List.of("apple iphone launch", "iphone sales record apple", "nsa leak snowden",
        "snowden asylum russia", "apple watch", "nsa surveillance court");
    List<String> once = new ArrayList<>();
    List<String> again = new ArrayList<>();
    for (List<String> out : List.of(once, again)) {
      StoryClusterer clusterer = new StoryClusterer(StoryClusterer.Settings.headlines());
      for (int i = 0; i < headlines.size(); i++) {
        out.add(clusterer.add("h" + i, words(headlines.get(i)), i).story());
      }
    }
    assertThat(again).isEqualTo(once);
  }

  @Test
  void aReviewMovesAStrayArticleIntoTheStoryThatGrewAroundIt() {
    // reviews every 10 articles, of single-article stories at least 3 clock units old
    StoryClusterer clusterer = new StoryClusterer(new StoryClusterer.Settings(0.2, 0.025, 1e9, 10, 1, 3));
    int clock = 0;
    for (String headline : List.of("putin kim summit pyongyang", "kim putin summit talks", "putin kim summit ends")) {
      clusterer.add("x" + clock, words(headline), clock++);
    }
    var stray = clusterer.add("stray", words("vladivostok visit planned"), clock++);
    assertThat(stray.newStory()).isTrue(); // nothing explained it when it came
    List<StoryClusterer.Move> moves = new ArrayList<>();
    while (clock < 10) {
      moves.addAll(clusterer.add("y" + clock, words("putin kim summit talks vladivostok visit"), clock++).moves());
    }
    assertThat(moves).containsExactly(new StoryClusterer.Move("stray", stray.story(), clusterer.storyOf("x0")));
    assertThat(clusterer.storyOf("stray")).isEqualTo(clusterer.storyOf("x0"));
  }

  @Test
  void restoringEachArticleIntoItsLastStoryRebuildsTheStoriesAfterMovesAndForgetting() {
    StoryClusterer.Settings settings = new StoryClusterer.Settings(0.2, 0.025, 1e9, 10, 1, 3);
    StoryClusterer live = new StoryClusterer(settings);
    List<String> order = new ArrayList<>();
    Map<String, List<String>> wordsOf = new HashMap<>();
    List<String> headlines = new ArrayList<>(List.of("putin kim summit pyongyang", "kim putin summit talks",
        "putin kim summit ends", "vladivostok visit planned", "storm lisbon harbour"));
    while (headlines.size() < 20) { // the stray's story grows around it: the review at 10 and 20 moves it
      headlines.add(headlines.size() % 2 == 0 ? "putin kim summit talks vladivostok visit" : "lisbon harbour storm ferries");
    }
    int moves = 0;
    for (int clock = 0; clock < headlines.size(); clock++) {
      String id = "a" + clock;
      List<String> words = words(headlines.get(clock));
      moves += live.add(id, words, clock).moves().size();
      order.add(id);
      wordsOf.put(id, words);
    }
    live.forget("a0"); // the window moved past the first story's first article
    order.remove("a0");
    assertThat(moves).as("a review moved articles").isPositive();

    StoryClusterer restored = new StoryClusterer(settings);
    for (int i = 0; i < order.size(); i++) {
      String id = order.get(i);
      restored.restore(id, wordsOf.get(id), i + 1, live.storyOf(id));
    }
    for (String id : order) {
      assertThat(restored.storyOf(id)).as(id).isEqualTo(live.storyOf(id));
      // in arrival order now: a moved article no longer comes last
      assertThat(restored.articles(restored.storyOf(id))).containsExactlyInAnyOrderElementsOf(live.articles(live.storyOf(id)));
    }
    assertThat(restored.storyCount()).isEqualTo(live.storyCount());
    // what comes next joins the story it would have joined without the restart
    List<String> next = words("putin kim summit talks");
    assertThat(restored.add("next", next, 21).story()).isEqualTo(live.add("next", next, 21).story());
  }

  @Test
  void aForgottenArticleLeavesItsStoryAndAStoryWithoutArticlesIsGone() {
    StoryClusterer clusterer = new StoryClusterer(StoryClusterer.Settings.headlines());
    String story = clusterer.add("a", words("putin kim open tumen road bridge"), 0).story();
    clusterer.add("b", words("russia north korea open road bridge tumen"), 1);
    clusterer.add("c", words("tumen bridge kim putin ceremony"), 2);

    clusterer.forget("a");
    assertThat(clusterer.storyOf("a")).isNull();
    assertThat(clusterer.story(story, 10).articleCount()).isEqualTo(2);
    assertThat(clusterer.story(story, 1).newestArticles()).containsExactly("c");
    assertThat(clusterer.articles(story)).containsExactly("b", "c");

    clusterer.forget("b");
    clusterer.forget("c");
    assertThat(clusterer.exists(story)).isFalse();
    assertThat(clusterer.storyCount()).isZero();
    // Nothing of the forgotten stories is left to attract a new article.
    assertThat(clusterer.add("d", words("putin kim open tumen road bridge"), 3).newStory()).isTrue();
  }
}
