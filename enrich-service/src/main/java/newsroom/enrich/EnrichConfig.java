package newsroom.enrich;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import newsroom.enrich.entities.CoreNlpRecognizer;
import newsroom.enrich.entities.RecognitionLanguage;
import newsroom.enrich.stories.StoryAssigner;
import newsroom.enrich.topics.CorpusTopics;
import newsroom.service.KafkaSettings;
import newsroom.service.Settings;

/** enrich-service settings (environment variables, documented defaults). */
public record EnrichConfig(KafkaSettings kafka, int port, String applicationId, Path stateDir, int threads, String nerModel,
                           Set<RecognitionLanguage> languages,
                           int duplicateWindowDays, int storyWindowDays, int storyFadeHours, int topicCorpusArticles,
                           int commitIntervalMs, int standbyReplicas, boolean transactionalState, String instanceId,
                           Path knowledgeBaseDir) {

  /** The Kafka Streams application id (and consumer group) unless ENRICH_APPLICATION_ID says otherwise. */
  public static final String DEFAULT_APPLICATION_ID = "newsroom-enrich";
  /** Measured with ./newsroom bench (see the README's "Cost per article"). */
  public static final int DEFAULT_COMMIT_INTERVAL_MS = 500;

  public static EnrichConfig from(Settings settings) {
    EnrichConfig config = new EnrichConfig(
        KafkaSettings.from(settings),
        settings.integer("ENRICH_PORT", 8082, 0, 65_535, "HTTP port of health and metrics (0 = any free port)"),
        settings.string("ENRICH_APPLICATION_ID", DEFAULT_APPLICATION_ID,
            "Kafka Streams application id: consumer group and prefix of internal topics"),
        Path.of(settings.string("ENRICH_STATE_DIR", System.getProperty("java.io.tmpdir") + "/newsroom-enrich",
            "Directory of local state (RocksDB); rebuilt from Kafka when lost")),
        settings.integer("ENRICH_THREADS", Runtime.getRuntime().availableProcessors(), 1, 256,
            "Stream threads; NER is CPU-bound, so one per core (more than the partitions is useless)"),
        settings.string("ENRICH_NER_MODEL", CoreNlpRecognizer.DEFAULT_MODEL,
            "CoreNLP CRF model: a classpath resource or a file path"),
        settings.custom("ENRICH_LANGUAGES", installedLanguages(),
            "Languages whose entities are recognised (English always), each model loaded on the first article in it",
            EnrichConfig::languages),
        settings.integer("ENRICH_DUPLICATE_WINDOW_DAYS", 30, 1, 3_650,
            "How long an article stays the reference for later (near) copies"),
        settings.integer("ENRICH_STORY_WINDOW_DAYS", 30, 1, 3_650,
            "How long an article can still draw later articles into its story (memory grows with it)"),
        settings.integer("ENRICH_STORY_FADE_HOURS", 24, 1, 24 * 365,
            "How fast a story that gets no new articles loses its pull (its weight falls by e in this time)"),
        settings.integer("ENRICH_TOPIC_CORPUS_ARTICLES", CorpusTopics.DEFAULT_CAPACITY, 0, 100_000,
            "How many recent articles the default topic classifier adapts to (0 = lexicon only)"),
        settings.integer("ENRICH_COMMIT_INTERVAL_MS", DEFAULT_COMMIT_INTERVAL_MS, 10, 60_000,
            "How often the exactly-once transactions commit: longer costs less CPU, and adds up to as much latency"
                + " to each of the topology's two hops"),
        settings.integer("ENRICH_STANDBY_REPLICAS", 0, 0, 10,
            "Copies of each task's state other instances keep up to date, so that one takes over a crashed instance's"
                + " work without rebuilding it (1 when running two or more instances)"),
        settings.flag("ENRICH_TRANSACTIONAL_STATE", true, "Keep uncommitted writes out of the local stores until their"
            + " transaction commits, so that a crashed instance restores only what changed since its last commit instead of"
            + " wiping its state and rebuilding it from the changelogs"),
        settings.optional("ENRICH_INSTANCE_ID",
            "Stable, unique name of this instance (e.g. the pod name): a restarted instance takes its partitions back at once"),
        Optional.ofNullable(settings.optional("ENRICH_KB_DIR", "Folder of the knowledge bases imported from Wikidata"
            + " (./newsroom kb import); the published version is linked against, and a newer one is switched to within"
            + " a minute")).map(Path::of).orElse(null));
    settings.validate();
    return config;
  }

  /** The languages whose models the build includes, English first: "en,es,de" by default. */
  static String installedLanguages() {
    return Arrays.stream(RecognitionLanguage.values()).filter(RecognitionLanguage::installed)
        .map(RecognitionLanguage::code).collect(Collectors.joining(","));
  }

  static Set<RecognitionLanguage> languages(String list) {
    Set<RecognitionLanguage> languages = EnumSet.of(RecognitionLanguage.ENGLISH);
    for (String code : list.split(",")) {
      if (code.isBlank()) {
        continue;
      }
      RecognitionLanguage language = RecognitionLanguage.of(code).orElseThrow(() -> new IllegalArgumentException(
          "no recognition model for '" + code.strip() + "'; the languages are "
              + Arrays.stream(RecognitionLanguage.values()).map(RecognitionLanguage::code).collect(Collectors.joining(", "))));
      if (!language.installed()) {
        throw new IllegalArgumentException("the " + language.code() + " model (stanford-corenlp "
            + language.mavenClassifier() + ") is not in this build; build with ./mvnw -Pmore-languages package");
      }
      languages.add(language);
    }
    return languages;
  }

  public EnrichTopology.Settings topology() {
    return new EnrichTopology.Settings(kafka.partitions(), Duration.ofDays(duplicateWindowDays),
        StoryAssigner.liveSettings(Duration.ofHours(storyFadeHours)), Duration.ofDays(storyWindowDays),
        topicCorpusArticles, true);
  }
}
