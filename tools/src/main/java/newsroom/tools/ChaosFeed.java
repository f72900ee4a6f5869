package newsroom.tools;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.ingest.feeds.FeedAssignment;
import newsroom.service.ServiceHttp;

/**
 * A feed served from the chaos run itself, subscribed at a short interval, that notes when it is
 * fetched: while ingest instances die and come back, it must still be polled once per interval,
 * never twice (two instances polling it) and never left unpolled for longer than a hand-over takes.
 * It has no items, so it adds no articles to the run's count.
 */
public final class ChaosFeed implements AutoCloseable {
  /** Where the feed is served: ingest-service must be allowed to fetch from it (a private address). */
  static final String HOST = "127.0.0.1";
  static final Duration INTERVAL = Duration.ofSeconds(15);
  /**
   * The longest allowed gap: an interval with its +10 % jitter, the group's session timeout (how long
   * a dead instance's feeds wait), and 15 s for the rebalance and the new owner's catching up.
   */
  static final Duration LONGEST_ALLOWED = Duration.ofMillis(INTERVAL.toMillis() * 11 / 10)
      .plus(FeedAssignment.SESSION_TIMEOUT).plusSeconds(15);
  /** The shortest allowed gap: less than half an interval means two instances polled it. */
  static final Duration SHORTEST_ALLOWED = INTERVAL.dividedBy(2);

  /** How the feed was polled during the run. */
  public record Polls(int count, Duration shortestGap, Duration longestGap) {
    public boolean steady() {
      return count >= 2 && shortestGap.compareTo(SHORTEST_ALLOWED) >= 0 && longestGap.compareTo(LONGEST_ALLOWED) <= 0;
    }
  }

  private final HttpServer server;
  private final List<Long> polledAt = new CopyOnWriteArrayList<>();

  ChaosFeed() throws IOException {
    server = HttpServer.create(new InetSocketAddress(HOST, 0), 0);
    server.createContext("/feed.xml", exchange -> {
      polledAt.add(System.nanoTime());
      byte[] body = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Chaos desk</title>"
          + "<link>http://127.0.0.1/</link></channel></rss>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  /** Subscribes through one ingest instance; every instance shares the subscription. */
  void subscribe(HttpClient http, String ingestUrl, String key) throws IOException, InterruptedException {
    String body = ServiceHttp.JSON.writeValueAsString(java.util.Map.of("url", "http://" + HOST + ":"
        + server.getAddress().getPort() + "/feed.xml", "source", "Chaos desk", "interval_seconds", INTERVAL.toSeconds()));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingestUrl + "/v1/feeds"))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("subscribing the chaos feed failed: HTTP " + response.statusCode() + " " + response.body());
    }
  }

  /** The polls so far; the time since the last one counts as a gap too, so a feed no longer polled shows. */
  Polls polls() {
    List<Long> times = new ArrayList<>(polledAt);
    times.add(System.nanoTime());
    long shortest = Long.MAX_VALUE;
    long longest = 0;
    for (int i = 1; i < times.size(); i++) {
      long gap = times.get(i) - times.get(i - 1);
      longest = Math.max(longest, gap);
      if (i < times.size() - 1) { // the open gap may have just begun
        shortest = Math.min(shortest, gap);
      }
    }
    int count = times.size() - 1;
    return new Polls(count, Duration.ofNanos(count < 2 ? 0 : shortest), Duration.ofNanos(longest));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
