package newsroom.enrich.entities;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recogniser of each enabled language, loaded on the first article in that language: a model
 * takes 160–770 MB of heap ({@link RecognitionLanguage#heapMegabytes}), so a newsroom that never
 * sends German never pays for German. A model that would not fit in the heap left is not loaded (the
 * service would die of it, and again on the same article after every restart): articles in its
 * language then get no entities, and the log says how much heap to add.
 */
public final class Recognizers {
  private static final Logger LOG = LoggerFactory.getLogger(Recognizers.class);

  private final EntityRecognizer english;
  private final Set<RecognitionLanguage> enabled;
  private final Function<RecognitionLanguage, EntityRecognizer> loader;
  private final LongSupplier heapLeftMegabytes;
  private final Map<RecognitionLanguage, Optional<EntityRecognizer>> loaded = new ConcurrentHashMap<>();

  Recognizers(EntityRecognizer english, Set<RecognitionLanguage> enabled,
              Function<RecognitionLanguage, EntityRecognizer> loader, LongSupplier heapLeftMegabytes) {
    this.english = english;
    this.enabled = enabled.isEmpty() ? EnumSet.noneOf(RecognitionLanguage.class) : EnumSet.copyOf(enabled);
    this.loader = loader;
    this.heapLeftMegabytes = heapLeftMegabytes;
  }

  /** English alone (with this recogniser): what tests and English-only tools need. */
  public static Recognizers englishOnly(EntityRecognizer english) {
    return new Recognizers(english, Set.of(RecognitionLanguage.ENGLISH), l -> english, () -> Long.MAX_VALUE);
  }

  /** English with {@code english}, and the shipped models of the other enabled languages. */
  public static Recognizers of(EntityRecognizer english, Set<RecognitionLanguage> enabled) {
    return new Recognizers(english, enabled, language -> {
      long start = System.nanoTime();
      EntityRecognizer recognizer = CoreNlpRecognizer.load(language);
      LOG.info("loaded the {} recognition model in {} ms: {}", language.code(),
          (System.nanoTime() - start) / 1_000_000, recognizer.modelName());
      return recognizer;
    }, Recognizers::heapLeftMegabytes);
  }

  /** What the heap has room for, once what can be collected is: measured once per language and process. */
  private static long heapLeftMegabytes() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    return (runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory())) >> 20;
  }

  /** The model if the heap has room for it, with a quarter to spare. */
  private Optional<EntityRecognizer> load(RecognitionLanguage language) {
    long left = heapLeftMegabytes.getAsLong();
    long needed = language.heapMegabytes() * 5L / 4;
    if (left < needed) {
      LOG.error("not loading the {} recognition model: it needs about {} MB of heap and {} MB are left;"
          + " articles in {} get no entities until enrich-service runs with a larger heap (-Xmx, or ./newsroom up"
          + " --enrich-heap) or without {} in ENRICH_LANGUAGES", language.code(), needed, left, language.code(),
          language.code());
      return Optional.empty();
    }
    return Optional.of(loader.apply(language));
  }

  /**
   * The recogniser for an article's language tag; none for a language not enabled. An article
   * without a language is taken for English: most of what newsrooms send without one is.
   */
  public Optional<EntityRecognizer> forLanguage(String tag) {
    if (tag == null || tag.isBlank()) {
      return Optional.of(english);
    }
    return RecognitionLanguage.of(tag).filter(enabled::contains).flatMap(language ->
        language == RecognitionLanguage.ENGLISH ? Optional.of(english) : loaded.computeIfAbsent(language, this::load));
  }

  public Set<RecognitionLanguage> enabled() {
    return Set.copyOf(enabled);
  }
}
