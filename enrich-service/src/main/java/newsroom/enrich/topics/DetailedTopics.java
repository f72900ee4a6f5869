package newsroom.enrich.topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Media Topics below the top level, where the article is explicit about them: either every word of
 * the topic's label appears in the article ("road transport") with at least {@value
 * #MIN_DEFINITION_TERMS} words of its definition, or the article uses at least {@value
 * #MIN_LEXICON_TERMS} words of the topic's line in a desk lexicon written for this project
 * ("transport": road, bridge, freight, passengers…). Confidence grows with the words found; the
 * five best are kept.
 */
public final class DetailedTopics {
  private static final String LEXICON = "/newsroom/topics/detail-lexicon.tsv";
  private static final int MIN_DEFINITION_TERMS = 2;
  private static final int MIN_LEXICON_TERMS = 3;
  private static final int MAX_TOPICS = 5;
  /** Terms so common in the vocabulary's definitions that they say nothing about a topic. */
  private static final int MAX_TERM_SPREAD = 40;

  private record Detail(MediaTopics.Topic topic, Set<String> label, Set<String> definition, Set<String> lexicon) {}

  private final List<Detail> details = new ArrayList<>();

  public DetailedTopics(MediaTopics vocabulary) {
    Map<String, Set<String>> lexicon = Lexicons.read(LEXICON, vocabulary, "en");
    Map<String, Integer> spread = new HashMap<>();
    List<MediaTopics.Topic> below = vocabulary.all().stream().filter(t -> t.level() > 1).toList();
    Map<MediaTopics.Topic, Set<String>> definitions = new HashMap<>();
    for (MediaTopics.Topic topic : below) {
      Set<String> terms = new HashSet<>(TopicText.terms(topic.definition()));
      terms.forEach(t -> spread.merge(t, 1, Integer::sum));
      definitions.put(topic, terms);
    }
    for (MediaTopics.Topic topic : below) {
      Set<String> label = new HashSet<>(TopicText.terms(topic.name()));
      Set<String> definition = new HashSet<>(definitions.get(topic));
      definition.removeIf(t -> spread.get(t) > MAX_TERM_SPREAD || label.contains(t));
      if (!label.isEmpty()) {
        details.add(new Detail(topic, label, definition, lexicon.getOrDefault(topic.qcode(), Set.of())));
      }
    }
  }

  private static int count(Set<String> words, Set<String> present) {
    int hits = 0;
    for (String word : words) {
      if (present.contains(word)) {
        hits++;
      }
    }
    return hits;
  }

  public List<TopicScore> find(List<String> articleTerms) {
    Set<String> present = new HashSet<>(articleTerms);
    List<TopicScore> found = new ArrayList<>();
    for (Detail detail : details) {
      boolean byLabel = present.containsAll(detail.label())
          && count(detail.definition(), present) >= MIN_DEFINITION_TERMS;
      if (!byLabel && count(detail.lexicon(), present) < MIN_LEXICON_TERMS) {
        continue; // the common case: checked without building anything
      }
      Set<String> evidence = new java.util.LinkedHashSet<>();
      detail.lexicon().stream().filter(present::contains).sorted().forEach(evidence::add);
      if (byLabel) {
        evidence.addAll(detail.label());
        detail.definition().stream().filter(present::contains).sorted().forEach(evidence::add);
      }
      found.add(new TopicScore(detail.topic().qcode(), detail.topic().name(),
          DeskLexiconClassifier.round(Math.min(1.0, evidence.size() / 6.0)), List.copyOf(evidence)));
    }
    found.sort(Comparator.comparingDouble(TopicScore::confidence).reversed().thenComparing(TopicScore::qcode));
    return found.size() > MAX_TOPICS ? List.copyOf(found.subList(0, MAX_TOPICS)) : found;
  }
}
