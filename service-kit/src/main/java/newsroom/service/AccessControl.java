package newsroom.service;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call a service's API: every route declares the scopes that may call it (Javalin route
 * roles); a request to such a route must present a key ({@code Authorization: Bearer KEY} or
 * {@code X-Api-Key: KEY}) with one of them, within the key's rate limit (a token bucket per key:
 * its requests per minute, in bursts of up to as many). Routes without scopes (health, metrics, the
 * search page, the OpenAPI document) are open. Keys are never logged: the key's name identifies it.
 *
 * <p>Buckets live in each instance. Where {@value #INSTANCES} instances share a service's traffic
 * behind a load balancer that spreads requests evenly (round robin), each instance allows its share,
 * {@code ceil(limit / instances)}, so that the key's allowance holds for the whole service.
 */
public final class AccessControl {
  public static final String KEYS_FILE = "NEWSROOM_API_KEYS_FILE";
  /** Request attribute: the name of the key that made the request. */
  public static final String KEY_NAME = "newsroom.api-key-name";
  /** For services with no API of their own, and for trusted networks where the operator says so. */
  public static final AccessControl OFF = new AccessControl(null, 1);
  public static final String INSTANCES = "NEWSROOM_INSTANCES";

  private final ApiKeys keys;
  private final int instances;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Keys (null: access control off) and how many instances of the service share each key's rate limit. */
  public AccessControl(ApiKeys keys, int instances) {
    this.keys = keys;
    this.instances = instances;
  }

  /** From {@value #KEYS_FILE}: a keys file, or {@code none} to turn access control off. */
  public static AccessControl from(Settings settings) {
    int instances = settings.integer(INSTANCES, 1, 1, 1_000, "Instances of this service behind one load balancer:"
        + " each allows 1/N of every key's requests a minute (the balancer must spread requests evenly)");
    AccessControl access = settings.custom(KEYS_FILE, "",
        "File of the API keys (name, scopes, SHA-256, requests per minute; './newsroom keys create' adds one);"
            + " 'none' turns access control off (trusted networks only)", value -> {
          if (value.isBlank()) {
            throw new IllegalArgumentException("is required: make a key and its file with './newsroom keys create'"
                + " (or set it to 'none' to run without access control on a trusted network)");
          }
          if (value.equals("none")) {
            return OFF;
          }
          try {
            return new AccessControl(ApiKeys.read(Path.of(value)), instances);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read it (" + e + ")", e);
          }
        });
    return access == null ? OFF : access;
  }

  public boolean enabled() {
    return keys != null;
  }

  void install(JavalinConfig config, MeterRegistry metrics) {
    if (keys == null) {
      return;
    }
    config.routes.beforeMatched(ctx -> check(ctx, metrics));
  }

  private void check(Context ctx, MeterRegistry metrics) {
    Set<RouteRole> scopes = ctx.routeRoles();
    if (scopes.isEmpty()) {
      return; // an open route
    }
    String presented = presentedKey(ctx);
    if (presented == null) {
      refuse(ctx, metrics, "missing", Problem.of(401, "API key needed",
          "Send an API key as 'Authorization: Bearer KEY' (or 'X-Api-Key: KEY'); the operator gives out keys."));
    }
    ApiKeys.Key key = keys.find(presented).orElse(null);
    if (key == null) {
      refuse(ctx, metrics, "unknown", Problem.of(401, "Unknown API key",
          "The API key is not one this service knows (revoked, or mistyped); ask the operator for a key."));
    }
    if (scopes.stream().noneMatch(key.scopes()::contains)) {
      refuse(ctx, metrics, "scope", Problem.of(403, "Not allowed",
          "The key '" + key.name() + "' lacks the scope this needs: " + String.join(" or ",
              scopes.stream().map(s -> ((ApiKeys.Scope) s).label()).sorted().toList()) + "."));
    }
    ConsumptionProbe probe = buckets.computeIfAbsent(key.name(), name -> {
          long share = share(key.perMinute());
          return Bucket.builder()
              .addLimit(Bandwidth.builder().capacity(share).refillGreedy(share, Duration.ofMinutes(1)).build()).build();
        })
        .tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
      ctx.header("Retry-After", Long.toString(seconds));
      refuse(ctx, metrics, "rate", Problem.of(429, "Too many requests",
          "The key '" + key.name() + "' may make " + key.perMinute() + " requests a minute; retry in " + seconds + " s."));
    }
    ctx.header("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
    ctx.attribute(KEY_NAME, key.name());
  }

  /** This instance's part of a key's requests a minute: never below one, so every key can make some. */
  long share(long perMinute) {
    return Math.max(1, (perMinute + instances - 1) / instances);
  }

  private static String presentedKey(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    String header = ctx.header("X-Api-Key");
    return header == null || header.isBlank() ? null : header.strip();
  }

  private static void refuse(Context ctx, MeterRegistry metrics, String reason, Problem problem) {
    metrics.counter("http.refused", "reason", reason).increment();
    if (problem.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    throw new Problem.Exception(problem);
  }
}
