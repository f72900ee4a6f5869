package newsroom.enrich.stories;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Online story clustering of headlines (or any short token lists), one article at a time.
 *
 * <p>Each story is a bag of words; an article joins the story that best explains its words under a
 * Dirichlet multinomial mixture (the model of GSDMM and MStream: a story is likelier the more
 * articles it has and the more of the article's words it has used), or starts a new story when none
 * explains it better than a new one would. Stories that stop growing fade: their weight decays with
 * the time since their last article, so a new event is not swallowed by an old story that shares a
 * few words. Every {@code reviewEvery} articles, stories still tiny after {@code reviewAge} are
 * reviewed: an article that a bigger story now explains better moves there (a merge). Everything is
 * deterministic: the same articles in the same order give the same stories.
 */
public final class StoryClusterer {

  /**
   * @param alpha       prior weight of a new story (higher: more, smaller stories)
   * @param beta        prior weight of a word in a story (higher: looser stories)
   * @param fadeTime    time for a story's weight to fall by a factor e without new articles (clock units)
   * @param reviewEvery articles between reviews of small stories (0: never)
   * @param smallStory  stories of at most this many articles are reviewed
   * @param reviewAge   a story is reviewed only once it is this old (clock units)
   */
  public record Settings(double alpha, double beta, double fadeTime, int reviewEvery, int smallStory, double reviewAge) {
    /**
     * Chosen on labelled headline streams (`./newsroom eval stories`) with the article count as the
     * clock: stories fade over ~200 articles, stories of up to 10 articles are reviewed every 100.
     */
    public static Settings headlines() {
      return new Settings(0.2, 0.025, 200, 100, 10, 200);
    }
  }

  /** Where an article went, and the articles a review moved (old story → new story). */
  public record Assignment(String story, boolean newStory, List<Move> moves) {}

  /** An article moved between stories by a review. */
  public record Move(String article, String from, String to) {}

  /**
   * A story as it stands: its id, when it began and last grew (clock units), how many articles it
   * has, and the newest of them in the order they joined.
   */
  public record StoryView(String id, double born, double lastUpdate, int articleCount, List<String> newestArticles) {}

  /** A story is named after the article that started it, so its id survives restarts and replays. */
  private static final class Story {
    final String id;
    final double born;
    double lastUpdate;
    int articles;
    int words;
    final Map<String, Integer> wordCounts = new HashMap<>();
    final LinkedHashSet<String> members = new LinkedHashSet<>(); // in the order they joined

    Story(String id, double born) {
      this.id = id;
      this.born = born;
      this.lastUpdate = born;
    }
  }

  private final Settings settings;
  private final Map<String, Story> stories = new LinkedHashMap<>();
  private final Map<String, Set<String>> storiesByWord = new HashMap<>();
  private final Map<String, List<String>> wordsOf = new HashMap<>();
  private final Map<String, String> storyOf = new HashMap<>();
  private final Map<String, Integer> vocabulary = new HashMap<>();
  private long articlesSeen;

  public StoryClusterer(Settings settings) {
    this.settings = settings;
  }

  /** Adds an article (its tokens, e.g. a stemmed headline) at time {@code now}; returns its story. */
  public Assignment add(String article, List<String> tokens, double now) {
    List<String> words = tokens.isEmpty() ? List.of("") : List.copyOf(tokens);
    words.forEach(w -> vocabulary.merge(w, 1, Integer::sum));
    articlesSeen++;
    Map<String, Integer> counts = counts(words);
    Story best = best(counts, now, null, newStoryScore(counts, words.size()), words.size());
    boolean created = best == null;
    if (created) {
      best = new Story(article, now);
      stories.put(best.id, best);
    }
    join(best, article, words, now);
    List<Move> moves = settings.reviewEvery() > 0 && articlesSeen % settings.reviewEvery() == 0 ? review(now) : List.of();
    return new Assignment(best.id, created, moves);
  }

  /**
   * Puts an article back into the story it was last in, as a restart replays the window in arrival
   * order: no scoring and no review, so a replay costs a few map updates per article, and every
   * article stays where its events said it was. A story whose first article has been forgotten or
   * moved away comes back under its own id, born with its first remaining article.
   */
  public void restore(String article, List<String> tokens, double now, String story) {
    List<String> words = tokens.isEmpty() ? List.of("") : List.copyOf(tokens);
    words.forEach(w -> vocabulary.merge(w, 1, Integer::sum));
    articlesSeen++;
    join(stories.computeIfAbsent(story, id -> new Story(id, now)), article, words, now);
  }

  public String storyOf(String article) {
    return storyOf.get(article);
  }

  /** The story with its newest {@code newest} articles (not all: a story can hold thousands); null when gone. */
  public StoryView story(String id, int newest) {
    Story story = stories.get(id);
    if (story == null) {
      return null;
    }
    List<String> latest = new ArrayList<>(Math.min(newest, story.members.size()));
    for (String article : story.members.reversed()) {
      if (latest.size() == newest) {
        break;
      }
      latest.add(article);
    }
    return new StoryView(story.id, story.born, story.lastUpdate, story.members.size(), latest.reversed());
  }

  public boolean exists(String id) {
    return stories.containsKey(id);
  }

  /** All the story's articles in the order they joined; empty when it is gone. */
  public List<String> articles(String id) {
    Story story = stories.get(id);
    return story == null ? List.of() : List.copyOf(story.members);
  }

  /**
   * Takes an article out of its story and out of the vocabulary, as if it had never come (the
   * window moved past it); a story left without articles is gone.
   */
  public void forget(String article) {
    String id = storyOf.remove(article);
    if (id == null) {
      return;
    }
    leave(stories.get(id), article);
    for (String word : wordsOf.remove(article)) {
      vocabulary.computeIfPresent(word, (w, count) -> count == 1 ? null : count - 1);
    }
  }

  public int storyCount() {
    return stories.size();
  }

  /** The story (but {@code exclude}) that explains the words better than {@code floor}; null when none does. */
  private Story best(Map<String, Integer> counts, double now, Story exclude, double floor, int length) {
    Set<String> candidates = new HashSet<>();
    for (String word : counts.keySet()) {
      candidates.addAll(storiesByWord.getOrDefault(word, Set.of()));
    }
    Story best = null;
    double bestScore = floor;
    for (String id : candidates) {
      Story story = stories.get(id);
      if (story == exclude) {
        continue;
      }
      double score = score(story, counts, length, now);
      if (score > bestScore || (score == bestScore && best != null && story.id.compareTo(best.id) < 0)) {
        best = story;
        bestScore = score;
      }
    }
    return best;
  }

  private double score(Story story, Map<String, Integer> counts, int length, double now) {
    double score = Math.log(story.articles) - (now - story.lastUpdate) / settings.fadeTime();
    for (var e : counts.entrySet()) {
      double base = story.wordCounts.getOrDefault(e.getKey(), 0) + settings.beta();
      for (int j = 0; j < e.getValue(); j++) {
        score += Math.log(base + j);
      }
    }
    double vb = vocabulary.size() * settings.beta();
    for (int i = 0; i < length; i++) {
      score -= Math.log(story.words + vb + i);
    }
    return score;
  }

  private double newStoryScore(Map<String, Integer> counts, int length) {
    double score = Math.log(settings.alpha() * articlesSeen);
    for (int c : counts.values()) {
      for (int j = 0; j < c; j++) {
        score += Math.log(settings.beta() + j);
      }
    }
    double vb = vocabulary.size() * settings.beta();
    for (int i = 0; i < length; i++) {
      score -= Math.log(vb + i);
    }
    return score;
  }

  private void join(Story story, String article, List<String> words, double now) {
    story.articles++;
    story.words += words.size();
    story.lastUpdate = Math.max(story.lastUpdate, now);
    story.members.add(article);
    for (String word : words) {
      story.wordCounts.merge(word, 1, Integer::sum);
      storiesByWord.computeIfAbsent(word, w -> new HashSet<>()).add(story.id);
    }
    wordsOf.put(article, words);
    storyOf.put(article, story.id);
  }

  private void leave(Story story, String article) {
    List<String> words = wordsOf.get(article);
    story.articles--;
    story.words -= words.size();
    story.members.remove(article);
    for (String word : words) {
      if (story.wordCounts.merge(word, -1, Integer::sum) == 0) {
        story.wordCounts.remove(word);
        Set<String> withWord = storiesByWord.get(word);
        withWord.remove(story.id);
        if (withWord.isEmpty()) {
          storiesByWord.remove(word);
        }
      }
    }
    if (story.articles == 0) {
      stories.remove(story.id);
    }
  }

  /** Small, settled stories: their articles move to a story that now explains them better. */
  private List<Move> review(double now) {
    List<Move> moves = new ArrayList<>();
    List<Story> small = stories.values().stream()
        .filter(s -> s.articles <= settings.smallStory() && now - s.born >= settings.reviewAge()).toList();
    for (Story story : small) {
      for (String article : List.copyOf(story.members)) {
        List<String> words = wordsOf.get(article);
        Map<String, Integer> counts = counts(words);
        leave(story, article);
        double own = stories.containsKey(story.id) ? score(story, counts, words.size(), now) : newStoryScore(counts, words.size());
        Story target = best(counts, now, story, own, words.size());
        if (target != null) {
          join(target, article, words, now);
          moves.add(new Move(article, story.id, target.id));
        } else {
          stories.putIfAbsent(story.id, story);
          join(story, article, words, now);
        }
      }
    }
    return moves;
  }

  private static Map<String, Integer> counts(List<String> words) {
    Map<String, Integer> counts = new HashMap<>();
    words.forEach(w -> counts.merge(w, 1, Integer::sum));
    return counts;
  }
}
