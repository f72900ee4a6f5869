package newsroom.enrich.entities;

import java.util.Arrays;
import java.util.Optional;
import newsroom.text.LanguageText;
import org.apache.lucene.analysis.CharArraySet;

/**
 * The languages whose names enrich-service can recognise, each with the Stanford CoreNLP CRF models
 * Maven Central serves for it (English is in the {@code models} jar, the others each in their own
 * {@code models-<language>} jar). Dutch has no CoreNLP model, Arabic's jar no NER; Chinese (1.6 GB)
 * needs word segmentation first and is left out.
 */
public enum RecognitionLanguage {
  /** CoNLL-2003 4 classes. */
  ENGLISH("en", "english", 80, CoreNlpRecognizer.DEFAULT_MODEL, null),
  /**
   * The KBP model (persons, organisations, places; trained on AnCora and the CoNLL-2002 training set
   * among others) is the more precise of the two; the AnCora model adds the names it alone has a
   * class for (MISC: events, works, laws…) where the first found nothing.
   */
  SPANISH("es", "spanish", 220, "edu/stanford/nlp/models/ner/spanish.kbp.ancora.distsim.s512.crf.ser.gz",
      "edu/stanford/nlp/models/ner/spanish.ancora.distsim.s512.crf.ser.gz"),
  /** CoNLL-2003 German, 4 classes. */
  GERMAN("de", "german", 190, "edu/stanford/nlp/models/ner/german.distsim.crf.ser.gz", null),
  /** WikiNER, 4 classes with B-/I- tags. */
  FRENCH("fr", "french", 160, "edu/stanford/nlp/models/ner/french-wikiner-4class.crf.ser.gz", null),
  /** Persons, organisations, places; by far the largest in memory. */
  ITALIAN("it", "italian", 770, "edu/stanford/nlp/models/ner/italian.crf.ser.gz", null);

  private final String code;
  private final String jarName;
  private final int heapMegabytes;
  private final String model;
  private final String miscModel;

  RecognitionLanguage(String code, String jarName, int heapMegabytes, String model, String miscModel) {
    this.code = code;
    this.jarName = jarName;
    this.heapMegabytes = heapMegabytes;
    this.model = model;
    this.miscModel = miscModel;
  }

  /** ISO 639-1 code, as language detection gives it. */
  public String code() {
    return code;
  }

  /** Live heap the loaded models take, measured (Java 25, after a full GC). */
  public int heapMegabytes() {
    return heapMegabytes;
  }

  /** The CRF model (a classpath resource). */
  public String model() {
    return model;
  }

  /** A second model whose MISC mentions fill gaps the first left, or null. */
  public String miscModel() {
    return miscModel;
  }

  /**
   * Words that open a sentence without naming anything, from Lucene's stop list for the language
   * (English keeps the recogniser's own list); null for English.
   */
  CharArraySet functionWords() {
    return this == ENGLISH ? null : LanguageText.stopWords(code);
  }

  /**
   * Whether a mention with no capital letter is a name. English writes adjectives of names with one
   * ("German"), so its models' MISC of that kind are kept (and linked as demonyms). Spanish, French
   * and Italian write them in lower case ("alemán", "française"), and German capitalises every noun,
   * so there a mention with no capital at all ("deutschen") is an adjective the model took for a name.
   */
  boolean lowerCaseMayName() {
    return this == ENGLISH;
  }

  /** The model jar's dictionary of the language's names of English Wikipedia articles, or null. */
  String wikipediaNames() {
    return this == SPANISH ? "edu/stanford/nlp/models/kbp/spanish/wikidict_spanish.tsv" : null;
  }

  /** German capitalises every noun, not only names. */
  public boolean capitalisesNouns() {
    return this == GERMAN;
  }

  /** The Maven artifact that carries the model: stanford-corenlp with this classifier. */
  public String mavenClassifier() {
    return this == ENGLISH ? "models" : "models-" + jarName;
  }

  /** Whether the model is on the classpath (its jar is in the build). */
  public boolean installed() {
    return RecognitionLanguage.class.getClassLoader().getResource(model) != null;
  }

  /** The language of a tag such as "es", "es-MX" or "de_AT". */
  public static Optional<RecognitionLanguage> of(String tag) {
    String code = LanguageText.baseCode(tag);
    return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
  }
}
