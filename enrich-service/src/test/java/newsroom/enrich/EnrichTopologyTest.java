package newsroom.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import newsroom.enrich.entities.CoreNlpRecognizer;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.events.Entity;
import newsroom.schemas.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrichment topology with the real NER model, a fixed clock and the production stream settings. */
class EnrichTopologyTest {
  private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
  private static Enricher enricher;

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, ArticleIngested> input;
  private TestOutputTopic<String, ArticleEnriched> output;
  private TestOutputTopic<byte[], byte[]> dlq;

  @BeforeAll
  static void loadModel() {
    enricher = new Enricher(CoreNlpRecognizer.loadDefault(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @BeforeEach
  void start() {
    EnrichConfig config = new EnrichConfig(new newsroom.service.KafkaSettings("unused:9092", 1, (short) 1), 0,
        "enrich-test", stateDir, 1, CoreNlpRecognizer.DEFAULT_MODEL, 30, null);
    driver = new TopologyTestDriver(EnrichTopology.build(enricher, config.topology(), new SimpleMeterRegistry()),
        EnrichService.streamsProperties(config));
    input = driver.createInputTopic(Topics.ARTICLES_INGESTED.name(), Serdes.String().serializer(),
        Topics.ARTICLE_INGESTED_SERDE.serializer());
    output = driver.createOutputTopic(Topics.ARTICLES_ENRICHED.name(), Serdes.String().deserializer(),
        Topics.ARTICLE_ENRICHED_SERDE.deserializer());
    dlq = driver.createOutputTopic(Topics.ENRICH_DLQ.name(), Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  static ArticleIngested article(String id, String body, String hash) {
    return ArticleIngested.newBuilder()
        .setId(id).setSource("wire").setTitle("Summit in Geneva").setBody(body)
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
    assertThat(Topics.ARTICLE_INGESTED_SERDE.fromBytes(dead.value()).getId()).isEqualTo("a3");
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
  void everyProcessorStoreAndTopicKeepsItsName() {
    Topology topology = EnrichTopology.build(enricher, new EnrichTopology.Settings(3, java.time.Duration.ofDays(30)),
        new SimpleMeterRegistry());
    String description = topology.describe().toString();
    assertThat(description)
        .contains("Source: read-ingested-articles (topics: [news.articles.ingested])")
        .contains("Processor: assign-revision (stores: [article-versions])")
        .contains("Sink: all-articles-repartition-sink (topic: all-articles-repartition)")
        .containsPattern("Processor: find-duplicates \\(stores: \\[(duplicates-(by-text|titles|signatures|bands)(, )?){4}]\\)")
        .contains("Sink: articles-by-id-repartition-sink (topic: articles-by-id-repartition)")
        .contains("Processor: recognise-entities (stores: [])")
        .contains("Sink: write-enriched-articles (topic: news.articles.enriched)");
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
