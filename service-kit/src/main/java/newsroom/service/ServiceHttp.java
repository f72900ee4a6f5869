package newsroom.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP face every service shares: health, Prometheus metrics, JSON and problem+json errors. */
public final class ServiceHttp {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceHttp.class);

  public static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  private ServiceHttp() {}

  /**
   * Liveness (restart me when false), readiness (send me traffic when true) and what readiness was
   * judged on (the dependencies' state, shown in the /health/ready answer).
   */
  public record Health(BooleanSupplier live, BooleanSupplier ready, Supplier<Map<String, Object>> checks) {
    public Health(BooleanSupplier live, BooleanSupplier ready) {
      this(live, ready, Map::of);
    }
  }

  /**
   * Starts a server on {@code port} (0 picks a free one) with {@code /health/live} and
   * {@code /health/ready} (503 while false) and {@code /metrics}, plus the service's own routes.
   */
  public static Javalin start(String service, int port, PrometheusMeterRegistry metrics, Health health,
                              AccessControl access, Consumer<JavalinConfig> routes) {
    Javalin app = Javalin.create(config -> {
      config.jsonMapper(new JavalinJackson(JSON, true));
      config.startup.showJavalinBanner = false;
      config.concurrency.useVirtualThreads = true;
      config.routes.get("/health/live", ctx -> status(ctx, service, health.live().getAsBoolean(), Map.of()));
      config.routes.get("/health/ready", ctx -> status(ctx, service, health.ready().getAsBoolean(), health.checks().get()));
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(metrics.scrape()));
      config.routes.exception(Problem.Exception.class, (e, ctx) -> respond(ctx, e.problem()));
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} failed on {} {}", service, ctx.method(), ctx.path(), e);
        respond(ctx, Problem.of(500, "Internal error",
            "The " + service + " failed unexpectedly; the error is in its log. Retry later."));
      });
      config.routes.error(404, ctx -> {
        if (ctx.result() == null) {
          respond(ctx, Problem.of(404, "Not found", "No resource at " + ctx.path() + "."));
        }
      });
      access.install(config, metrics);
      routes.accept(config);
    });
    return app.start(port);
  }

  private static void status(io.javalin.http.Context ctx, String service, boolean up, Map<String, Object> checks) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("service", service);
    body.put("status", up ? "UP" : "DOWN");
    if (!checks.isEmpty()) {
      body.put("checks", checks);
    }
    ctx.status(up ? 200 : 503).json(body);
  }

  public static void respond(io.javalin.http.Context ctx, Problem problem) {
    ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(toJson(problem));
  }

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
