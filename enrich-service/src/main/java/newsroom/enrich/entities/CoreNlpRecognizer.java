package newsroom.enrich.entities;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import newsroom.events.EntityType;

/**
 * Stanford CoreNLP's CRF named-entity classifier (English CoNLL 4-class model by default, the other
 * languages' by {@link RecognitionLanguage}), sentence by sentence as its own {@code
 * classifyToCharacterOffsets} does, except that a sentence which cannot name anything is not
 * classified at all: one with no capital letter but in a first word that is a function word ("It
 * was raining in the capital when the talks began."). The model tags capitalised
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
  private final CRFClassifier<CoreLabel> miscClassifier; // null but for languages that take MISC from a second model
  private final RecognitionLanguage language;
  private final String model;

  /** An English recogniser with this model (a classpath resource or a file path). */
  public CoreNlpRecognizer(String model) {
    this(RecognitionLanguage.ENGLISH, model, null);
  }

  private CoreNlpRecognizer(RecognitionLanguage language, String model, String miscModel) {
    this.language = language;
    this.classifier = load(model);
    this.miscClassifier = miscModel == null ? null : load(miscModel);
    String name = model.substring(model.lastIndexOf('/') + 1);
    this.model = miscModel == null ? name : name + "+" + miscModel.substring(miscModel.lastIndexOf('/') + 1);
  }

  private static CRFClassifier<CoreLabel> load(String model) {
    Properties props = new Properties();
    // Keep "Kim Jong-un" and "Pak Thae-song" one token each; do not turn "(" into "-LRB-".
    props.setProperty("tokenizerOptions", "splitHyphenated=false,normalizeParentheses=false,invertible=true");
    try {
      return CRFClassifier.getClassifier(model, props);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the NER model '" + model
          + "': check ENRICH_NER_MODEL (a classpath resource or a file path)", e);
    }
  }

  public static CoreNlpRecognizer loadDefault() {
    return new CoreNlpRecognizer(DEFAULT_MODEL);
  }

  /** The recogniser of a language, with its shipped models (which must be {@link RecognitionLanguage#installed}). */
  public static CoreNlpRecognizer load(RecognitionLanguage language) {
    return new CoreNlpRecognizer(language, language.model(), language.miscModel());
  }

  @Override
  public List<Span> recognize(String text) {
    List<Span> spans = new ArrayList<>();
    for (List<CoreLabel> sentence : classifier.makeObjectBankFromString(text, classifier.plainTextReaderAndWriter())) {
      if (!mayName(sentence, language)) {
        continue;
      }
      List<Span> found = mentions(classifier, sentence, text);
      if (miscClassifier != null) {
        for (Span misc : mentions(miscClassifier, sentence, text)) {
          if (misc.type() == EntityType.MISC && found.stream().noneMatch(s -> s.overlaps(misc.start(), misc.end()))) {
            found.add(misc);
          }
        }
        found.sort(Comparator.comparingInt(Span::start));
      }
      for (Span span : found) {
        if (language.lowerCaseMayName() || !span.text().equals(span.text().toLowerCase(Locale.ROOT))) {
          spans.add(span);
        }
      }
    }
    return spans;
  }

  /**
   * One model's mentions in a sentence. {@code classifySentence} labels a copy of the tokens with the
   * model's own preprocessing (plain {@code classify} on the same tokens loses most of the Spanish and
   * German models' names). Adjacent tokens with one label are one mention, unless the model writes
   * B-/I- prefixes (French), where B- starts a new one.
   */
  private static List<Span> mentions(CRFClassifier<CoreLabel> model, List<CoreLabel> sentence, String text) {
    List<Span> spans = new ArrayList<>();
    String background = model.flags.backgroundSymbol;
    List<CoreLabel> labelled = model.classifySentence(sentence);
    String type = background;
    int start = -1;
    int end = -1;
    for (int i = 0; i < labelled.size(); i++) {
      String label = labelled.get(i).get(CoreAnnotations.AnswerAnnotation.class);
      boolean begins = label.startsWith("B-");
      String bare = begins || label.startsWith("I-") ? label.substring(2) : label;
      if (!bare.equals(type) || begins) {
        if (!type.equals(background)) {
          spans.add(Span.of(entityType(type), text, start, end));
        }
        type = bare;
        start = sentence.get(i).get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
      }
      end = sentence.get(i).get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
    }
    if (!type.equals(background)) {
      spans.add(Span.of(entityType(type), text, start, end));
    }
    return spans;
  }

  /** False for a sentence whose only capital letters, if any, are in an opening function word of its language. */
  static boolean mayName(List<CoreLabel> sentence, RecognitionLanguage language) {
    for (int i = 0; i < sentence.size(); i++) {
      String word = sentence.get(i).word();
      String lower = word.toLowerCase(Locale.ROOT);
      if (!word.equals(lower) && (i > 0 || !(language.functionWords() == null
          ? FUNCTION_WORDS.contains(lower) : language.functionWords().contains(lower)))) {
        return true;
      }
    }
    return false;
  }

  private static EntityType entityType(String label) {
    return switch (label) {
      case "PERSON", "PER", "PERS" -> EntityType.PERSON;
      case "ORGANIZATION", "ORG" -> EntityType.ORGANIZATION;
      case "LOCATION", "LOC", "LUG" -> EntityType.LOCATION;
      default -> EntityType.MISC;
    };
  }

  @Override
  public String modelName() {
    return "corenlp-" + model;
  }
}
