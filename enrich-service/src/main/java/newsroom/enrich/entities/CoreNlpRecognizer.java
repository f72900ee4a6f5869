package newsroom.enrich.entities;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import newsroom.events.EntityType;

/**
 * Stanford CoreNLP's CRF named-entity classifier (CoNLL 4-class model by default), sentence by
 * sentence as its own {@code classifyToCharacterOffsets} does, except that a sentence which cannot
 * name anything is not classified at all: one with no capital letter but in a first word that is a
 * function word ("It was raining in the capital when the talks began."). The model tags capitalised
 * words; about a sixth of news prose is in such sentences, and the CRF is most of enrichment's cost.
 */
public final class CoreNlpRecognizer implements EntityRecognizer {
  public static final String DEFAULT_MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";

  /** English words that open a sentence without naming anything (closed classes and sentence adverbs). */
  private static final Set<String> FUNCTION_WORDS = Set.of(("a an the this that these those it its he she they we i you "
      + "his her their our my your him them us me and but or nor so yet for if when while as because although though "
      + "since after before once until unless whether in on at by with from to of into onto over under about against "
      + "between through during without within among is are was were be been being has have had do does did will would "
      + "shall should can could may might must there here not no yes also however meanwhile moreover furthermore still "
      + "even just only then now thus hence instead indeed some many most much more few several all both each every "
      + "either neither any other such what which who whom whose where why how").split(" "));

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
    String background = classifier.flags.backgroundSymbol;
    for (List<CoreLabel> sentence : classifier.makeObjectBankFromString(text, classifier.plainTextReaderAndWriter())) {
      if (!mayName(sentence)) {
        continue;
      }
      classifier.classify(sentence);
      // Adjacent tokens with one label are one mention (the model's labels carry no B-/I- prefix).
      String type = background;
      int start = -1;
      int end = -1;
      for (CoreLabel token : sentence) {
        String label = token.get(CoreAnnotations.AnswerAnnotation.class);
        if (!label.equals(type)) {
          if (!type.equals(background)) {
            spans.add(Span.of(entityType(type), text, start, end));
          }
          type = label;
          start = token.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
        }
        end = token.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
      }
      if (!type.equals(background)) {
        spans.add(Span.of(entityType(type), text, start, end));
      }
    }
    return spans;
  }

  /** False for a sentence whose only capital letters, if any, are in an opening function word. */
  static boolean mayName(List<CoreLabel> sentence) {
    for (int i = 0; i < sentence.size(); i++) {
      String word = sentence.get(i).word();
      if (!word.equals(word.toLowerCase(Locale.ROOT))
          && (i > 0 || !FUNCTION_WORDS.contains(word.toLowerCase(Locale.ROOT)))) {
        return true;
      }
    }
    return false;
  }

  private static EntityType entityType(String label) {
    return switch (label) {
      case "PERSON", "PER" -> EntityType.PERSON;
      case "ORGANIZATION", "ORG" -> EntityType.ORGANIZATION;
      case "LOCATION", "LOC" -> EntityType.LOCATION;
      default -> EntityType.MISC;
    };
  }

  @Override
  public String modelName() {
    return "corenlp-" + model;
  }
}
