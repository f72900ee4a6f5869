package newsroom.ingest;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsroom.events.ArticleIngested;
import newsroom.events.IngestRejection;
import newsroom.service.ApiKeys.Scope;
import newsroom.service.Problem;
import newsroom.service.ServiceHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/articles} (one JSON article) and {@code POST /v1/articles:bulk} (NDJSON).
 *
 * <p>An article is answered 202 only after Kafka acknowledged it. Invalid input is answered 400
 * with a problem+json body and recorded on news.ingest.rejected; nothing half-valid is published.
 */
final class IngestApi {
  private static final Logger LOG = LoggerFactory.getLogger(IngestApi.class);
  private static final int EXCERPT = 2_000;

  private final IngestConfig config;
  private final ArticlePublisher publisher;
  private final ArticleParser parser;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final Timer ackTime;

  IngestApi(IngestConfig config, ArticleParser parser, ArticlePublisher publisher, Clock clock, MeterRegistry metrics) {
    this.config = config;
    this.parser = parser;
    this.publisher = publisher;
    this.clock = clock;
    this.metrics = metrics;
    this.ackTime = Timer.builder("ingest.kafka.ack").description("Time until Kafka acknowledged an article")
        .publishPercentiles(0.5, 0.95, 0.99).register(metrics);
  }

  void routes(JavalinConfig config) {
    config.http.maxRequestSize = this.config.maxBodyBytes();
    config.routes.post("/v1/articles", this::postOne, Scope.INGEST);
    config.routes.post("/v1/articles:bulk", this::postBulk, Scope.INGEST);
  }

  private void postOne(Context ctx) {
    String channel = "POST /v1/articles";
    String text = readBody(ctx, channel);
    ArticleIngested article;
    try {
      article = parser.parse(text, clock.instant());
    } catch (InvalidInput e) {
      throw rejected(channel, e.where(), e.getMessage(), text);
    }
    Object result = awaitAck(article, publisher.publish(article));
    if (result instanceof Problem problem) {
      ServiceHttp.respond(ctx, problem);
    } else {
      ctx.status(202).json(accepted(article));
    }
  }

  private void postBulk(Context ctx) {
    String text = readBody(ctx, "POST /v1/articles:bulk");
    String[] lines = text.split("\r?\n");
    List<ArticleIngested> articles = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    List<CompletableFuture<?>> acks = new ArrayList<>();
    List<Map<String, Object>> results = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      int lineNumber = i + 1;
      try {
        ArticleIngested article = parser.parse(lines[i], clock.instant());
        articles.add(article);
        lineNumbers.add(lineNumber);
        acks.add(publisher.publish(article));
        results.add(null); // filled in once acknowledged
      } catch (InvalidInput e) {
        String channel = "POST /v1/articles:bulk line " + lineNumber;
        Problem problem = rejected(channel, e.where(), e.getMessage(), lines[i]).problem();
        results.add(lineResult(lineNumber, problem.status(), Map.of("error", problem)));
      }
    }
    if (results.isEmpty()) {
      throw rejected("POST /v1/articles:bulk", "body", "no articles: send one JSON object per line (NDJSON)", text);
    }
    int next = 0;
    int accepted = 0;
    for (int r = 0; r < results.size(); r++) {
      if (results.get(r) != null) {
        continue;
      }
      ArticleIngested article = articles.get(next);
      Object outcome = awaitAck(article, acks.get(next));
      int lineNumber = lineNumbers.get(next++);
      if (outcome instanceof Problem problem) {
        results.set(r, lineResult(lineNumber, problem.status(), Map.of("error", problem)));
      } else {
        accepted++;
        results.set(r, lineResult(lineNumber, 202, accepted(article)));
      }
    }
    ctx.status(200).json(Map.of("accepted", accepted, "rejected", results.size() - accepted, "results", results));
  }

  private static Map<String, Object> lineResult(int line, int status, Map<String, Object> details) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("line", line);
    result.put("status", status);
    result.putAll(details);
    return result;
  }

  private static Map<String, Object> accepted(ArticleIngested article) {
    return Map.of("id", article.getId(), "title", article.getTitle(), "source", article.getSource(),
        "related_headlines", article.getRelatedHeadlines());
  }

  /** Waits for the broker; returns the metadata, or a 503 problem the client can retry on. */
  private Object awaitAck(ArticleIngested article, CompletableFuture<?> ack) {
    long start = System.nanoTime();
    try {
      Object metadata = ack.get(config.ackTimeoutMs() + 1_000L, TimeUnit.MILLISECONDS);
      ackTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      metrics.counter("ingest.articles", "outcome", "accepted").increment();
      return metadata;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable(article, e);
    } catch (ExecutionException | TimeoutException e) {
      return unavailable(article, e instanceof ExecutionException ? e.getCause() : e);
    }
  }

  private Problem unavailable(ArticleIngested article, Throwable cause) {
    LOG.warn("Kafka did not acknowledge article {}: {}", article.getId(), String.valueOf(cause));
    metrics.counter("ingest.articles", "outcome", "unavailable").increment();
    return Problem.of(503, "Kafka unavailable",
        "Kafka did not acknowledge article " + article.getId() + " (" + cause.getClass().getSimpleName()
            + "). Retry the same request: the id is stable, so a retry never creates a duplicate.");
  }

  /** Reads the body as strict UTF-8 within the size limit. */
  private String readBody(Context ctx, String channel) {
    long limit = config.maxBodyBytes();
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw tooLarge(channel, declared);
    }
    byte[] bytes;
    try (InputStream in = ctx.bodyInputStream()) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw tooLarge(channel, bytes.length);
      }
    } catch (IOException e) {
      throw new Problem.Exception(Problem.of(400, "Unreadable body", "the request body could not be read: " + e.getMessage()));
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(buffer).toString();
    } catch (CharacterCodingException e) {
      String excerpt = new String(bytes, 0, Math.min(bytes.length, EXCERPT), StandardCharsets.UTF_8);
      throw rejected(channel, "byte " + buffer.position(),
          "the body is not valid UTF-8 (first bad byte at offset " + buffer.position() + "); send UTF-8 text", excerpt);
    }
  }

  private Problem.Exception tooLarge(String channel, long size) {
    metrics.counter("ingest.articles", "outcome", "too_large").increment();
    return new Problem.Exception(Problem.of(413, "Body too large",
        "the body has " + size + " bytes; " + channel + " accepts at most " + config.maxBodyBytes()
            + " (INGEST_MAX_BODY_BYTES). Split bulk uploads into smaller requests."));
  }

  /** Records the rejection on news.ingest.rejected (best effort) and returns the 400 to answer. */
  private Problem.Exception rejected(String channel, String where, String reason, String input) {
    metrics.counter("ingest.articles", "outcome", "rejected").increment();
    IngestRejection rejection = IngestRejection.newBuilder()
        .setReceivedAt(clock.instant())
        .setChannel(channel)
        .setReason((where == null ? "" : where + ": ") + reason)
        .setExcerpt(input.length() > EXCERPT ? input.substring(0, EXCERPT) : input)
        .build();
    publisher.reject(rejection).whenComplete((ok, error) -> {
      if (error != null) {
        LOG.warn("could not record rejection on news.ingest.rejected: {}", error.toString());
      }
    });
    return new Problem.Exception(Problem.of(400, "Invalid article", reason).at(where));
  }
}
