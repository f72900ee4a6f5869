package newsroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's requests a minute hold for the whole service when several instances share its traffic
 * round robin: each instance allows its share ({@code NEWSROOM_INSTANCES}), not the full limit.
 */
class RateLimitShareTest {
  private static final String KEY = ApiKeys.generate();
  private final List<Javalin> servers = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    servers.forEach(Javalin::stop);
  }

  @Test
  void threeInstancesRoundRobinAllowTheKeysLimitInAll() throws Exception {
    assertAccepted(instances(3, 10), 15, 4); // 10 a minute: ceil(10 / 3) = 4 on each, 12 in all, not 30
  }

  @Test
  void oneInstanceAllowsTheWholeLimit() throws Exception {
    assertAccepted(instances(1, 10), 15, 10);
  }

  @Test
  void everyInstanceAllowsAtLeastOneRequest() {
    assertThat(new AccessControl(ApiKeys.of(List.of()), 8).share(3)).isEqualTo(1);
    assertThat(new AccessControl(ApiKeys.of(List.of()), 2).share(600)).isEqualTo(300);
  }

  private List<String> instances(int count, int perMinute) throws Exception {
    Path keys = Files.writeString(dir.resolve("keys"),
        ApiKeys.line("desk", EnumSet.of(ApiKeys.Scope.SEARCH), KEY, perMinute) + "\n");
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      AccessControl access = AccessControl.from(new Settings(Map.of(AccessControl.KEYS_FILE, keys.toString(),
          AccessControl.INSTANCES, Integer.toString(count))));
      Javalin server = ServiceHttp.start("test", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          new ServiceHttp.Health(() -> true, () -> true), access,
          config -> config.routes.get("/v1/thing", ctx -> ctx.result("ok"), ApiKeys.Scope.SEARCH));
      servers.add(server);
      urls.add("http://localhost:" + server.port());
    }
    return urls;
  }

  /**
   * Sends {@code requests} round robin, as a load balancer would: each instance accepts its share,
   * plus what its bucket refilled meanwhile (a token per 60 / share seconds) on a slow machine.
   */
  private void assertAccepted(List<String> urls, int requests, int share) throws Exception {
    long start = System.nanoTime();
    int accepted = acceptedOf(urls, requests);
    long refilled = (long) ((System.nanoTime() - start) / 1e9 * share / 60);
    assertThat(accepted).isBetween(urls.size() * share, urls.size() * (share + (int) refilled));
  }

  private int acceptedOf(List<String> urls, int requests) throws Exception {
    int accepted = 0;
    for (int n = 0; n < requests; n++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(urls.get(n % urls.size()) + "/v1/thing"))
          .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isIn(200, 429);
      accepted += response.statusCode() == 200 ? 1 : 0;
    }
    return accepted;
  }
}
