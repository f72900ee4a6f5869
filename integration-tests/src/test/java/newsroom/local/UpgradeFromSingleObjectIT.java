package newsroom.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import newsroom.schemas.Topics;
import newsroom.service.ServiceHttp;
import org.junit.jupiter.api.Test;

/**
 * A pipeline upgraded in place from a release before the registry: that release is this code writing
 * single-object encoding (NEWSROOM_EVENT_FORMAT=single-object), byte for byte what it wrote. After the
 * upgrade the pipeline keeps its feeds, knowledge-base corrections, alert subscriptions and stories, and an
 * index rebuilt from news.articles.enriched holds the articles of both formats.
 */
class UpgradeFromSingleObjectIT {
  @Test
  void aPipelineUpgradedInPlaceKeepsItsStateAndReadsEveryEvent() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    try (Pipeline pipeline = new Pipeline(LocalInfra.shared())) {
      pipeline.env.put("NEWSROOM_EVENT_FORMAT", "single-object");
      pipeline.startAll();
      await().atMost(Pipeline.PATIENCE).until(() -> pipeline.get("/health/ready").statusCode() == 200);
      String feed = created(pipeline.post("/v1/feeds", "application/json", toJson(Map.of(
          "url", "https://feeds.example.invalid/" + run + ".xml", "source", "Upgrade Wire", "interval_seconds", 3600))
          .getBytes(UTF_8)));
      String entity = "Q" + (900_000_000 + Math.floorMod(run.hashCode(), 99_999_999));
      assertThat(pipeline.send("PUT", "/v1/entities/" + entity, toJson(Map.of("name", "Harbourmaster Vellacott " + run,
          "type", "PERSON"))).statusCode()).isEqualTo(200);
      String alert = created(pipeline.send("POST", "/v1/alerts", toJson(Map.of("name", "Upgrade " + run, "query", run))));
      String first = accept(pipeline, "Ferry strike halts crossings to Harwich " + run,
          "Ferry crews walked out on Monday, halting every crossing to Harwich; the union said talks had failed.");
      String story = storyOf(pipeline, first);
      assertThat(firstBytes(pipeline, first)).as("written as the release before the registry did").isEqualTo((byte) 0xC3);

      pipeline.stopAll();
      pipeline.env.remove("NEWSROOM_EVENT_FORMAT"); // the upgrade: this release's default
      pipeline.startAll();
      await().atMost(Pipeline.PATIENCE).until(() -> pipeline.get("/health/ready").statusCode() == 200);

      assertThat(ServiceHttp.JSON.readTree(ingestGet(pipeline, "/v1/feeds/" + feed)).path("source").asText())
          .isEqualTo("Upgrade Wire");
      assertThat(parse(pipeline.get("/v1/entities/" + entity).body()).path("source").asText()).isEqualTo("newsroom");
      assertThat(parse(pipeline.get("/v1/alerts").body()).path("alerts").findValuesAsText("id")).contains(alert);
      String second = accept(pipeline, "Harwich ferry strike halts crossings for second day " + run,
          "Ferry crossings to Harwich stayed halted on Tuesday as the strike by ferry crews went on.");
      assertThat(storyOf(pipeline, second)).as("the story kept in enrich-service's state").isEqualTo(story);
      assertThat(firstBytes(pipeline, second)).as("written in the Confluent wire format").isZero();

      // The index rebuilt from the topic: a new alias replays news.articles.enriched, both formats in it.
      pipeline.stopAll();
      // (not the old alias with a suffix: its index template's pattern, <alias>-*, would cover the new one's)
      pipeline.env.put("INDEX_ALIAS", "rebuilt-" + pipeline.env.get("INDEX_ALIAS"));
      pipeline.env.put("INDEX_GROUP_ID", pipeline.env.get("INDEX_GROUP_ID") + "-rebuilt");
      pipeline.startIndex();
      await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
          parse(pipeline.get("/v1/search?size=0&copies=all&q=" + run).body()).path("total").asLong() == 2);

      pipeline.startIngest(); // to remove the feed: the topics are shared with other tests
      pipeline.send("DELETE", pipeline.ingestUrl() + "/v1/feeds/" + feed, null, Pipeline.KEY);
      pipeline.send("DELETE", "/v1/entities/" + entity, null);
      pipeline.send("DELETE", "/v1/alerts/" + alert, null);
    }
  }

  /** The first byte of the article's latest committed enriched event, as stored in Kafka. */
  private static byte firstBytes(Pipeline pipeline, String id) {
    var records = new KafkaProbe(LocalInfra.shared().kafkaBootstrap()).read(Topics.ARTICLES_ENRICHED.name(),
        r -> id.equals(new String(r.key(), UTF_8)), found -> !found.isEmpty(), Pipeline.PATIENCE);
    return records.getLast().value()[0];
  }

  private static String storyOf(Pipeline pipeline, String id) {
    return await().atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> parse(pipeline.get("/v1/articles/" + id).body()).path("story_id").asText(""), s -> !s.isEmpty());
  }

  private static String accept(Pipeline pipeline, String title, String body) throws Exception {
    return created(pipeline.post("/v1/articles", "application/json",
        toJson(Map.of("source", "upgrade-wire", "title", title, "body", body)).getBytes(UTF_8)));
  }

  private static String ingestGet(Pipeline pipeline, String path) throws Exception {
    return pipeline.send("GET", pipeline.ingestUrl() + path, null, Pipeline.KEY).body();
  }

  private static String created(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201, 202);
    return ServiceHttp.JSON.readTree(response.body()).path("id").asText();
  }

  private static String toJson(Object value) throws Exception {
    return ServiceHttp.JSON.writeValueAsString(value);
  }

  private static JsonNode parse(String body) throws Exception {
    return ServiceHttp.JSON.readTree(body);
  }
}
