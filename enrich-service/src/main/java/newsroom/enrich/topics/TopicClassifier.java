package newsroom.enrich.topics;

import java.util.List;

/** Decides an article's Media Topics, most likely first. */
public interface TopicClassifier {
  List<TopicScore> classify(List<String> terms);

  /** Provenance for events, e.g. "desk-lexicon-2" or "trained:2026-11-26T19:00:00Z". */
  String name();
}
