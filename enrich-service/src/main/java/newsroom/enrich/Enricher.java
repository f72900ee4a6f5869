package newsroom.enrich;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.enrich.entities.EntityLinker;
import newsroom.enrich.entities.EntityRecognizer;
import newsroom.enrich.entities.Gazetteer;
import newsroom.enrich.entities.RecognitionLanguage;
import newsroom.enrich.entities.Recognizers;
import newsroom.enrich.entities.EntityResolver;
import newsroom.enrich.entities.Span;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.EnrichmentInfo;
import newsroom.events.TopicAssignment;
import newsroom.enrich.topics.DeskLexiconClassifier;
import newsroom.enrich.topics.DetailedTopics;
import newsroom.enrich.topics.MediaTopics;
import newsroom.enrich.topics.TopicClassifier;
import newsroom.enrich.topics.TopicRules;
import newsroom.enrich.topics.TopicScore;
import newsroom.events.Entity;
import java.util.stream.Collectors;
import newsroom.enrich.topics.TopicText;
import newsroom.kb.KnowledgeBase;
import newsroom.text.LanguageText;

/** The enrichment of one article: a pure function of the article, the models and the knowledge base. */
public final class Enricher {
  public static final String VERSION = "2";

  private static final Pattern PARAGRAPH = Pattern.compile("[^\\n]+(?:\\n[^\\n]+)*");

  private final Recognizers recognizers;
  private final EntityResolver resolver = new EntityResolver();
  private final EntityLinker linker = new EntityLinker();
  private final Supplier<KnowledgeBase> knowledgeBase;
  private final Supplier<TopicClassifier> topics;
  private final TopicRules topicRules;
  private final DetailedTopics detailedTopics = new DetailedTopics(MediaTopics.load());
  private final Clock clock;
  private final StageTimers stages;

  /** An English-only enricher with the starter knowledge base and the shipped topic classifier. */
  public Enricher(EntityRecognizer recognizer, Clock clock) {
    this(Recognizers.englishOnly(recognizer), clock);
  }

  /** An enricher of these languages with the starter knowledge base and the shipped topic classifier. */
  public Enricher(Recognizers recognizers, Clock clock) {
    this(recognizers, clock, KnowledgeBase.starter());
  }

  /** An enricher of these languages with this knowledge base and the shipped topic classifier. */
  public Enricher(Recognizers recognizers, Clock clock, KnowledgeBase knowledgeBase) {
    this(recognizers, clock, constant(knowledgeBase), constant(DeskLexiconClassifier.load()), new TopicRules(),
        StageTimers.NONE);
  }

  /**
   * An enricher whose knowledge base, topic classifier and topic rules change at runtime (asked afresh
   * per article); recognition and topics are timed as stages "entities" and "topics".
   */
  public Enricher(Recognizers recognizers, Clock clock, Supplier<KnowledgeBase> knowledgeBase,
                  Supplier<TopicClassifier> topics, TopicRules topicRules, StageTimers stages) {
    this.recognizers = recognizers;
    this.clock = clock;
    this.knowledgeBase = knowledgeBase;
    this.topics = topics;
    this.topicRules = topicRules;
    this.stages = stages;
  }

  private static <T> Supplier<T> constant(T value) {
    return () -> value;
  }

  /** The event as it travels between the topology's stages, before entities are known. */
  public static ArticleEnriched pending(ArticleIngested article, int revision, long eventVersion) {
    return ArticleEnriched.newBuilder()
        .setArticle(article)
        .setRevision(revision)
        .setEventVersion(eventVersion)
        .setEntities(List.of())
        .setTopics(List.of()) // set, not defaulted: Avro copies defaults by reflection, which needs class trust
        .setKeywords(List.of())
        .setRelated(List.of())
        .setTeasers(List.of())
        .setEnrichment(EnrichmentInfo.newBuilder().setVersion(VERSION).setNerModel("pending")
            .setEnrichedAt(article.getIngestedAt()).build())
        .build();
  }

  public ArticleEnriched enrich(ArticleIngested article, int revision, long eventVersion) {
    return enrich(pending(article, revision, eventVersion));
  }

  /** Adds entities and provenance to an event (keeping what earlier stages found, e.g. duplicates). */
  public ArticleEnriched enrich(ArticleEnriched event) {
    return enrichKeepingTerms(event).event();
  }

  /**
   * {@link #enrich}, and what the single all-articles partition would otherwise read off the text
   * again: the topic terms and the duplicate fingerprint (timed as stage "duplicates").
   */
  public Analysed analyse(ArticleEnriched event) {
    Analysed enriched = enrichKeepingTerms(event);
    return stages.time("duplicates", () -> Analysed.of(enriched.event(), enriched.topicTerms()));
  }

  private Analysed enrichKeepingTerms(ArticleEnriched event) {
    ArticleIngested article = event.getArticle();
    String body = article.getBody();
    String text = article.getTitle() + "\n" + body;
    Optional<EntityRecognizer> recognizer = recognizers.forLanguage(article.getLanguage());
    String none = "none (language " + article.getLanguage() + ")";
    // No recognition model for the language: any would only invent entities.
    List<Entity> entities = recognizer.isEmpty() ? List.of() : recognize(recognizer.get(), article, body);
    String nerModel = recognizer.map(EntityRecognizer::modelName).orElse(none);
    Set<String> entityIds = entities.stream().map(Entity::getId).collect(Collectors.toSet());
    if (!english(article.getLanguage())) {
      Optional<DeskLexiconClassifier> lexicon = DeskLexiconClassifier.forLanguage(article.getLanguage());
      List<TopicAssignment> topicList = stages.time("topics", () -> assignments(lexicon
          .map(l -> l.classify(TopicText.terms(text, article.getLanguage()))).orElse(List.of()), entityIds, text));
      return new Analysed(copyOf(event).setEntities(entities).setTopics(topicList)
          .setEnrichment(info(nerModel, lexicon.map(DeskLexiconClassifier::name).orElse(none))).build(), null, null);
    }
    TopicClassifier classifier = topics.get();
    List<String> terms = new ArrayList<>();
    List<TopicAssignment> topicList = stages.time("topics", () -> {
      terms.addAll(TopicText.terms(text));
      List<TopicScore> decided = new ArrayList<>(classifier.classify(terms));
      decided.addAll(detailedTopics.find(terms));
      return assignments(decided, entityIds, text);
    });
    return new Analysed(copyOf(event)
        .setEntities(entities)
        .setTopics(topicList)
        .setEnrichment(info(nerModel, classifier.name()))
        .build(), terms, null);
  }

  private List<Entity> recognize(EntityRecognizer recognizer, ArticleIngested article, String body) {
    KnowledgeBase kb = knowledgeBase.get();
    RecognitionLanguage language = RecognitionLanguage.of(article.getLanguage()).orElse(RecognitionLanguage.ENGLISH);
    return stages.time("entities", () -> linker.link(article.getTitle(), body,
        resolver.resolve(article.getTitle(), body, recognizeProse(recognizer, body, kb)), kb, language));
  }

  /** The classifier's topics, then the newsroom's rule topics, as the event carries them. */
  private List<TopicAssignment> assignments(List<TopicScore> classified, Set<String> entityIds, String text) {
    List<TopicScore> decided = new ArrayList<>(classified);
    decided.addAll(topicRules.apply(entityIds, text));
    return decided.stream().map(t -> new TopicAssignment(t.qcode(), t.name(), (float) t.confidence(), t.evidence())).toList();
  }

  private EnrichmentInfo info(String nerModel, String topicModel) {
    return EnrichmentInfo.newBuilder().setVersion(VERSION).setNerModel(nerModel).setTopicModel(topicModel)
        .setEnrichedAt(clock.instant()).build();
  }

  /** No language is taken for English: most of what newsrooms send without one is. */
  private static boolean english(String language) {
    String code = LanguageText.baseCode(language);
    return code == null || code.equals("en");
  }

  /**
   * A builder holding the event's values. Avro's own copy (newBuilder(other)) deep-copies through
   * reflection, which Avro allows only once the event classes are declared trusted; a shallow copy
   * of immutable values needs neither.
   */
  public static ArticleEnriched.Builder copyOf(ArticleEnriched event) {
    return ArticleEnriched.newBuilder()
        .setArticle(event.getArticle())
        .setRevision(event.getRevision())
        .setEventVersion(event.getEventVersion())
        .setEntities(event.getEntities())
        .setEnrichment(event.getEnrichment())
        .setDuplicateOf(event.getDuplicateOf())
        .setNearDuplicateOf(event.getNearDuplicateOf())
        .setNearDuplicateSimilarity(event.getNearDuplicateSimilarity())
        .setTopics(event.getTopics())
        .setStoryId(event.getStoryId())
        .setKeywords(event.getKeywords())
        .setRelated(event.getRelated())
        .setTeasers(event.getTeasers());
  }

  /**
   * Runs the model paragraph by paragraph, so that no mention spans a paragraph break, and only
   * on prose. Headings give the model no case cues (it mistakes title-case words for names
   * there): in those, the knowledge base's names are looked up instead.
   */
  private static List<Span> recognizeProse(EntityRecognizer recognizer, String body, KnowledgeBase kb) {
    List<Span> spans = new ArrayList<>();
    Matcher paragraph = PARAGRAPH.matcher(body);
    while (paragraph.find()) {
      String text = paragraph.group();
      int offset = paragraph.start();
      if (isHeading(text)) {
        shift(Gazetteer.find(text, kb), offset, spans);
        continue;
      }
      shift(recognizer.recognize(text), offset, spans);
    }
    return spans;
  }

  private static void shift(List<Span> found, int offset, List<Span> out) {
    for (Span span : found) {
      out.add(new Span(span.type(), span.start() + offset, span.end() + offset, span.text()));
    }
  }

  private static boolean isHeading(String paragraph) {
    String trimmed = paragraph.strip();
    char last = trimmed.charAt(trimmed.length() - 1);
    return trimmed.split("\\s+").length <= 12 && ".!?:;\"”’)…".indexOf(last) < 0;
  }
}
