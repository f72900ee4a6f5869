package newsroom.enrich.entities;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.Triple;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import newsroom.events.EntityType;

/** Stanford CoreNLP's CRF named-entity classifier (CoNLL 4-class model by default). */
public final class CoreNlpRecognizer implements EntityRecognizer {
  public static final String DEFAULT_MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";

  private final CRFClassifier<CoreLabel> classifier;
  private final String model;

  public CoreNlpRecognizer(String model) {
    Properties props = new Properties();
    // Keep "Kim Jong-un" and "Pak Thae-song" one token each; do not turn "(" into "-LRB-".
    props.setProperty("tokenizerOptions", "splitHyphenated=false,normalizeParentheses=false,invertible=true");
    try {
      this.classifier = CRFClassifier.getClassifier(model, props);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the NER model '" + model
          + "': check ENRICH_NER_MODEL (a classpath resource or a file path)", e);
    }
    this.model = model.substring(model.lastIndexOf('/') + 1);
  }

  public static CoreNlpRecognizer loadDefault() {
    return new CoreNlpRecognizer(DEFAULT_MODEL);
  }

  @Override
  public List<Span> recognize(String text) {
    List<Span> spans = new ArrayList<>();
    for (Triple<String, Integer, Integer> hit : classifier.classifyToCharacterOffsets(text)) {
      EntityType type = switch (hit.first()) {
        case "PERSON", "PER" -> EntityType.PERSON;
        case "ORGANIZATION", "ORG" -> EntityType.ORGANIZATION;
        case "LOCATION", "LOC" -> EntityType.LOCATION;
        default -> EntityType.MISC;
      };
      spans.add(Span.of(type, text, hit.second(), hit.third()));
    }
    return spans;
  }

  @Override
  public String modelName() {
    return "corenlp-" + model;
  }
}
