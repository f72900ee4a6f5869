package newsroom.enrich;

import static newsroom.enrich.entities.RecognitionLanguage.ENGLISH;
import static newsroom.enrich.entities.RecognitionLanguage.GERMAN;
import static newsroom.enrich.entities.RecognitionLanguage.SPANISH;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import newsroom.enrich.entities.CoreNlpRecognizer;
import newsroom.enrich.entities.Recognizers;
import newsroom.enrich.entities.KnowledgeBaseTable;
import newsroom.enrich.topics.TopicAdapter;
import newsroom.enrich.topics.TopicModelTable;
import newsroom.enrich.stories.StoryAssigner;
import newsroom.enrich.stories.StoryClusterer;
import newsroom.enrich.topics.TopicText;
import newsroom.enrich.topics.TrainedTopicModel;
import newsroom.events.TopicModel;
import newsroom.events.TopicRule;
import newsroom.events.TopicAssignment;
import java.io.StringWriter;
import java.util.ArrayList;
import newsroom.events.AlertArticle;
import newsroom.events.AlertEvent;
import newsroom.events.AlertKind;
import newsroom.events.AlertSubscription;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.events.Entity;
import newsroom.events.EntityType;
import newsroom.events.KnowledgeBaseEntity;
import newsroom.events.ReenrichRequest;
import newsroom.events.RelatedArticle;
import newsroom.events.TeaserLink;
import newsroom.events.StoryChange;
import newsroom.events.StoryEntity;
import newsroom.events.StoryEvent;
import java.util.Map;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrichment topology with the real NER model, a fixed clock and the production stream settings. */
class EnrichTopologyTest {
  /** The topology alone: no registry, events in single-object encoding. */
  private static final EventSerdes SERDES = EventSerdes.withoutRegistry();
  private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
  private static CoreNlpRecognizer recognizer;
  private Enricher enricher;
  private SimpleMeterRegistry metrics;
  private EnrichTopology.Tables tables;

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, ArticleIngested> input;
  private TestOutputTopic<String, ArticleEnriched> output;
  private TestOutputTopic<byte[], byte[]> dlq;
  private TestInputTopic<String, KnowledgeBaseEntity> kb;
  private TestInputTopic<String, ReenrichRequest> requests;
  private TestOutputTopic<String, StoryEvent> stories;

  @BeforeAll
  static void loadModel() {
    recognizer = CoreNlpRecognizer.loadDefault();
  }

  @BeforeEach
  void start() {
    tables = EnrichTopology.Tables.create();
    metrics = new SimpleMeterRegistry();
    enricher = new Enricher(Recognizers.of(recognizer, EnumSet.of(ENGLISH, SPANISH, GERMAN)), Clock.fixed(NOW, ZoneOffset.UTC),
        tables.knowledgeBase(), tables.topicModels(), tables.topicRules(), new StageTimers(metrics));
    EnrichConfig config = new EnrichConfig(new newsroom.service.KafkaSettings("unused:9092", 1, (short) 1, "http://unused:8085"), 0,
        "enrich-test", stateDir, 1, CoreNlpRecognizer.DEFAULT_MODEL,
        Set.of(ENGLISH), 30, 30, 24, 5_000, 100, 0, true, null, null);
    driver = new TopologyTestDriver(EnrichTopology.build(enricher, tables, EnrichTopology.Settings.defaults(1), SERDES, metrics),
        EnrichService.streamsProperties(config));
    input = driver.createInputTopic(Topics.ARTICLES_INGESTED.name(), Serdes.String().serializer(),
        SERDES.values(Topics.ARTICLES_INGESTED).serializer());
    output = driver.createOutputTopic(Topics.ARTICLES_ENRICHED.name(), Serdes.String().deserializer(),
        SERDES.values(Topics.ARTICLES_ENRICHED).deserializer());
    kb = driver.createInputTopic(Topics.ENTITIES_KB.name(), Serdes.String().serializer(),
        SERDES.values(Topics.ENTITIES_KB).serializer());
    stories = driver.createOutputTopic(Topics.STORIES.name(), Serdes.String().deserializer(),
        SERDES.values(Topics.STORIES).deserializer());
    requests = driver.createInputTopic(Topics.ENRICH_REQUESTS.name(), Serdes.String().serializer(),
        SERDES.values(Topics.ENRICH_REQUESTS).serializer());
    dlq = driver.createOutputTopic(Topics.ENRICH_DLQ.name(), Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  static ArticleIngested article(String id, String body, String hash) {
    return article(id, "Summit in Geneva", body, hash);
  }

  static ArticleIngested article(String id, String title, String body, String hash) {
    return ArticleIngested.newBuilder()
        .setId(id).setSource("wire").setTitle(title).setBody(body)
        .setIngestedAt(NOW).setContentHash(hash).setContentFormat(ContentFormat.TEXT).build();
  }

  @Test
  void enrichesAnArticleWithMergedEntities() {
    input.pipeInput("a1", article("a1",
        "German Chancellor Angela Merkel met French President Emmanuel Macron in Geneva on Monday. "
            + "Merkel said the talks with Macron went well, and the United Nations welcomed them.", "h1"));

    ArticleEnriched enriched = output.readValue();
    assertThat(enriched.getRevision()).isEqualTo(1);
    assertThat(enriched.getEventVersion()).isEqualTo(1L);
    assertThat(enriched.getEnrichment().getEnrichedAt()).isEqualTo(NOW);
    assertThat(enriched.getEntities()).extracting(Entity::getName)
        .contains("Angela Merkel", "Emmanuel Macron", "Geneva", "United Nations")
        .doesNotContain("Merkel", "Macron");
    assertThat(output.isEmpty()).isTrue();
  }

  @Test
  void everyStageReportsItsOwnCpuTimePerArticle() {
    input.pipeInput("a1", article("a1", "Angela Merkel met Emmanuel Macron in Geneva on Monday.", "h1"));
    output.readValue();

    for (String stage : List.of("serdes", "revision", "entities", "topics", "topic adaptation", "duplicates", "stories",
        "related articles", "alerts")) {
      io.micrometer.core.instrument.Timer timer = metrics.find(StageTimers.METRIC).tag("stage", stage).timer();
      assertThat(timer).as(stage).isNotNull();
      assertThat(timer.count()).as(stage).isPositive();
    }
    assertThat(metrics.find(StageTimers.METRIC).tag("stage", "entities").timer().count()).isEqualTo(1);
  }

  @Test
  void articlesInALanguageWithoutARecognitionModelGetNoEntitiesOrTopics() {
    ArticleIngested dutch = ArticleIngested.newBuilder(article("nl1", "Nieuwe brug geopend",
        "De nieuwe brug verbindt sinds vandaag de twee oevers van de rivier, zei burgemeester De Vries.", "hd"))
        .setLanguage("nl").build();
    input.pipeInput("nl1", dutch);

    ArticleEnriched enriched = output.readValue();
    assertThat(enriched.getEntities()).isEmpty();
    assertThat(enriched.getTopics()).isEmpty();
    assertThat(enriched.getEnrichment().getNerModel()).isEqualTo("none (language nl)");
  }

  @Test
  void theSameEventInEnglishSpanishAndGermanSharesItsEntitiesAndItsStory() {
    input.pipeInput("en1", language("en", article("en1", "Scholz and Biden agree Kelvarn pipeline deal with Norway",
        "German Chancellor Olaf Scholz and US President Joe Biden agreed on Tuesday to finance the Kelvarn gas pipeline "
            + "from Norway, officials in Berlin said. The United States will guarantee part of the loans. Biden called "
            + "the deal a step towards energy security for Europe, and Scholz agreed.", "m1")));
    input.pipeInput("es1", language("es", article("es1", "Scholz y Biden acuerdan el gasoducto Kelvarn con Noruega",
        "El canciller alemán, Olaf Scholz, y el presidente de Estados Unidos, Joe Biden, acordaron el martes financiar "
            + "el gasoducto Kelvarn desde Noruega, según fuentes oficiales en Berlín. Estados Unidos garantizará parte de "
            + "los préstamos. Biden calificó el acuerdo de paso hacia la seguridad energética de Europa, y Scholz coincidió.", "m2")));
    input.pipeInput("de1", language("de", article("de1", "Scholz und Biden einigen sich mit Norwegen auf Kelvarn-Pipeline",
        "Bundeskanzler Olaf Scholz und US-Präsident Joe Biden haben sich am Dienstag auf die Finanzierung der Gaspipeline "
            + "Kelvarn aus Norwegen geeinigt, hieß es in Berlin. Die Vereinigten Staaten sichern einen Teil der Kredite ab. "
            + "Biden nannte die Vereinbarung einen Schritt zu mehr Energiesicherheit für Europa, Scholz stimmte zu.", "m3")));

    Map<String, ArticleEnriched> byId = new java.util.HashMap<>();
    output.readValuesToList().forEach(e -> byId.put(e.getArticle().getId(), e));
    for (String id : List.of("en1", "es1", "de1")) {
      assertThat(byId.get(id).getEntities()).as(id).filteredOn(Entity::getLinked).extracting(Entity::getId)
          .contains("Q61053", "Q6279", "Q30", "Q64"); // Scholz, Biden, the United States, Berlin
      assertThat(byId.get(id).getStoryId()).as(id).isEqualTo("en1");
    }
    assertThat(byId.get("es1").getEnrichment().getNerModel()).startsWith("corenlp-spanish");
    assertThat(byId.get("de1").getEnrichment().getNerModel()).startsWith("corenlp-german");
    assertThat(byId.get("es1").getKeywords()).as("no Spanish stop words").doesNotContain("el", "de", "los");
    for (String id : List.of("es1", "de1")) {
      assertThat(byId.get(id).getTopics()).as(id).extracting(TopicAssignment::getQcode).contains("medtop:11000000");
      assertThat(byId.get(id).getEnrichment().getTopicModel()).isEqualTo("desk-lexicon-" + id.substring(0, 2) + "-1");
    }
  }

  /**
   * Three more events, each reported in English, Spanish and German (written for this test), in one
   * stream. What joins is what shares linked names: the pact's three reports (Macron, Lula, Brasília,
   * Brazil, France), the floods' English and Spanish ones ("Nueva Delhi" is New Delhi by the Spanish
   * model's dictionary; "Neu-Delhi" is unknown). The talks' reports stay apart: Spanish writes
   * "Zelenski" and German "Selenskyj", names the knowledge base does not hold. No two events ever share
   * a story.
   */
  @Test
  void eventsReportedInSeveralLanguagesJoinByTheirLinkedNamesAndNeverMixEvents() {
    String[][] reports = {
        {"m", "en", "Macron and Lula sign Amazon climate pact in Brasília",
            "French President Emmanuel Macron and Brazilian President Luiz Inácio Lula da Silva signed a pact on Wednesday"
                + " to protect the Amazon rainforest, officials in Brasília said. France will fund research stations. Lula"
                + " said Brazil would halve deforestation, and Macron praised the plan."},
        {"g", "en", "Guterres meets Modi in New Delhi as monsoon floods spread",
            "UN Secretary-General António Guterres met Indian Prime Minister Narendra Modi in New Delhi on Friday as"
                + " monsoon floods spread across India. The United Nations offered emergency aid. Modi thanked Guterres"
                + " for the support."},
        {"e", "en", "Erdoğan hosts Zelenskyy in Istanbul for grain corridor talks",
            "Turkish President Recep Tayyip Erdoğan hosted Ukrainian President Volodymyr Zelenskyy in Istanbul on Monday"
                + " for talks on reopening the Black Sea grain corridor. Turkey offered to guarantee the shipments."
                + " Zelenskyy said Ukraine was ready to resume exports, and Erdoğan called for a ceasefire."},
        {"m", "es", "Macron y Lula firman un pacto climático para la Amazonía en Brasilia",
            "El presidente francés, Emmanuel Macron, y el presidente brasileño, Luiz Inácio Lula da Silva, firmaron el"
                + " miércoles un pacto para proteger la selva amazónica, según fuentes oficiales en Brasilia. Francia"
                + " financiará estaciones de investigación. Lula dijo que Brasil reducirá a la mitad la deforestación, y"
                + " Macron elogió el plan."},
        {"g", "es", "Guterres se reúne con Modi en Nueva Delhi mientras se extienden las inundaciones del monzón",
            "El secretario general de la ONU, António Guterres, se reunió el viernes en Nueva Delhi con el primer ministro"
                + " indio, Narendra Modi, mientras las inundaciones del monzón se extienden por la India. Las Naciones"
                + " Unidas ofrecieron ayuda de emergencia. Modi agradeció a Guterres el apoyo."},
        {"e", "es", "Erdoğan recibe a Zelenski en Estambul para negociar el corredor de cereales",
            "El presidente turco, Recep Tayyip Erdoğan, recibió el lunes en Estambul al presidente ucraniano, Volodímir"
                + " Zelenski, para negociar la reapertura del corredor de cereales del mar Negro. Turquía se ofreció a"
                + " garantizar los envíos. Zelenski dijo que Ucrania está lista para reanudar las exportaciones, y Erdoğan"
                + " pidió un alto el fuego."},
        {"m", "de", "Macron und Lula unterzeichnen Klimapakt für den Amazonas in Brasília",
            "Der französische Präsident Emmanuel Macron und der brasilianische Präsident Luiz Inácio Lula da Silva haben am"
                + " Mittwoch einen Pakt zum Schutz des Amazonas-Regenwaldes unterzeichnet, hieß es in Brasília. Frankreich"
                + " finanziert Forschungsstationen. Lula sagte, Brasilien werde die Abholzung halbieren, und Macron lobte"
                + " den Plan."},
        {"g", "de", "Guterres trifft Modi in Neu-Delhi, Monsunfluten breiten sich aus",
            "UN-Generalsekretär António Guterres hat am Freitag in Neu-Delhi den indischen Premierminister Narendra Modi"
                + " getroffen, während sich die Monsunfluten in Indien ausbreiten. Die Vereinten Nationen boten Nothilfe an."
                + " Modi dankte Guterres für die Unterstützung."},
        {"e", "de", "Erdoğan empfängt Selenskyj in Istanbul zu Gesprächen über Getreidekorridor",
            "Der türkische Präsident Recep Tayyip Erdoğan hat am Montag den ukrainischen Präsidenten Wolodymyr Selenskyj"
                + " in Istanbul empfangen, um über die Wiedereröffnung des Getreidekorridors im Schwarzen Meer zu sprechen."
                + " Die Türkei bot an, die Lieferungen abzusichern. Selenskyj sagte, die Ukraine sei bereit, die Exporte"
                + " wieder aufzunehmen, und Erdoğan rief zu einer Waffenruhe auf."}};
    for (String[] r : reports) {
      String id = r[0] + "-" + r[1];
      input.pipeInput(id, language(r[1], article(id, r[2], r[3], id)));
    }
    Map<String, String> storyOf = new java.util.HashMap<>();
    output.readValuesToList().forEach(e -> storyOf.put(e.getArticle().getId(), e.getStoryId()));
    assertThat(storyOf.get("m-es")).isEqualTo(storyOf.get("m-en"));
    assertThat(storyOf.get("m-de")).isEqualTo(storyOf.get("m-en"));
    assertThat(storyOf.get("g-es")).isEqualTo(storyOf.get("g-en"));
    for (String a : storyOf.keySet()) {
      for (String b : storyOf.keySet()) {
        if (a.charAt(0) != b.charAt(0)) {
          assertThat(storyOf.get(a)).as(a + " and " + b).isNotEqualTo(storyOf.get(b));
        }
      }
    }
  }

  private static ArticleIngested language(String code, ArticleIngested article) {
    return ArticleIngested.newBuilder(article).setLanguage(code).build();
  }

  @Test
  void anExactRedeliveryIsNotEmittedAgainButAChangedArticleIsANewRevision() {
    input.pipeInput("a1", article("a1", "Angela Merkel spoke in Berlin.", "h1"));
    input.pipeInput("a1", article("a1", "Angela Merkel spoke in Berlin.", "h1"));
    input.pipeInput("a1", article("a1", "Angela Merkel spoke in Berlin on Tuesday.", "h2"));

    List<ArticleEnriched> events = output.readValuesToList();
    assertThat(events).extracting(ArticleEnriched::getRevision).containsExactly(1, 2);
    assertThat(events).extracting(ArticleEnriched::getEventVersion).containsExactly(1L, 2L);
  }

  /** TopologyTestDriver does not route deserialization failures to the DLQ; EnrichPipelineIT checks that on a broker. */
  @Test
  void unreadableRecordsAreSetAsideAndTheStreamGoesOn() {
    var raw = driver.createInputTopic(Topics.ARTICLES_INGESTED.name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    raw.pipeInput("a0".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
    input.pipeInput("a2", article("a2", "Emmanuel Macron visited Lyon.", "h3"));

    assertThat(output.readValuesToList()).extracting(e -> e.getArticle().getId()).containsExactly("a2");
  }

  @Test
  void recordsThatFailProcessingGoToTheDeadLetterTopicToo() {
    input.pipeInput("wrong-key", article("a3", "Angela Merkel spoke.", "h4"));
    input.pipeInput("a4", article("a4", "Emmanuel Macron spoke.", "h5"));

    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    assertThat(header(dead, "__streams.errors.message")).contains("differs from article id");
    assertThat(header(dead, "__streams.errors.topic")).isEqualTo(Topics.ARTICLES_INGESTED.name());
    assertThat(SERDES.read(Topics.ARTICLES_INGESTED, dead.value()).getId()).isEqualTo("a3");
    assertThat(output.readValue().getArticle().getId()).isEqualTo("a4");
  }

  @Test
  void anExactCopyUnderAnotherUrlPointsAtTheFirst() {
    String text = "The harbour reopened on Sunday after the storm. Ferries will run on a reduced timetable until "
        + "Wednesday while engineers inspect the damaged quays and cranes.";
    input.pipeInput("first", article("first", text, "h-a"));
    input.pipeInput("copy", article("copy", text + " ", "h-b"));
    List<ArticleEnriched> events = output.readValuesToList();
    assertThat(events.get(0).getDuplicateOf()).isNull();
    assertThat(events.get(1).getDuplicateOf()).isEqualTo("first");
  }

  @Test
  void aLightlyEditedWireCopyIsANearDuplicateOfTheFirstAndAnotherStoryIsNot() {
    String wire = "Officials in Lisbon said on Monday that the new bridge over the Tagus river would open to traffic "
        + "next spring, two years later than planned, after engineers found problems with the foundations of two "
        + "pillars. The city council approved an extra budget of forty million euros for the repairs, and the "
        + "transport minister promised that tolls would not rise when the crossing finally opens to drivers.";
    input.pipeInput("w1", article("w1", wire, "h1"));
    input.pipeInput("w2", article("w2", wire.replace("said on Monday", "said late on Monday"), "h2"));
    input.pipeInput("other", article("other", "Angela Merkel visited a car factory in Leipzig on Thursday and spoke "
        + "with workers about the future of electric vehicles, batteries and jobs in eastern Germany.", "h3"));

    List<ArticleEnriched> events = output.readValuesToList();
    assertThat(events.get(0).getNearDuplicateOf()).isNull();
    assertThat(events.get(1).getNearDuplicateOf()).isEqualTo("w1");
    assertThat(events.get(1).getNearDuplicateSimilarity()).isGreaterThan(0.8f);
    assertThat(events.get(2).getNearDuplicateOf()).isNull();
    assertThat(events.get(2).getDuplicateOf()).isNull();
  }

  @Test
  void shortItemsOfOneTemplateAreNotTakenForNearCopies() {
    for (int i = 0; i < 20; i++) { // 38 words each, differing by a number: a shingle overlap of 0.74
      input.pipeInput("t" + i, article("t" + i, "Harbour story number " + i, "Reporters in the harbour town confirmed on "
          + "Monday that story " + i + " of the series is developing, and the council promised a full statement before the "
          + "weekend.\n\nFishermen said the new quay would change how the town works, and most welcomed the plan.", "ht" + i));
    }
    assertThat(output.readValuesToList()).extracting(ArticleEnriched::getNearDuplicateOf).containsOnlyNulls();
  }

  @Test
  void aCopyOfANearCopyNamesTheGroupAndCopiesJoinTheirOriginalsStoryWithoutCountingInIt() {
    String wire = "Officials in Lisbon said on Monday that the new bridge over the Tagus river would open to traffic "
        + "next spring, two years later than planned, after engineers found problems with the foundations of two "
        + "pillars. The city council approved an extra budget of forty million euros for the repairs, and the "
        + "transport minister promised that tolls would not rise when the crossing finally opens to drivers.";
    String edited = wire.replace("said on Monday", "said late on Monday");
    input.pipeInput("w1", article("w1", wire, "h1"));
    input.pipeInput("w2", article("w2", edited, "h2"));
    String story = output.readValuesToList().getLast().getStoryId();
    stories.readValuesToList();
    input.pipeInput("w3", article("w3", edited + " ", "h3")); // the edited copy, republished elsewhere

    ArticleEnriched copy = output.readValuesToList().getLast();
    assertThat(copy.getDuplicateOf()).isEqualTo("w2");
    assertThat(copy.getNearDuplicateOf()).isEqualTo("w1");
    assertThat(copy.getNearDuplicateSimilarity()).isGreaterThan(0.8f);
    assertThat(copy.getStoryId()).isNotNull().isEqualTo(story);
    assertThat(stories.readValuesToList()).isEmpty(); // the story did not grow: the same text again is not news
  }

  @Test
  void articlesOlderThanTheDuplicateWindowAreForgottenWithTheirBands() {
    String wire = "Officials in Lisbon said on Monday that the new bridge over the Tagus river would open to traffic "
        + "next spring, two years later than planned, after engineers found problems with the foundations of two "
        + "pillars. The city council approved an extra budget of forty million euros for the repairs.";
    input.pipeInput("w1", article("w1", wire, "h1")); // ingested at NOW, more than 30 days before the driver's wall clock
    KeyValueStore<String, String> bands = driver.getKeyValueStore(newsroom.enrich.duplicates.DuplicateFinder.BANDS);
    KeyValueStore<String, String> signatures = driver.getKeyValueStore(newsroom.enrich.duplicates.DuplicateFinder.SIGNATURES);
    assertThat(bands.approximateNumEntries()).isPositive();

    driver.advanceWallClockTime(java.time.Duration.ofMinutes(61)); // the hourly clean-up

    try (var left = bands.all(); var kept = signatures.all()) {
      assertThat(left.hasNext()).as("band buckets left behind").isFalse();
      assertThat(kept.hasNext()).isFalse();
    }
    input.pipeInput("w2", article("w2", wire.replace("said on Monday", "said late on Monday"), "h2"));
    assertThat(output.readValuesToList()).last().satisfies(e -> assertThat(e.getNearDuplicateOf()).isNull());
  }

  @Test
  void everyProcessorStoreAndTopicKeepsItsName() {
    Topology topology = EnrichTopology.build(enricher, tables,
        EnrichTopology.Settings.defaults(3), SERDES, new SimpleMeterRegistry());
    String description = topology.describe().toString();
    assertThat(description)
        .contains("Source: read-ingested-articles (topics: [news.articles.ingested])")
        .contains("Source: read-enrich-requests (topics: [news.enrich.requests])")
        .contains("Source: read-knowledge-base-source (topics: [news.entities.kb])")
        .contains("Processor: read-knowledge-base (stores: [entities-kb])")
        .contains("Processor: read-topic-models (stores: [topic-models])")
        .contains("Processor: read-topic-rules (stores: [topic-rules])")
        .containsPattern("Processor: assign-revision \\(stores: \\[(article-versions|articles), (article-versions|articles)]\\)")
        .contains("Sink: all-articles-repartition-sink (topic: all-articles-repartition)")
        .contains("Processor: adapt-topics (stores: [topic-corpus])")
        .contains("Processor: raise-alerts (stores: [alert-stories])")
        .contains("Sink: write-alerts (topic: news.alerts)")
        .contains("Processor: read-alert-subscriptions (stores: [alert-subscriptions])")
        .containsPattern("Processor: find-duplicates \\(stores: \\[(duplicates-(by-text|titles|signatures|bands)(, )?){4}]\\)")
        .contains("Processor: assign-story (stores: [story-articles])")
        .containsPattern("Processor: relate-articles \\(stores: \\[(related-articles|keyword-frequencies), (related-articles|keyword-frequencies)]\\)")
        .contains("Sink: write-story-events (topic: news.stories)")
        .contains("Sink: write-reenrich-requests (topic: news.enrich.requests)")
        .contains("Processor: recognise-entities (stores: [])")
        .doesNotContain("articles-by-id")
        .contains("Sink: write-enriched-articles (topic: news.articles.enriched)");
  }

  @Test
  void linksToTheStarterKnowledgeBase() {
    input.pipeInput("k1", article("k1", "Russian President Vladimir Putin met North Korean leader Kim Jong Un in "
        + "Pyongyang on Wednesday. Putin said Russia and North Korea would build a road bridge.", "h1"));

    List<Entity> entities = output.readValue().getEntities();
    assertThat(entities).filteredOn(Entity::getLinked).extracting(Entity::getId)
        .contains("Q7747", "Q56226", "Q18808", "Q159", "Q423");
    Entity putin = entities.stream().filter(e -> e.getId().equals("Q7747")).findFirst().orElseThrow();
    assertThat(putin.getName()).isEqualTo("Vladimir Putin");
    assertThat(putin.getMentionCount()).isEqualTo(2);
  }

  @Test
  void aKnowledgeBaseCorrectionAppliesToNewArticlesAndToPastOnesOnRequest() {
    String text = "Kim Yo-jong, the sister of the leader, criticised the drills. Kim Yo-jong said talks were over.";
    input.pipeInput("p1", article("p1", text, "h1"));
    assertThat(entity(output.readValue(), "Kim Yo-jong").getId()).isEqualTo("person:kim-yo-jong");

    kb.pipeInput("Q999999", KnowledgeBaseEntity.newBuilder().setId("Q999999").setName("Kim Yo-jong")
        .setType(EntityType.PERSON).setUpdatedAt(NOW).build());
    input.pipeInput("p2", article("p2", text + " Seoul did not answer.", "h2"));
    ArticleEnriched fresh = output.readValue();
    assertThat(entity(fresh, "Kim Yo-jong").getId()).isEqualTo("Q999999");
    assertThat(entity(fresh, "Kim Yo-jong").getLinked()).isTrue();

    requests.pipeInput("p1", new ReenrichRequest("p1", "knowledge-base entry Q999999 changed", NOW));
    requests.pipeInput("never-seen", new ReenrichRequest("never-seen", "test", NOW));
    List<ArticleEnriched> again = output.readValuesToList();
    assertThat(again).hasSize(1);
    assertThat(again.get(0).getRevision()).isEqualTo(1);
    assertThat(again.get(0).getEventVersion()).isEqualTo(2L);
    assertThat(entity(again.get(0), "Kim Yo-jong").getId()).isEqualTo("Q999999");

    kb.pipeInput("Q999999", null); // reverting the correction
    input.pipeInput("p3", article("p3", text + " Tokyo protested.", "h3"));
    assertThat(entity(output.readValue(), "Kim Yo-jong").getId()).isEqualTo("person:kim-yo-jong");
  }

  @Test
  void articlesAboutOneEventShareAStoryThatGrowsAndAnUnrelatedOneDoesNot() {
    input.pipeInput("b1", article("b1", "Putin and Kim open Tumen road bridge", "Vladimir Putin opened it.", "h1"));
    input.pipeInput("b2", article("b2", "Russia and North Korea open road bridge over the Tumen",
        "Vladimir Putin watched trucks cross.", "h2"));
    input.pipeInput("x1", article("x1", "Lisbon harbour closed after storm damage", "Ferries stopped.", "h3"));
    input.pipeInput("b3", article("b3", "Tumen bridge: Kim and Putin hail new road link", "A ceremony was held.", "h4"));

    Map<String, String> storyOf = new java.util.HashMap<>();
    output.readValuesToList().forEach(e -> storyOf.put(e.getArticle().getId(), e.getStoryId()));
    assertThat(storyOf.get("b1")).isEqualTo("b1");
    assertThat(storyOf.get("b2")).isEqualTo("b1");
    assertThat(storyOf.get("b3")).isEqualTo("b1");
    assertThat(storyOf.get("x1")).isEqualTo("x1");

    List<StoryEvent> changes = stories.readValuesToList().stream().filter(s -> s.getStoryId().equals("b1")).toList();
    assertThat(changes).extracting(StoryEvent::getChange)
        .containsExactly(StoryChange.STARTED, StoryChange.GREW, StoryChange.GREW);
    assertThat(changes).extracting(StoryEvent::getArticleCount).containsExactly(1, 2, 3);
    assertThat(changes.get(2).getArticleIds()).containsExactly("b1", "b2", "b3");
    assertThat(changes.get(2).getTitle()).isEqualTo("Tumen bridge: Kim and Putin hail new road link");
    assertThat(changes.get(2).getTopEntities()).first().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("Vladimir Putin");
      assertThat(e.getArticleCount()).isEqualTo(2);
    });

    input.pipeInput("b2", article("b2", "Russia and North Korea open road bridge over the Tumen", "Trucks crossed it.", "h5"));
    assertThat(output.readValue().getStoryId()).isEqualTo("b1"); // a new revision keeps its story
  }

  @Test
  void anArticleOlderThanTheStoryWindowIsForgottenAndTheEventStartsAgain() {
    ArticleIngested old = article("old", "Putin and Kim open Tumen road bridge", "Vladimir Putin opened it.", "h1");
    old.setPublishedAt(NOW.minus(java.time.Duration.ofDays(40)));
    input.pipeInput("old", old);
    KeyValueStore<String, String> log = driver.getKeyValueStore(StoryAssigner.STORE);
    assertThat(log.approximateNumEntries()).isEqualTo(1);

    input.pipeInput("new", article("new", "Putin and Kim open Tumen road bridge", "Vladimir Putin watched.", "h2"));

    Map<String, String> storyOf = new java.util.HashMap<>();
    output.readValuesToList().forEach(e -> storyOf.put(e.getArticle().getId(), e.getStoryId()));
    assertThat(storyOf).containsEntry("old", "old").containsEntry("new", "new");
    assertThat(stories.readValuesToList()).last().satisfies(s -> {
      assertThat(s.getChange()).isEqualTo(StoryChange.STARTED);
      assertThat(s.getArticleIds()).containsExactly("new");
    });
    try (var kept = log.all()) {
      assertThat(kept).toIterable().extracting(kv -> kv.value.split("\t")[0]).containsExactly("new");
    }
  }

  @Test
  void articlesOnTheSameSubjectListEachOtherAsRelatedWithReasonsButCopiesAreNotRelated() {
    String first = "Vladimir Putin and Kim Jong Un opened a road bridge over the Tumen river on Wednesday. "
        + "The bridge links Russia and North Korea. Putin said the bridge would carry trucks and buses.";
    String second = "Kim Jong Un thanked Vladimir Putin as the Tumen road bridge opened. North Korea and Russia "
        + "expect freight to cross the bridge daily, Kim said.";
    input.pipeInput("r1", article("r1", "Putin and Kim open Tumen road bridge", first, "h1"));
    input.pipeInput("r2", article("r2", "Kim thanks Putin at Tumen bridge opening", second, "h2"));
    input.pipeInput("r3", article("r3", "Putin and Kim open Tumen road bridge", first + " ", "h3")); // a copy of r1
    input.pipeInput("r4", article("r4", "Lisbon harbour reopens after storm", "The harbour in Lisbon reopened on "
        + "Sunday after the storm. Ferries will run again on Monday.", "h4"));
    input.pipeInput("r5", article("r5", "Freight crosses Tumen bridge", "The first freight train crossed the Tumen road "
        + "bridge that Vladimir Putin and Kim Jong Un opened. North Korea and Russia hailed it.", "h5"));

    Map<String, ArticleEnriched> events = new java.util.HashMap<>();
    output.readValuesToList().forEach(e -> events.put(e.getArticle().getId(), e));
    assertThat(events.get("r1").getKeywords()).isNotEmpty();
    assertThat(events.get("r2").getRelated()).extracting(RelatedArticle::getArticleId).containsExactly("r1");
    RelatedArticle why = events.get("r2").getRelated().get(0);
    assertThat(why.getSharedEntities()).contains("Vladimir Putin", "Kim Jong-un");
    assertThat(why.getScore()).isPositive();
    assertThat(events.get("r3").getDuplicateOf()).isEqualTo("r1");
    assertThat(events.get("r3").getRelated()).extracting(RelatedArticle::getArticleId).doesNotContain("r1");
    assertThat(events.get("r4").getRelated()).isEmpty();
    // r1 and its copy r3 are one article to a reader: listed once
    List<String> related = events.get("r5").getRelated().stream().map(RelatedArticle::getArticleId).toList();
    assertThat(related).contains("r2").containsAnyOf("r1", "r3");
    assertThat(related.contains("r1") && related.contains("r3")).as("both r1 and its copy in " + related).isFalse();
  }

  @Test
  void aTeaserLinksToTheArticleWithThatHeadlineEvenWhenItArrivesLater() {
    ArticleIngested teaserFirst = ArticleIngested.newBuilder(article("t1", "Putin and Kim open Tumen bridge",
        "The bridge opened on Wednesday.", "h1")).setRelatedHeadlines(List.of("Lisbon harbour reopens after storm"))
        .build();
    input.pipeInput("t1", teaserFirst);
    assertThat(output.readValue().getTeasers()).singleElement()
        .satisfies(link -> assertThat(link.getArticleId()).isNull()); // not ingested yet

    input.pipeInput("t2", article("t2", "Lisbon Harbour reopens after storm", "Ferries run again.", "h2"));
    Map<String, ArticleEnriched> latest = new java.util.HashMap<>();
    output.readValuesToList().forEach(e -> latest.put(e.getArticle().getId(), e));
    ArticleEnriched again = latest.get("t1"); // enriched again once the teased article arrived
    assertThat(again.getEventVersion()).isEqualTo(2L);
    assertThat(again.getTeasers()).extracting(TeaserLink::getArticleId).containsExactly("t2");
  }

  @Test
  void aPublishedTopicModelTakesOverForNewArticlesAndATombstoneRestoresTheDefault() throws Exception {
    List<TrainedTopicModel.Example> examples = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      examples.add(new TrainedTopicModel.Example(TopicText.terms("bridge road transport link " + i), "medtop:04000000"));
      examples.add(new TrainedTopicModel.Example(TopicText.terms("match goal striker " + i), "medtop:15000000"));
    }
    StringWriter text = new StringWriter();
    TrainedTopicModel.train(examples, NOW).save(text);
    var models = driver.createInputTopic(Topics.TOPIC_MODELS.name(), Serdes.String().serializer(),
        SERDES.values(Topics.TOPIC_MODELS).serializer());

    models.pipeInput(TopicModelTable.ACTIVE, new TopicModel("trained:" + NOW, text.toString(), NOW));
    input.pipeInput("m1", article("m1", "A new road bridge", "The bridge gives trucks a transport link.", "h1"));
    ArticleEnriched trained = output.readValue();
    assertThat(trained.getEnrichment().getTopicModel()).isEqualTo("trained:" + NOW);
    assertThat(trained.getTopics().get(0).getQcode()).isEqualTo("medtop:04000000");

    models.pipeInput(TopicModelTable.ACTIVE, null);
    input.pipeInput("m2", article("m2", "Another road bridge", "Trucks cross the new bridge.", "h2"));
    assertThat(output.readValue().getEnrichment().getTopicModel()).isEqualTo("desk-lexicon-2");
  }

  @Test
  void theDefaultTopicsAdaptToTheCorpusAndRevisionsTeachNothingNew() {
    for (int i = 0; i < 25; i++) {
      input.pipeInput("s" + i, article("s" + i, "Zelenograd win " + i,
          "The Zelenograd striker scored twice as the team won the league match, the coach said.", "hs" + i));
      input.pipeInput("b" + i, article("b" + i, "Quorvex profit " + i,
          "Shares in Quorvex rose after the company reported higher quarterly profit and sales.", "hb" + i));
    }
    output.readValuesToList();
    KeyValueStore<String, String> corpus = driver.getKeyValueStore(TopicAdapter.STORE);
    assertThat(corpus.approximateNumEntries()).isEqualTo(50);

    input.pipeInput("s0", article("s0", "Zelenograd win 0", "The Zelenograd striker scored three times.", "hs0-b"));
    ArticleEnriched revised = output.readValue();
    assertThat(revised.getEnrichment().getTopicModel()).isEqualTo("desk-lexicon-2+corpus-50");
    assertThat(revised.getTopics().getFirst().getQcode()).isEqualTo("medtop:15000000");
    assertThat(revised.getTopics().getFirst().getEvidence()).contains("zelenograd");
    assertThat(corpus.approximateNumEntries()).isEqualTo(50);
  }

  @Test
  void anAlertFiresOncePerStoryIgnoresCopiesAndBatchesTheStorysLaterArticles() {
    var subscriptions = driver.createInputTopic(Topics.ALERT_SUBSCRIPTIONS.name(), Serdes.String().serializer(),
        SERDES.values(Topics.ALERT_SUBSCRIPTIONS).serializer());
    var alerts = driver.createOutputTopic(Topics.ALERTS.name(), Serdes.String().deserializer(), SERDES.values(Topics.ALERTS).deserializer());
    subscriptions.pipeInput("nk-conflict", AlertSubscription.newBuilder().setId("nk-conflict").setName("North Korea conflict")
        .setQuery("missile OR troops").setEntities(List.of("Q423")).setTopics(List.of("medtop:16000000"))
        .setUpdateMinutes(10).setUpdatedAt(NOW).build());
    String first = "North Korea fired a ballistic missile on Monday, South Korea's military said, as troops staged drills "
        + "near the border and the army warned of war. The missile attack drew condemnation from Japan.";
    input.pipeInput("k1", article("k1", "North Korea fires ballistic missile as troops drill", first, "k1"));
    List<AlertEvent> raised = alerts.readValuesToList();
    assertThat(raised).hasSize(1);
    assertThat(raised.getFirst().getKind()).isEqualTo(AlertKind.NEW_STORY);
    assertThat(raised.getFirst().getArticles()).extracting(AlertArticle::getId).containsExactly("k1");

    // A wire copy of it: nothing new for the desk.
    input.pipeInput("k1-copy", article("k1-copy", "North Korea fires ballistic missile as troops drill",
        first.replace("on Monday", "on Monday morning"), "k1-copy"));
    // A later article of the same story waits for the update; an unrelated one raises nothing.
    input.pipeInput("k2", article("k2", "North Korea fires second ballistic missile as troops drill",
        "North Korea fired a second ballistic missile, the military in South Korea said; troops and the army "
            + "remained on alert for war as the missile attack was condemned.", "k2"));
    input.pipeInput("x1", article("x1", "Bakery wins prize", "A bakery in Lyon won a prize for its bread.", "x1"));
    assertThat(alerts.readValuesToList()).isEmpty();

    driver.advanceWallClockTime(java.time.Duration.ofMinutes(11));
    List<AlertEvent> update = alerts.readValuesToList();
    assertThat(update).hasSize(1);
    assertThat(update.getFirst().getKind()).isEqualTo(AlertKind.STORY_UPDATE);
    assertThat(update.getFirst().getStoryId()).isEqualTo(raised.getFirst().getStoryId());
    assertThat(update.getFirst().getArticles()).extracting(AlertArticle::getId).containsExactly("k2");
    driver.advanceWallClockTime(java.time.Duration.ofMinutes(11));
    assertThat(alerts.readValuesToList()).isEmpty(); // nothing more to tell
  }

  @Test
  void aNewsroomTopicRuleTagsArticlesAtOnceAndExplainsWhy() {
    var rules = driver.createInputTopic(Topics.TOPIC_RULES.name(), Serdes.String().serializer(),
        SERDES.values(Topics.TOPIC_RULES).serializer());
    rules.pipeInput("korean-peninsula", new TopicRule("korean-peninsula", "Korean peninsula", List.of("Q423", "Q884"),
        List.of("demilitarized zone", "Panmunjom"), 1, NOW));
    input.pipeInput("k1", article("k1", "Talks at Panmunjom", "Officials from North Korea met in Panmunjom.", "h1"));
    input.pipeInput("k2", article("k2", "Lisbon harbour reopens", "Ferries run again in Lisbon.", "h2"));

    List<ArticleEnriched> events = output.readValuesToList();
    TopicAssignment desk = events.get(0).getTopics().stream()
        .filter(topic -> topic.getQcode().equals("newsroom:korean-peninsula")).findFirst().orElseThrow();
    assertThat(desk.getName()).isEqualTo("Korean peninsula");
    assertThat(desk.getEvidence()).contains("Q423", "Panmunjom");
    assertThat(events.get(1).getTopics()).extracting(TopicAssignment::getQcode).doesNotContain("newsroom:korean-peninsula");
  }

  @Test
  void anArticleAReviewMovesToAnotherStoryIsAnnouncedAgainWithThatStory() {
    driver.close(); // this test needs reviews every 10 articles, of single-article stories of any age
    EnrichTopology.Settings reviewing = new EnrichTopology.Settings(1, java.time.Duration.ofDays(30),
        new StoryClusterer.Settings(0.2, 0.025, 1e9, 10, 1, 0), java.time.Duration.ofDays(30), 5_000, false);
    driver = new TopologyTestDriver(EnrichTopology.build(enricher, tables, reviewing, SERDES, new SimpleMeterRegistry()),
        EnrichService.streamsProperties(new EnrichConfig(new newsroom.service.KafkaSettings("unused:9092", 1, (short) 1, "http://unused:8085"), 0,
            "enrich-test", stateDir.resolve("reviewing"), 1, CoreNlpRecognizer.DEFAULT_MODEL,
        Set.of(ENGLISH), 30, 30, 24, 5_000, 100, 0, true, null, null)));
    input = driver.createInputTopic(Topics.ARTICLES_INGESTED.name(), Serdes.String().serializer(),
        SERDES.values(Topics.ARTICLES_INGESTED).serializer());
    output = driver.createOutputTopic(Topics.ARTICLES_ENRICHED.name(), Serdes.String().deserializer(),
        SERDES.values(Topics.ARTICLES_ENRICHED).deserializer());
    int n = 0; // distinct texts: an exact copy would not join the story as an article of its own
    for (String title : List.of("Putin Kim summit Pyongyang", "Kim Putin summit talks", "Putin Kim summit ends")) {
      input.pipeInput("x" + n, article("x" + n, title, "Talks went on, day " + n + ".", "hx" + n++));
    }
    input.pipeInput("stray", article("stray", "Vladivostok visit planned", "A visit is planned.", "hs"));
    while (n < 9) {
      input.pipeInput("y" + n, article("y" + n, "Putin Kim summit talks Vladivostok visit", "More talks on day " + n + ".",
          "hy" + n++));
    }
    Map<String, ArticleEnriched> latest = new java.util.HashMap<>();
    output.readValuesToList().forEach(e -> latest.put(e.getArticle().getId(), e));
    assertThat(latest.get("stray").getStoryId()).isEqualTo("x0");
    assertThat(latest.get("stray").getEventVersion()).isEqualTo(2L);
  }

  private static Entity entity(ArticleEnriched event, String name) {
    return event.getEntities().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
