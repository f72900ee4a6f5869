package newsroom.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import newsroom.events.AlertEvent;
import newsroom.events.AlertKind;
import newsroom.events.ArticleEnriched;
import newsroom.example.EnrichedArticles;
import newsroom.schemas.Topics;
import newsroom.service.ServiceHttp;
import newsroom.tools.ArticleGenerator;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pipeline's promises to its users, end to end: ingest → Kafka → enrich → Kafka → index →
 * search, on real infrastructure. Subclasses choose the infrastructure (local processes or
 * containers); the tests are the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PipelineTests {
  private Pipeline pipeline;
  private KafkaProbe kafka;

  abstract Infra infra();

  @BeforeAll
  void start() throws Exception {
    pipeline = new Pipeline(infra()).startAll();
    kafka = new KafkaProbe(infra().kafkaBootstrap());
  }

  @AfterAll
  void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void theNewsroomSampleComesOutCleanEnrichedAndSearchable() throws Exception {
    Path sample = Path.of(System.getProperty("newsroom.shared.dir", "../../shared"), "samples/bridge-of-unity.txt");
    assumeTrue(Files.exists(sample), "../shared/samples is absent: skipping the newsroom sample acceptance check");
    String id = accept(json(Map.of("body", Files.readString(sample))));

    JsonNode hit = await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> firstHit("/v1/search?q=" + enc("bridge Tumen")), h -> h != null && h.path("id").asText().equals(id));
    assertThat(hit.path("snippets").size()).isPositive();

    JsonNode article = json(pipeline.get("/v1/articles/" + id).body());
    String body = article.path("body").asText();
    assertThat(body).doesNotContain("TowerCard", "No stories found", "Related Stories", "interbellumnews.com");
    assertThat(body.split("This photo provided by the North Korean government", -1)).hasSize(2);
    assertThat(body.split("An international passenger train travels", -1).length).isLessThanOrEqualTo(2);
    assertThat(article.path("related_headlines").size()).isEqualTo(3);
    assertThat(article.path("teasers").findValuesAsText("headline")).hasSize(3); // linked once those articles arrive
    assertThat(article.path("source").asText()).isEqualTo("Inter Bellum News");

    Map<String, String> types = new java.util.HashMap<>();
    Map<String, String> entityIds = new java.util.HashMap<>();
    Map<String, List<String>> forms = new java.util.HashMap<>();
    for (JsonNode entity : article.path("entities")) {
      types.put(entity.path("name").asText(), entity.path("type").asText());
      entityIds.put(entity.path("name").asText(), entity.path("id").asText());
      List<String> surface = new ArrayList<>();
      entity.path("surface_forms").forEach(f -> surface.add(f.asText()));
      forms.put(entity.path("name").asText(), surface);
    }
    for (String person : List.of("Vladimir Putin", "Kim Jong-un", "Mikhail Mishustin", "Pak Thae-song")) {
      assertThat(types).containsEntry(person, "PERSON");
    }
    for (String place : List.of("North Korea", "Russia", "Tumen River", "Kursk", "Pyongyang", "Moscow")) {
      assertThat(types).containsEntry(place, "LOCATION");
    }
    assertThat(types).containsEntry("Korean Central News Agency", "ORGANIZATION");
    assertThat(types).doesNotContainKeys("Putin", "Kim", "DPRK");
    assertThat(forms.get("Vladimir Putin")).contains("Putin");
    assertThat(forms.get("Kim Jong-un")).contains("Kim");
    assertThat(forms.get("North Korea")).contains("DPRK", "Democratic People's Republic of Korea");
    // Linked to Wikidata by the starter knowledge base.
    assertThat(entityIds).contains(Map.entry("Vladimir Putin", "Q7747"), Map.entry("Kim Jong-un", "Q56226"),
        Map.entry("North Korea", "Q423"), Map.entry("Russia", "Q159"), Map.entry("Moscow", "Q649"),
        Map.entry("Pyongyang", "Q18808"), Map.entry("Ukraine", "Q212"), Map.entry("South Korea", "Q884"),
        Map.entry("United States", "Q30"), Map.entry("Soviet Union", "Q15180"));
    assertThat(article.path("entities").get(0).path("salience").floatValue()).isPositive();
    // Media Topics: a diplomatic event in wartime.
    assertThat(article.path("topics").findValuesAsText("qcode")).contains("medtop:11000000", "medtop:16000000")
        .containsAnyOf("medtop:20000337", "medtop:20001245"); // its transport / infrastructure angle
    assertThat(ids("/v1/search?q=bridge&topic=politics")).contains(id);
    assertThat(article.path("keywords").size()).isPositive();
    JsonNode topicFacets = json(pipeline.get("/v1/search?q=" + enc("Tumen")).body()).path("facets").path("topics");
    assertThat(topicFacets.findValuesAsText("qcode")).contains("medtop:16000000");

    // Filters and facets work on canonical names and ids.
    assertThat(ids("/v1/search?q=bridge&entity=" + enc("Kim Jong-un"))).contains(id);
    assertThat(ids("/v1/search?entity=Q7747&entity=" + enc("Moscow"))).contains(id);
    assertThat(ids("/v1/search?q=bridge&entity=" + enc("Nobody Atall"))).isEmpty();
    JsonNode facets = json(pipeline.get("/v1/search?q=" + enc("Tumen")).body()).path("facets").path("entities");
    List<String> facetNames = new ArrayList<>();
    facets.forEach(f -> facetNames.add(f.path("name").asText()));
    assertThat(facetNames).contains("Kim Jong-un", "Vladimir Putin", "North Korea");
  }

  @Test
  void theSameArticleTwiceIsOneDocumentAndAChangedOneIsItsNextRevision() throws Exception {
    String url = "https://example.org/world/ferry-" + System.nanoTime() + "?utm_source=feed";
    Map<String, Object> first = Map.of("url", url, "title", "Ferry service resumes across the Baltic",
        "body", "The ferry between Tallinn and Helsinki resumed on Monday, Estonian officials said.",
        "published_at", "2025-05-01T08:00:00Z", "source", "Baltic Wire");
    String id = accept(json(first));
    assertThat(accept(json(first))).isEqualTo(id);
    await().atMost(Pipeline.PATIENCE).until(() -> pipeline.get("/v1/articles/" + id).statusCode() == 200);

    Map<String, Object> changed = new java.util.HashMap<>(first);
    changed.put("url", url.replace("?utm_source=feed", "#top")); // the same article, linked differently
    changed.put("body", first.get("body") + " Tickets sold out within hours.");
    assertThat(accept(json(changed))).isEqualTo(id);

    JsonNode article = await().atMost(Pipeline.PATIENCE).until(
        () -> json(pipeline.get("/v1/articles/" + id).body()), a -> a.path("revision").asInt() == 2);
    assertThat(article.path("body").asText()).contains("Tickets sold out");
    assertThat(json(pipeline.get("/v1/search?q=" + enc("ferry Tallinn Helsinki") + "&size=50").body())
        .path("hits").findValuesAsText("id")).containsOnlyOnce(id);
    // Exactly two enriched events: the re-delivery of revision 1 was recognised, not re-announced.
    assertThat(kafka.readToEnd(Topics.ARTICLES_ENRICHED.name(), r -> id.equals(new String(r.key(), UTF_8)))).hasSize(2);
  }

  @Test
  void generatedArticlesAllBecomeSearchable() throws Exception {
    ArticleGenerator generator = new ArticleGenerator(new Random(7));
    StringBuilder ndjson = new StringBuilder();
    String run = "gen" + System.nanoTime();
    for (int i = 0; i < 20; i++) {
      ndjson.append(json(generator.article(run, i))).append('\n');
    }
    HttpResponse<String> response = pipeline.post("/v1/articles:bulk", "application/x-ndjson", ndjson.toString().getBytes(UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode result = json(response.body());
    assertThat(result.path("accepted").asInt()).isEqualTo(20);
    List<String> ids = result.path("results").findValuesAsText("id");
    await().atMost(Pipeline.PATIENCE).untilAsserted(() -> {
      for (String id : ids) {
        assertThat(pipeline.get("/v1/articles/" + id).statusCode()).as(id).isEqualTo(200);
      }
    });
  }

  @Test
  void badInputGetsAClearErrorAndThePipelineKeepsWorking() throws Exception {
    HttpResponse<String> malformed = pipeline.post("/v1/articles", "application/json", "{\"title\": \"x\", ".getBytes(UTF_8));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(json(malformed.body()).path("detail").asText()).contains("malformed JSON");

    HttpResponse<String> noBody = pipeline.post("/v1/articles", "application/json",
        json(Map.of("title", "A headline", "source", "wire")).getBytes(UTF_8));
    assertThat(noBody.statusCode()).isEqualTo(400);
    assertThat(json(noBody.body()).path("pointer").asText()).isEqualTo("body");

    byte[] huge = ("{\"body\": \"" + "a".repeat(20 * 1024 * 1024) + "\"}").getBytes(UTF_8);
    HttpResponse<String> tooLarge = pipeline.post("/v1/articles", "application/json", huge);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(json(tooLarge.body()).path("detail").asText()).contains("at most");

    byte[] latin1 = "{\"title\": \"Caf\u00e9\", \"body\": \"Cr\u00e8me br\u00fbl\u00e9e for all.\", \"source\": \"x\"}"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    HttpResponse<String> notUtf8 = pipeline.post("/v1/articles", "application/json", latin1);
    assertThat(notUtf8.statusCode()).isEqualTo(400);
    assertThat(json(notUtf8.body()).path("detail").asText()).contains("not valid UTF-8");

    HttpResponse<String> bulk = pipeline.post("/v1/articles:bulk", "application/x-ndjson", String.join("\n",
        json(Map.of("title", "Fine", "body", "A fine article about Oslo.", "source", "wire", "url", "https://e.org/fine-" + System.nanoTime())),
        "{not json",
        json(Map.of("title", "Late", "body", "Text.", "source", "wire", "published_at", "yesterday"))).getBytes(UTF_8));
    JsonNode lines = json(bulk.body());
    assertThat(lines.path("accepted").asInt()).isEqualTo(1);
    assertThat(lines.path("results").get(1).path("status").asInt()).isEqualTo(400);
    assertThat(lines.path("results").get(2).path("error").path("pointer").asText()).isEqualTo("published_at");

    // Every refusal is on record for the newsroom's engineers, and the pipeline still flows.
    assertThat(kafka.read(Topics.INGEST_REJECTED.name(), r -> new String(r.value(), UTF_8).contains("published_at"),
        found -> !found.isEmpty(), Pipeline.PATIENCE)).isNotEmpty();
    String id = accept(json(Map.of("title", "Still flowing", "body", "Angela Merkel visited Vienna on Friday.", "source", "wire")));
    await().atMost(Pipeline.PATIENCE).until(() -> pipeline.get("/v1/articles/" + id).statusCode() == 200);
  }

  @Test
  void unreadableEventsGoToTheDeadLetterTopicWithTheReason() throws Exception {
    byte[] key = ("poison-" + System.nanoTime()).getBytes(UTF_8);
    kafka.send(Topics.ARTICLES_INGESTED.name(), key, "definitely not avro".getBytes(UTF_8));

    var dead = kafka.read(Topics.ENRICH_DLQ.name(), r -> java.util.Arrays.equals(r.key(), key),
        found -> !found.isEmpty(), Pipeline.PATIENCE);
    assertThat(dead).hasSize(1);
    Header message = dead.get(0).headers().lastHeader("__streams.errors.message");
    assertThat(new String(message.value(), UTF_8)).contains("not a readable ArticleIngested");
    String id = accept(json(Map.of("title", "After the poison", "body", "Emmanuel Macron spoke in Lyon.", "source", "wire")));
    await().atMost(Pipeline.PATIENCE).until(() -> pipeline.get("/v1/articles/" + id).statusCode() == 200);
  }

  @Test
  void aKnowledgeBaseCorrectionReachesIndexedArticlesAfterReenrichment() throws Exception {
    String id = accept(json(Map.of("source", "wire", "title", "Recount ordered in Georgia",
        "body", "Election officials in Georgia ordered a recount on Friday. Voters in Atlanta queued for hours, "
            + "and the secretary of state said Georgia would certify the result next week.")));
    JsonNode before = await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> json(pipeline.get("/v1/articles/" + id).body()), a -> a.path("entities").size() > 0);
    assertThat(before.path("entities").findValuesAsText("id")).doesNotContain("Q230", "Q1428"); // ambiguous: not linked

    // This newsroom covers the US state: "Georgia" must never mean the country.
    HttpResponse<String> bad = pipeline.send("PUT", "/v1/entities/Q230", json(Map.of("name", "Georgia", "type", "PLACE")));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad.body()).path("pointer").asText()).isEqualTo("type");
    HttpResponse<String> put = pipeline.send("PUT", "/v1/entities/Q230", json(Map.of("name", "Georgia", "type",
        "LOCATION", "aliases", List.of("Sakartvelo"), "do_not_link", List.of("Georgia"))));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(pipeline.get("/v1/entities/Q230").body()).path("source").asText()).isEqualTo("newsroom");

    // The correction reaches enrich-service through its compacted topic, the request through another: should the
    // request overtake the correction (a loaded machine), the article is enriched as before, and asked again.
    JsonNode after = await().atMost(Pipeline.PATIENCE).until(() -> {
      long version = json(pipeline.get("/v1/articles/" + id).body()).path("event_version").asLong();
      HttpResponse<String> reenrich = pipeline.send("POST", "/v1/entities/Q230:reenrich", null);
      assertThat(reenrich.statusCode()).as(reenrich.body()).isEqualTo(202);
      assertThat(json(reenrich.body()).path("articles").asInt()).isEqualTo(1);
      return await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
          .until(() -> json(pipeline.get("/v1/articles/" + id).body()), a -> a.path("event_version").asLong() > version);
    }, a -> a.path("entities").findValuesAsText("id").contains("Q1428"));
    assertThat(after.path("revision").asInt()).isEqualTo(1);
    assertThat(after.path("event_version").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(ids("/v1/search?entity=Q1428")).contains(id);

    assertThat(pipeline.send("DELETE", "/v1/entities/Q230", null).statusCode()).isEqualTo(204);
    assertThat(json(pipeline.get("/v1/entities/Q230").body()).path("source").asText()).isEqualTo("starter");
  }

  @Test
  void aConsumerBuiltAgainstSchemasAloneReadsTheEnrichedEvents() throws Exception {
    // Words no other test searches for: the tests share one index.
    String id = accept(json(Map.of("source", "consumer-test", "title", "Ottawa library budget approved " + System.nanoTime(),
        "body", "Angela Merkel praised the new public library in Ottawa on Thursday, city officials said. The council "
            + "approved the budget for its second wing after a long debate.")));
    try (EnrichedArticles consumer = new EnrichedArticles(infra().kafkaBootstrap(), infra().schemaRegistryUrl(), "consumer-example-" + id)) {
      ArticleEnriched event = consumer.until(e -> e.getArticle().getId().equals(id), Pipeline.PATIENCE);
      assertThat(event).as("the enriched event of " + id).isNotNull();
      assertThat(event.getStoryId()).isNotBlank();
      assertThat(event.getEntities()).extracting(e -> e.getName()).contains("Angela Merkel");
      assertThat(EnrichedArticles.describe(event)).startsWith(id).contains("Q567 Angela Merkel");
    }
  }

  @Test
  void aPythonConsumerReadsTheSeedArticlesEnrichedEventThroughTheRegistry() throws Exception {
    Optional<String> python = PythonConsumer.python();
    assumeTrue(python.isPresent(), PythonConsumer.MISSING);
    String id = acceptSeedArticle();

    PythonConsumer.Run run = PythonConsumer.awaitArticle(python.get(), infra().kafkaBootstrap(), infra().schemaRegistryUrl(),
        id, Pipeline.PATIENCE);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains(id).contains("Q7747 Vladimir Putin", "Q56226 Kim Jong-un");
  }

  @Test
  void kafkaConnectLandsTheSeedArticlesEnrichedEventInAFileWithoutCodeOfOurs() throws Exception {
    String id = acceptSeedArticle();

    try (ConnectWorker connect = ConnectWorker.fileSink(infra(), "enriched-file-" + id + "-" + System.nanoTime())) {
      // Each record as Connect's Struct text (the body's line breaks included), written as the sink flushes.
      await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofSeconds(1))
          .until(() -> connect.record(id), record -> record.contains("Vladimir Putin") && record.contains("Q7747")
              && record.contains("Tumen"));
    }
  }

  /** The newsroom's sample article (../shared), accepted; skips the test where ../shared is absent. */
  private String acceptSeedArticle() throws Exception {
    Path sample = Path.of(System.getProperty("newsroom.shared.dir", "../../shared"), "samples/bridge-of-unity.txt");
    assumeTrue(Files.exists(sample), "../shared/samples is absent: skipping the check on the newsroom's sample article");
    return accept(json(Map.of("body", Files.readString(sample))));
  }

  @Test
  void articlesAboutOneEventFormAStoryAndAnUnrelatedOneDoesNot() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    List<String> ids = new ArrayList<>();
    Map<String, String> reports = new java.util.LinkedHashMap<>();
    reports.put("Volcano erupts near Reykjavik, flights grounded " + run,
        "Ash from the eruption closed the airport on Tuesday morning, officials said.");
    reports.put("Reykjavik flights grounded as volcano erupts " + run,
        "Airlines cancelled dozens of departures while the ash cloud drifted east.");
    reports.put("Iceland volcano eruption: Reykjavik airport shut, flights grounded " + run,
        "Travellers slept in the terminal; the civil protection agency raised its alert level.");
    for (var report : reports.entrySet()) { // different bodies: identical ones would be exact copies, not articles of the story
      ids.add(accept(json(Map.of("source", "wire", "title", report.getKey(), "body", report.getValue()))));
    }
    String other = accept(json(Map.of("source", "wire", "title", "Chess champion defends title in Madras " + run,
        "body", "The champion won the final game after five hours of play.")));

    for (String id : ids) {
      await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
          .until(() -> json(pipeline.get("/v1/articles/" + id).body()).path("story_id").asText(""), s -> !s.isEmpty());
    }
    String story = json(pipeline.get("/v1/articles/" + ids.get(0)).body()).path("story_id").asText();
    for (String id : ids) {
      assertThat(json(pipeline.get("/v1/articles/" + id).body()).path("story_id").asText()).isEqualTo(story);
    }
    String otherStory = await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> json(pipeline.get("/v1/articles/" + other).body()).path("story_id").asText(""), s -> !s.isEmpty());
    assertThat(otherStory).isNotEqualTo(story);

    // They list each other as related (earlier ones on the event, later ones through the API); the other one does not.
    for (String id : ids) {
      List<String> related = json(pipeline.get("/v1/articles/" + id + "/related").body()).path("related")
          .findValuesAsText("article_id");
      assertThat(related).as("related to " + id).containsAll(ids.stream().filter(i -> !i.equals(id)).toList())
          .doesNotContain(other);
    }
    JsonNode timeline = json(pipeline.get("/v1/stories/" + enc(story)).body());
    assertThat(timeline.path("articles").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(ids("/v1/search?story=" + enc(story))).containsExactlyInAnyOrderElementsOf(ids);
    // news.stories shows the story growing, one event per article.
    List<Integer> sizes = kafka.read(Topics.STORIES.name(),
            r -> r.key() != null && new String(r.key(), UTF_8).equals(story), found -> found.size() >= 3, Pipeline.PATIENCE)
        .stream().map(r -> pipeline.serdes.read(Topics.STORIES, r.value()).getArticleCount()).toList();
    assertThat(sizes).containsExactly(1, 2, 3);
  }

  @Test
  void theSameEventInEnglishSpanishAndGermanSharesItsEntitiesAndItsStoryAndEachIsFoundInItsLanguage() throws Exception {
    String run = "kv" + Long.toString(System.nanoTime(), 36); // the pipeline's name in every language
    Map<String, String[]> reports = new java.util.LinkedHashMap<>();
    reports.put("en", new String[] {"Scholz and Biden agree " + run + " pipeline deal with Norway",
        "German Chancellor Olaf Scholz and US President Joe Biden agreed on Tuesday to finance the " + run
            + " gas pipeline from Norway, officials in Berlin said. The United States will guarantee part of the loans."
            + " Biden called the deal a step towards energy security for Europe, and Scholz agreed."});
    reports.put("es", new String[] {"Scholz y Biden acuerdan el gasoducto " + run + " con Noruega",
        "El canciller alemán, Olaf Scholz, y el presidente de Estados Unidos, Joe Biden, acordaron el martes financiar"
            + " el gasoducto " + run + " desde Noruega, según fuentes oficiales en Berlín. Estados Unidos garantizará"
            + " parte de los préstamos. Biden calificó el acuerdo de paso hacia la seguridad energética de Europa,"
            + " y Scholz coincidió."});
    reports.put("de", new String[] {"Scholz und Biden einigen sich mit Norwegen auf " + run + "-Pipeline",
        "Bundeskanzler Olaf Scholz und US-Präsident Joe Biden haben sich am Dienstag auf die Finanzierung der"
            + " Gaspipeline " + run + " aus Norwegen geeinigt, hieß es in Berlin. Die Vereinigten Staaten sichern einen"
            + " Teil der Kredite ab. Biden nannte die Vereinbarung einen Schritt zu mehr Energiesicherheit für Europa,"
            + " Scholz stimmte zu."});
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    for (var report : reports.entrySet()) { // English first: the others join its story
      ids.put(report.getKey(), accept(json(Map.of("source", "wire-" + report.getKey(), "title", report.getValue()[0],
          "body", report.getValue()[1]))));
      String id = ids.get(report.getKey());
      await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
          .until(() -> json(pipeline.get("/v1/articles/" + id).body()).path("story_id").asText(""), s -> !s.isEmpty());
    }

    String story = json(pipeline.get("/v1/articles/" + ids.get("en")).body()).path("story_id").asText();
    for (var entry : ids.entrySet()) {
      JsonNode article = json(pipeline.get("/v1/articles/" + entry.getValue()).body());
      assertThat(article.path("language").asText()).isEqualTo(entry.getKey()); // detected from the text
      assertThat(article.path("story_id").asText()).as(entry.getKey()).isEqualTo(story);
      assertThat(article.path("entities").findValuesAsText("id")).as(entry.getKey())
          .contains("Q61053", "Q6279", "Q30", "Q64"); // Olaf Scholz, Joe Biden, the United States, Berlin
    }
    assertThat(ids("/v1/search?q=" + enc("gasoducto " + run))).containsExactly(ids.get("es"));
    assertThat(ids("/v1/search?q=" + enc("Gaspipeline " + run))).containsExactly(ids.get("de"));
    assertThat(ids("/v1/search?q=" + enc("loans " + run))).containsExactly(ids.get("en"));
    // Other forms of a word, by the stems of each language: "acuerdo", "Vereinbarung", "agreed" are in the texts.
    assertThat(ids("/v1/search?q=" + enc("acuerdos " + run))).containsExactly(ids.get("es"));
    assertThat(ids("/v1/search?q=" + enc("Vereinbarungen " + run))).containsExactly(ids.get("de"));
    assertThat(ids("/v1/search?q=" + enc("agreeing " + run))).containsExactly(ids.get("en"));
    assertThat(ids("/v1/search?entity=Q61053&q=" + enc(run))).containsExactlyInAnyOrderElementsOf(ids.values());
    for (String language : List.of("es", "de")) { // topics from the language's own lexicon, less sure than English
      JsonNode article = json(pipeline.get("/v1/articles/" + ids.get(language)).body());
      assertThat(article.path("topics").findValuesAsText("qcode")).as(language).contains("medtop:11000000");
      assertThat(article.path("topic_model").asText()).isEqualTo("desk-lexicon-" + language + "-1");
    }

    // The search page shows each article's entities and topics, whatever its language.
    assumeTrue(Browser.installed(), "Chromium and ChromeDriver are not installed: skipping the search page check");
    var browser = Browser.start();
    try {
      var wait = new WebDriverWait(browser, Pipeline.PATIENCE);
      browser.get(pipeline.searchUrl() + "/#/article/" + ids.get("es"));
      wait.until(d -> !d.findElements(By.id("api-key")).isEmpty());
      browser.findElement(By.id("api-key")).sendKeys(Pipeline.KEY);
      browser.findElement(By.id("api-key")).submit();
      wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
      for (String language : List.of("es", "de")) {
        browser.get(pipeline.searchUrl() + "/#/article/" + ids.get(language));
        String title = reports.get(language)[0]; // the page is this article's, not the one before it
        wait.until(d -> d.findElement(By.cssSelector("article h1")).getText().equals(title)
            && !d.findElements(By.cssSelector(".topics li")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".entities")).getText()).as(language).contains("Olaf Scholz", "Joe Biden");
        assertThat(browser.findElement(By.cssSelector(".topics")).getText()).as(language).contains("politics");
      }
    } finally {
      browser.quit();
    }
  }

  @Test
  void aNewsroomTopicRuleAppliesToTheNextArticle() throws Exception {
    HttpResponse<String> bad = pipeline.send("PUT", "/v1/topic-rules/korean-peninsula", json(Map.of("name", "Korean peninsula")));
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<String> put = pipeline.send("PUT", "/v1/topic-rules/korean-peninsula",
        json(Map.of("name", "Korean peninsula", "entities", List.of("Q423", "Q884"), "terms", List.of("Panmunjom"))));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    // enrich-service learns of the rule from its compacted topic, independently of the article's path through
    // Kafka: a newly sent article is the next one once the rule has arrived there (a moment, or longer under load).
    String id = await().atMost(Pipeline.PATIENCE).until(() -> {
      String sent = accept(json(Map.of("source", "wire", "title", "Envoys meet at Panmunjom " + System.nanoTime(),
          "body", "Diplomats from North Korea and South Korea met at Panmunjom on Thursday to discuss family reunions.")));
      JsonNode article = await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
          .until(() -> json(pipeline.get("/v1/articles/" + sent).body()), a -> a.path("topics").size() > 0);
      return article.path("topics").findValuesAsText("qcode").contains("newsroom:korean-peninsula") ? sent : null;
    }, java.util.Objects::nonNull);
    assertThat(ids("/v1/search?topic=" + enc("Korean peninsula"))).contains(id);
    assertThat(pipeline.send("DELETE", "/v1/topic-rules/korean-peninsula", null).statusCode()).isEqualTo(204);
  }

  @Test
  void searchSpeaksTheJournalistSyntaxFiltersFacetsAndPagesDeep() throws Exception {
    OpenApiContract api = new OpenApiContract(pipeline.get("/openapi.json").body());
    String tag = "zq" + Long.toString(System.nanoTime(), 36); // a word only this test's articles have
    String[][] articles = { // source, language, title, body; published a day apart, the last 22 hours ago
        {"wire-a", "en", "New road bridge opens " + tag, "The road bridge carries trucks across the river."},
        {"wire-a", "en", "Ferry service resumes " + tag, "A ferry links the two banks while the bridge is shut."},
        {"wire-b", "en", "Tunnel plan approved " + tag, "Engineers will dig a tunnel under the river; the bridge stays."},
        {"wire-b", "en", "Football final tonight " + tag, "The football final is played near the old bridge."},
        {"wire-b", "de", "Neue Brücke eröffnet " + tag, "Die neue Brücke verbindet seit heute die beiden Ufer des Flusses."}};
    java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<String> ids = new ArrayList<>();
    List<java.time.Instant> published = new ArrayList<>();
    for (int i = 0; i < articles.length; i++) {
      String[] a = articles[i];
      published.add(now.minus(Duration.ofDays(articles.length - i)).plus(Duration.ofHours(2)));
      ids.add(accept(json(Map.of("source", a[0], "language", a[1], "published_at", published.get(i).toString(), "title", a[2],
          "body", a[3]))));
    }
    await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> ids("/v1/search?q=" + tag), found -> found.size() == 5);

    // The syntax journalists know: phrases, exclusions, alternatives, groups; operators only in capitals.
    assertThat(ids("/v1/search?q=" + enc(tag + " \"road bridge\""))).containsExactly(ids.get(0));
    assertThat(ids("/v1/search?q=" + enc(tag + " bridge -football NOT ferry"))).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
    assertThat(ids("/v1/search?q=" + enc(tag + " (ferry OR tunnel)"))).containsExactlyInAnyOrder(ids.get(1), ids.get(2));
    assertThat(ids("/v1/search?q=" + enc(tag + " ferry or tunnel"))).isEmpty(); // "or" is a word: no article has all three
    assertThat(ids("/v1/search?q=" + enc(tag + " \"bridge opens"))).containsExactly(ids.get(0)); // unclosed quote: forgiven

    // Filters and the facets that lead to them.
    assertThat(ids("/v1/search?q=" + tag + "&source=wire-a")).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
    assertThat(ids("/v1/search?q=" + tag + "&language=de")).containsExactly(ids.get(4));
    assertThat(ids("/v1/search?q=" + tag + "&from=" + published.get(1) + "&to=" + published.get(2)))
        .containsExactlyInAnyOrder(ids.get(1), ids.get(2));
    String all = pipeline.get("/v1/search?q=" + tag).body();
    api.assertValid("SearchResults", all);
    JsonNode facets = json(all).path("facets");
    assertThat(facets.path("sources").toString()).contains("{\"value\":\"wire-b\",\"count\":3}", "{\"value\":\"wire-a\",\"count\":2}");
    assertThat(facets.path("languages").findValuesAsText("value")).containsExactly("en", "de");
    assertThat(facets.path("dates").toString()).contains("\"period\":\"day\"", "\"period\":\"year\"");
    assertThat(facets.path("dates").findValues("count").stream().map(JsonNode::asInt).toList()).containsExactly(1, 5, 5, 5);
    assertThat(facets.path("stories").size()).isPositive();
    JsonNode two = json(pipeline.get("/v1/search?q=" + tag + "&facet=sources&facet=languages").body()).path("facets");
    assertThat(two.fieldNames()).toIterable().containsExactly("sources", "languages");

    // Newest first, page by page with the cursor: every article once, in the same order as one long page.
    List<String> newestFirst = ids("/v1/search?q=" + tag + "&sort=recency&size=5");
    assertThat(newestFirst).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    List<String> paged = new ArrayList<>();
    String next = null;
    do {
      String page = pipeline.get("/v1/search?q=" + tag + "&sort=recency&size=2&facet=none"
          + (next == null ? "" : "&after=" + enc(next))).body();
      api.assertValid("SearchResults", page);
      json(page).path("hits").forEach(hit -> paged.add(hit.path("id").asText()));
      next = json(page).path("next").isNull() ? null : json(page).path("next").asText();
    } while (next != null);
    assertThat(paged).containsExactlyElementsOf(newestFirst);
    List<String> pagedCopies = new ArrayList<>(); // every copy a hit: paged with search_after, to any depth
    next = null;
    do {
      String page = pipeline.get("/v1/search?q=" + tag + "&sort=recency&size=2&facet=none&copies=all"
          + (next == null ? "" : "&after=" + enc(next))).body();
      json(page).path("hits").forEach(hit -> pagedCopies.add(hit.path("id").asText()));
      next = json(page).path("next").isNull() ? null : json(page).path("next").asText();
    } while (next != null);
    assertThat(pagedCopies).containsExactlyElementsOf(newestFirst);

    // Mistakes are named.
    assertProblem("/v1/search?q=x&sort=oldest", "sort");
    assertProblem("/v1/search?colour=red", "colour");
    assertProblem("/v1/search?q=x&after=not-a-cursor", "after");
    String recencyCursor = json(pipeline.get("/v1/search?q=" + tag + "&sort=recency&size=1").body()).path("next").asText();
    assertProblem("/v1/search?q=x&sort=relevance&after=" + enc(recencyCursor), "after"); // a cursor of another sort
    assertProblem("/v1/search?offset=9995&size=10", "offset");
    assertProblem("/v1/search?q=" + enc("w ".repeat(70)), "q");
  }

  @Test
  void syndicatedCopiesAreKeptSearchableByTheirSourceAndShownAsOneHitWithTheirCount() throws Exception {
    Path sample = Path.of(System.getProperty("newsroom.shared.dir", "../../shared"), "samples/bridge-of-unity.txt");
    assumeTrue(Files.exists(sample), "../shared/samples is absent: skipping the syndicated copies acceptance check");
    OpenApiContract api = new OpenApiContract(pipeline.get("/openapi.json").body());
    String text = Files.readString(sample);
    // The sample as other tests send it (its id comes from its text, so it is the same article whoever sends it
    // first) and the same text under two more URLs and outlets.
    String original = accept(json(Map.of("body", text)));
    // Articles reach the duplicate stage in the order their partitions deliver them: the first must be there first.
    await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> pipeline.get("/v1/articles/" + original).statusCode() == 200);
    String alpha = accept(json(Map.of("body", text, "url", "https://syndicate-alpha.example/world/bridge",
        "source", "Syndicate Alpha")));
    String beta = accept(json(Map.of("body", text, "url", "https://syndicate-beta.example/2025/bridge-of-unity",
        "source", "Syndicate Beta")));
    assertThat(Set.of(original, alpha, beta)).hasSize(3);

    for (String copy : List.of(alpha, beta)) { // each copy is its own document, readable by the id its sender was given
      await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
          .until(() -> pipeline.get("/v1/articles/" + copy).statusCode() == 200);
      JsonNode article = json(pipeline.get("/v1/articles/" + copy).body());
      assertThat(article.path("duplicate_of").asText()).isEqualTo(original);
      assertThat(article.path("story_id").asText()).isEqualTo(json(pipeline.get("/v1/articles/" + original).body())
          .path("story_id").asText()); // in the original's story, not a story of its own
    }
    assertThat(ids("/v1/search?q=" + enc("bridge Tumen") + "&source=" + enc("Syndicate Beta"))).containsExactly(beta);

    // By default, one hit for the group, with its size and outlets; the two syndicated copies alone: one hit with 2.
    String grouped = pipeline.get("/v1/search?q=" + enc("bridge Tumen") + "&source=" + enc("Syndicate Alpha")
        + "&source=" + enc("Syndicate Beta")).body();
    api.assertValid("SearchResults", grouped);
    JsonNode hits = json(grouped).path("hits");
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).path("copies").path("count").asInt()).isEqualTo(2);
    assertThat(hits.get(0).path("copies").path("articles").findValuesAsText("id")).containsExactly(alpha, beta);
    assertThat(json(grouped).path("total").asInt()).isEqualTo(2);
    assertThat(json(grouped).path("groups").asInt()).isEqualTo(1);
    assertThat(ids("/v1/search?q=" + enc("bridge Tumen") + "&copies=all&source=" + enc("Syndicate Alpha") + "&source="
        + enc("Syndicate Beta"))).containsExactlyInAnyOrder(alpha, beta);

    // Unfiltered, the group is shown by its first article, and the other outlets are named.
    JsonNode all = json(pipeline.get("/v1/search?q=" + enc("bridge Tumen") + "&size=50").body());
    List<JsonNode> ofGroup = new ArrayList<>();
    all.path("hits").forEach(hit -> {
      if (Set.of(original, alpha, beta).contains(hit.path("id").asText())) {
        ofGroup.add(hit);
      }
    });
    assertThat(ofGroup).hasSize(1);
    assertThat(ofGroup.getFirst().path("id").asText()).isEqualTo(original);
    assertThat(ofGroup.getFirst().path("copies").path("count").asInt()).isEqualTo(3);
    List<String> outlets = new ArrayList<>();
    ofGroup.getFirst().path("copies").path("sources").forEach(s -> outlets.add(s.asText()));
    assertThat(outlets).contains("Syndicate Alpha", "Syndicate Beta").hasSize(3);

    // Facets count what they are asked to: every article, or each group of copies once.
    JsonNode byArticle = json(pipeline.get("/v1/search?q=" + enc("bridge Tumen") + "&source=" + enc("Syndicate Alpha")
        + "&source=" + enc("Syndicate Beta") + "&facet=entities").body()).path("facets").path("entities");
    JsonNode byGroup = json(pipeline.get("/v1/search?q=" + enc("bridge Tumen") + "&source=" + enc("Syndicate Alpha")
        + "&source=" + enc("Syndicate Beta") + "&facet=entities&facet_count=groups").body()).path("facets").path("entities");
    assertThat(countOf(byArticle, "Q7747")).isEqualTo(2);
    assertThat(countOf(byGroup, "Q7747")).isEqualTo(1);
    JsonNode story = json(pipeline.get("/v1/stories/" + json(pipeline.get("/v1/articles/" + original).body())
        .path("story_id").asText()).body());
    assertThat(story.path("copy_count").asInt()).isGreaterThanOrEqualTo(2);
    assertProblem("/v1/search?q=x&copies=some", "copies");
    assertProblem("/v1/search?q=x&facet_count=outlets", "facet_count");
  }

  private static int countOf(JsonNode facet, String id) {
    for (JsonNode value : facet) {
      if (value.path("id").asText().equals(id)) {
        return value.path("count").asInt();
      }
    }
    return 0;
  }

  @Test
  void theOpenApiDocumentDescribesEveryRouteAndItsResponses() throws Exception {
    OpenApiContract api = new OpenApiContract(pipeline.get("/openapi.json").body());
    assertThat(api.operations()).containsExactlyInAnyOrderElementsOf(pipeline.indexRoutes());
    api.assertValid("Problem", pipeline.get("/v1/articles/no-such-article").body());
    api.assertValid("KnowledgeBaseEntry", pipeline.get("/v1/entities/Q423").body());
    api.assertValid("Health", pipeline.get("/health/ready").body());
  }

  @Test
  void theSearchPageFindsFiltersOpensStoriesAndNeverRunsAnArticlesScript() throws Exception {
    assumeTrue(Browser.installed(), "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver;"
        + " .ci/run does): skipping the browser test");
    Path sample = Path.of(System.getProperty("newsroom.shared.dir", "../../shared"), "samples/bridge-of-unity.txt");
    assumeTrue(Files.exists(sample), "../shared/samples is absent: skipping the search page acceptance check");
    String run = Long.toString(System.nanoTime(), 36);
    String id = accept(json(Map.of("body", Files.readString(sample))));
    List<String> related = List.of(
        accept(json(Map.of("source", "wire", "title", "North Korea, Russia open first road bridge link: Putin and Kim " + run,
            "body", "Putin and Kim Jong-un hailed the first road bridge across the Tumen River between North Korea and Russia."))),
        accept(json(Map.of("source", "wire", "title", "Putin, Kim hail North Korea-Russia road bridge link " + run,
            "body", "The road bridge over the Tumen River links Russia and North Korea, Kim Jong-un and Vladimir Putin said."))));
    accept(json(Map.of("source", "wire", "title", "Chess champion keeps title in Madras " + run,
        "body", "The defending champion drew the last game and kept the world title.")));
    String hostile = "<img src=x onerror=\"window.__xss='title'\"> Tumen " + run;
    accept(json(Map.of("source", "<b>wire</b>", "title", hostile,
        "body", "<script>window.__xss='body'</script> The Tumen bridge <img src=x onerror=\"window.__xss='body'\"> opened.")));
    for (String article : related) {
      await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
          .until(() -> json(pipeline.get("/v1/articles/" + article).body()).path("story_id").asText(""), s -> !s.isEmpty());
    }
    await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> pipeline.get("/v1/search?facet=none&q=" + run).body(), found -> found.startsWith("{\"total\":4,"));

    var browser = Browser.start();
    try {
      var wait = new WebDriverWait(browser, Pipeline.PATIENCE);
      browser.get(pipeline.searchUrl() + "/");
      var box = browser.findElement(By.id("q"));
      box.sendKeys("Tumen bridge");
      box.submit();
      // The API needs a key: the page asks for one, once per tab.
      wait.until(d -> !d.findElements(By.id("api-key")).isEmpty());
      browser.findElement(By.id("api-key")).sendKeys(Pipeline.KEY);
      browser.findElement(By.id("api-key")).submit();
      wait.until(d -> d.findElements(By.cssSelector(".results a[href='#/article/" + id + "']")).size() == 1);
      List<String> facetNames = browser.findElements(By.cssSelector("button.facet[data-facet=entity] span:first-child"))
          .stream().map(WebElement::getText).toList();
      assertThat(facetNames).contains("Kim Jong-un", "Vladimir Putin");

      // Usable without a mouse and by screen readers: every control has a name, the page a language.
      assertThat(browser.executeScript("""
          const named = (el) => (el.labels && el.labels.length > 0) || el.getAttribute('aria-label')
              || el.getAttribute('aria-labelledby') || el.textContent.trim() !== '';
          return [...document.querySelectorAll('input, select, button, a')].filter((el) => !named(el))
              .map((el) => el.outerHTML).concat(document.documentElement.lang ? [] : ['<html> without lang']);"""))
          .isEqualTo(List.of());
      // Choosing a facet filters (from the keyboard): only articles about Kim Jong-un, and the filter shows as a chip.
      browser.findElement(By.cssSelector("button.facet[data-value='Q56226']")).sendKeys(org.openqa.selenium.Keys.ENTER);
      wait.until(d -> d.getCurrentUrl().contains("entity=Q56226"));
      wait.until(d -> !d.findElements(By.cssSelector(".chip")).isEmpty());
      assertThat(browser.findElement(By.cssSelector(".chip")).getText()).contains("Kim Jong-un");
      List<String> filtered = ids("/v1/search?q=" + enc("Tumen bridge") + "&entity=Q56226");
      wait.until(d -> d.findElements(By.cssSelector(".results li")).size() == filtered.size());

      // An editor turns this search into an alert, sees it listed, and deletes it.
      browser.findElement(By.id("watch")).click();
      wait.until(d -> d.getCurrentUrl().endsWith("#/alerts") && !d.findElements(By.cssSelector(".alerts li")).isEmpty());
      JsonNode watched = json(pipeline.get("/v1/alerts").body()).path("alerts");
      JsonNode created = null;
      for (JsonNode a : watched) {
        if (a.path("entities").toString().contains("Q56226") && "Tumen bridge".equals(a.path("query").asText())) {
          created = a;
        }
      }
      assertThat(created).as(watched.toString()).isNotNull();
      assertThat(created.path("created_by").asText()).isEqualTo("tests");
      String alertId = created.path("id").asText();
      browser.findElement(By.cssSelector(".alerts button[aria-label='Delete alert " + created.path("name").asText() + "']")).click();
      wait.until(d -> {
        try {
          return !json(pipeline.get("/v1/alerts").body()).path("alerts").findValuesAsText("id").contains(alertId);
        } catch (Exception e) {
          return false;
        }
      });
      browser.navigate().back();
      wait.until(d -> !d.findElements(By.cssSelector(".results a[href='#/article/" + id + "']")).isEmpty());

      // The article view lists its entities and topics; its story lists the related articles.
      browser.findElement(By.cssSelector(".results a[href='#/article/" + id + "']")).click();
      wait.until(d -> !d.findElements(By.cssSelector(".entities li")).isEmpty());
      assertThat(browser.findElement(By.cssSelector(".entities")).getText()).contains("Kim Jong-un", "Vladimir Putin");
      assertThat(browser.findElement(By.cssSelector(".topics")).getText()).contains("politics");
      browser.findElement(By.linkText("Story timeline")).click();
      wait.until(d -> d.getCurrentUrl().contains("#/story/"));
      wait.until(d -> !d.findElements(By.cssSelector(".story li")).isEmpty());
      String timeline = browser.findElement(By.cssSelector(".story")).getText();
      assertThat(timeline).contains("North Korea, Russia open first road bridge link", "Putin, Kim hail North Korea-Russia road bridge link");

      // An article's markup is shown as text, in results and in the article view, and never runs.
      browser.get(pipeline.searchUrl() + "/#/search?q=" + run + "+onerror");
      wait.until(d -> !d.findElements(By.cssSelector(".results li")).isEmpty());
      assertThat(browser.findElement(By.cssSelector(".results")).getText()).contains("<img src=x onerror=");
      browser.findElement(By.cssSelector(".results h3 a")).click();
      wait.until(d -> !d.findElements(By.cssSelector("article h1")).isEmpty());
      assertThat(browser.findElement(By.cssSelector("article")).getText()).contains("<script>");
      assertThat(browser.findElements(By.cssSelector("main img, main script"))).isEmpty();
      assertThat(browser.executeScript("return window.__xss === undefined")).isEqualTo(true);
    } finally {
      browser.quit();
    }
  }

  @Test
  void apiKeysWithScopesGuardEveryOperationAndEachKeyHasARateLimit() throws Exception {
    OpenApiContract api = new OpenApiContract(pipeline.get("/openapi.json", null).body());
    for (var operation : api.scopes().entrySet()) {
      String method = operation.getKey().split(" ")[0];
      String url = pipeline.searchUrl() + operation.getKey().split(" ")[1].replace("{id}", "Q423");
      HttpResponse<String> anonymous = pipeline.send(method, url, null, null);
      HttpResponse<String> searchDesk = pipeline.send(method, url, null, Pipeline.SEARCH_KEY);
      if (operation.getValue().isEmpty()) {
        assertThat(anonymous.statusCode()).as(operation.getKey()).isNotIn(401, 403);
      } else {
        assertThat(anonymous.statusCode()).as(operation.getKey()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        if (operation.getValue().contains("search")) {
          assertThat(searchDesk.statusCode()).as(operation.getKey()).isNotIn(401, 403);
        } else {
          assertThat(searchDesk.statusCode()).as(operation.getKey()).isEqualTo(403);
          assertThat(json(searchDesk.body()).path("detail").asText()).contains("search-desk", "admin");
        }
      }
    }
    assertThat(pipeline.get("/", null).statusCode()).isEqualTo(200); // the search page asks for a key itself
    assertThat(pipeline.get("/v1/search?q=x", "nk_not-a-key").statusCode()).isEqualTo(401);
    HttpResponse<String> ingestWithSearchKey = pipeline.send("POST", pipeline.ingestUrl() + "/v1/articles",
        json(Map.of("title", "T", "body", "B", "source", "s")), Pipeline.SEARCH_KEY);
    assertThat(ingestWithSearchKey.statusCode()).isEqualTo(403);
    assertThat(json(ingestWithSearchKey.body()).path("detail").asText()).contains("ingest");

    // Three requests a minute for this key: the fourth waits, and says for how long.
    for (int i = 0; i < 3; i++) {
      assertThat(pipeline.get("/v1/search?facet=none&q=x", Pipeline.SLOW_KEY).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> limited = pipeline.get("/v1/search?facet=none&q=x", Pipeline.SLOW_KEY);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
    assertThat(pipeline.get("/v1/search?facet=none&q=x", Pipeline.SEARCH_KEY).statusCode()).isEqualTo(200); // other keys go on
  }

  @Test
  void anAlertOnNorthKoreaAndConflictFiresOncePerStoryAndBatchesTheRest() throws Exception {
    OpenApiContract api = new OpenApiContract(pipeline.get("/openapi.json").body());
    HttpResponse<String> refused = pipeline.send("POST", "/v1/alerts", json(Map.of("name", "Everything")));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused.body()).path("pointer").asText()).isEqualTo("query");
    assertThat(pipeline.send("POST", "/v1/alerts", json(Map.of("name", "x", "entities", List.of("Q423"),
        "webhook_url", "https://10.1.2.3/hook"))).body()).contains("private address");
    // A webhook receiver that fails once: the alert comes again, signed.
    List<String[]> received = java.util.Collections.synchronizedList(new ArrayList<>()); // {timestamp, signature, body}
    var receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("localhost", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
      boolean first = received.isEmpty();
      received.add(new String[] {exchange.getRequestHeaders().getFirst("X-Newsroom-Timestamp"),
          exchange.getRequestHeaders().getFirst("X-Newsroom-Signature"), body});
      exchange.sendResponseHeaders(first ? 503 : 204, -1);
      exchange.close();
    });
    receiver.start();
    HttpResponse<String> created = pipeline.send("POST", "/v1/alerts", json(Map.of("name", "North Korea conflict",
        "entities", List.of("Q423"), "topics", List.of("medtop:16000000"), "update_minutes", 5,
        "webhook_url", "http://localhost:" + receiver.getAddress().getPort() + "/hook")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    api.assertValid("Alert", created.body());
    String alert = json(created.body()).path("id").asText();
    String secret = json(created.body()).path("webhook_secret").asText();
    assertThat(secret).startsWith("whsec_");
    assertThat(json(created.body()).path("created_by").asText()).isEqualTo("tests");
    assertThat(json(pipeline.get("/v1/alerts").body()).path("alerts").findValuesAsText("id")).contains(alert);
    assertThat(pipeline.get("/v1/alerts/" + alert).body()).doesNotContain(secret);

    String run = Long.toString(System.nanoTime(), 36);
    String text = "North Korea fired a ballistic missile on Monday, South Korea's military said, as troops staged drills "
        + "near the border and the army warned of war. The missile attack drew condemnation from Japan. Report " + run + ".";
    String first = accept(json(Map.of("source", "wire-a", "title", "North Korea fires ballistic missile as troops drill " + run,
        "body", text)));
    List<AlertEvent> raised = alertsFor(alert, found -> found.stream().anyMatch(a -> mentions(a, first)));
    AlertEvent newStory = raised.stream().filter(a -> mentions(a, first)).findFirst().orElseThrow();
    assertThat(newStory.getKind()).isEqualTo(AlertKind.NEW_STORY);

    // A near copy from another wire, an exact copy, and a later article of the same story: no new alert, the update waits.
    String copy = accept(json(Map.of("source", "wire-b", "title", "North Korea fires ballistic missile as troops drill " + run,
        "body", text.replace("on Monday", "on Monday morning"))));
    String later = accept(json(Map.of("source", "wire-a", "title", "North Korea fires second ballistic missile as troops drill " + run,
        "body", "North Korea fired a second ballistic missile, the military in South Korea said; troops and the army remained "
            + "on alert for war as the missile attack was condemned. Report " + run + ".")));
    String syndicated = accept(json(Map.of("source", "wire-c", "url", "https://wire-c.example/" + run,
        "title", "North Korea fires ballistic missile as troops drill " + run, "body", text))); // an exact copy
    for (String id : List.of(copy, later, syndicated)) {
      await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
          .until(() -> json(pipeline.get("/v1/articles/" + id).body()).path("story_id").asText(""), s -> !s.isEmpty());
    }
    assertThat(json(pipeline.get("/v1/articles/" + later).body()).path("story_id").asText()).isEqualTo(newStory.getStoryId());
    assertThat(json(pipeline.get("/v1/articles/" + syndicated).body()).path("story_id").asText())
        .isEqualTo(newStory.getStoryId());
    // Alerts are written in the enrichment transaction, before indexing: all of these articles' alerts are committed.
    List<AlertEvent> after = kafka.readToEnd(Topics.ALERTS.name(), r -> isFor(alert, r)).stream()
        .map(r -> pipeline.serdes.read(Topics.ALERTS, r.value())).toList();
    assertThat(after).filteredOn(a -> mentions(a, copy) || mentions(a, later) || mentions(a, syndicated))
        .isEmpty(); // batched for the next update
    assertThat(after).filteredOn(a -> mentions(a, first)).hasSize(1);

    await().atMost(Pipeline.PATIENCE).until(() -> received.size() >= 2);
    receiver.stop(0);
    String[] delivered = received.get(1);
    assertThat(received.get(0)[2]).isEqualTo(delivered[2]); // the same alert, again after the 503
    assertThat(json(delivered[2]).path("kind").asText()).isEqualTo("NEW_STORY");
    assertThat(json(delivered[2]).path("articles").findValuesAsText("id")).containsExactly(first);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
    assertThat(delivered[1]).isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(
        (delivered[0] + "." + delivered[2]).getBytes(UTF_8))));

    assertThat(pipeline.send("DELETE", "/v1/alerts/" + alert, null).statusCode()).isEqualTo(204);
    assertThat(pipeline.get("/v1/alerts/" + alert).statusCode()).isEqualTo(404);
  }

  private List<AlertEvent> alertsFor(String alert, java.util.function.Predicate<List<AlertEvent>> until) {
    return kafka.read(Topics.ALERTS.name(), r -> isFor(alert, r),
            found -> until.test(found.stream().map(r -> pipeline.serdes.read(Topics.ALERTS, r.value())).toList()),
            Pipeline.PATIENCE)
        .stream().map(r -> pipeline.serdes.read(Topics.ALERTS, r.value())).toList();
  }

  private static boolean isFor(String alert, org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
    return record.key() != null && new String(record.key(), UTF_8).equals(alert);
  }

  private static boolean mentions(AlertEvent alert, String articleId) {
    return alert.getArticles().stream().anyMatch(a -> a.getId().equals(articleId));
  }

  private void assertProblem(String query, String parameter) throws Exception {
    HttpResponse<String> response = pipeline.get(query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response.body()).path("pointer").asText()).as(response.body()).isEqualTo(parameter);
  }

  private String accept(String article) throws Exception {
    HttpResponse<String> response = pipeline.post("/v1/articles", "application/json", article.getBytes(UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return json(response.body()).path("id").asText();
  }

  private JsonNode firstHit(String query) throws Exception {
    JsonNode hits = json(pipeline.get(query).body()).path("hits");
    return hits.isEmpty() ? null : hits.get(0);
  }

  private List<String> ids(String query) throws Exception {
    List<String> ids = new ArrayList<>();
    json(pipeline.get(query).body()).path("hits").forEach(hit -> ids.add(hit.path("id").asText()));
    return ids;
  }

  static String json(Object value) throws Exception {
    return ServiceHttp.JSON.writeValueAsString(value);
  }

  static JsonNode json(String text) throws Exception {
    return ServiceHttp.JSON.readTree(text);
  }

  static String enc(String text) {
    return URLEncoder.encode(text, UTF_8);
  }
}
