package newsroom.enrich.entities;

import java.util.List;

/** A statistical named-entity recogniser: raw mentions, before any merging. */
public interface EntityRecognizer {
  List<Span> recognize(String text);

  /** Names the model in enrichment provenance. */
  String modelName();
}
