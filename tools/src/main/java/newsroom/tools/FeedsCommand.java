package newsroom.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import newsroom.service.ServiceHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./newsroom feeds add|list|remove|import}: manage feed subscriptions of ingest-service. */
@Command(name = "feeds", mixinStandardHelpOptions = true, description = "Subscribe to feeds and see their health.",
    subcommands = {FeedsCommand.Add.class, FeedsCommand.ListFeeds.class, FeedsCommand.Remove.class, FeedsCommand.Import.class})
final class FeedsCommand {
  @Option(names = "--url", defaultValue = "http://localhost:8081", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "ingest-service (default: ${DEFAULT-VALUE})")
  String service;

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static JsonNode request(String service, String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder request = LocalKey.authorize(HttpRequest.newBuilder(URI.create(service + path)).timeout(Duration.ofSeconds(60)));
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IllegalStateException("ingest-service is not answering at " + service + "; start it with ./newsroom up");
    }
    JsonNode json = response.body().isBlank() ? ServiceHttp.JSON.createObjectNode() : ServiceHttp.JSON.readTree(response.body());
    if (response.statusCode() >= 400) {
      throw new IllegalStateException(json.path("detail").asText(response.body()));
    }
    return json;
  }

  static void print(JsonNode feed) {
    JsonNode health = feed.path("health");
    System.out.printf("%s  %-8s %s  (%s; %s items; %s)%n", feed.path("id").asText(), health.path("status").asText(),
        feed.path("url").asText(), feed.path("source").asText(health.path("source").asText("")),
        health.path("items_ingested").asText("0"), health.path("reason").asText());
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Subscribe to a feed (RSS, Atom or JSON Feed).")
  static final class Add implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    FeedsCommand parent;
    @Parameters(paramLabel = "URL")
    String url;
    @Option(names = "--source", description = "Source name for its articles (default: the feed's title)")
    String source;
    @Option(names = "--interval", defaultValue = "900", description = "Seconds between polls (default: ${DEFAULT-VALUE})")
    int interval;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("url", url);
      body.put("interval_seconds", interval);
      if (source != null) {
        body.put("source", source);
      }
      print(request(parent.service, "POST", "/v1/feeds", "application/json", ServiceHttp.JSON.writeValueAsString(body)));
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Subscriptions and their health.")
  static final class ListFeeds implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    FeedsCommand parent;

    @Override
    public Integer call() throws Exception {
      JsonNode feeds = request(parent.service, "GET", "/v1/feeds", null, null);
      feeds.forEach(FeedsCommand::print);
      System.out.println(feeds.size() + " feeds");
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Unsubscribe.")
  static final class Remove implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    FeedsCommand parent;
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws Exception {
      request(parent.service, "DELETE", "/v1/feeds/" + id, null, null);
      System.out.println("unsubscribed " + id);
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true, description = "Subscribe to every feed of an OPML file.")
  static final class Import implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    FeedsCommand parent;
    @Parameters(paramLabel = "FILE.opml")
    Path file;

    @Override
    public Integer call() throws Exception {
      JsonNode result = request(parent.service, "POST", "/v1/feeds:import", "text/x-opml", Files.readString(file));
      int failed = 0;
      for (JsonNode line : result.path("results")) {
        boolean ok = line.path("status").asInt() < 400;
        failed += ok ? 0 : 1;
        System.out.printf("%s %s%s%n", ok ? "subscribed" : "refused   ", line.path("url").asText(),
            ok ? "  " + line.path("id").asText() : ": " + line.path("error").path("detail").asText());
      }
      System.out.printf("%d subscribed, %d refused%n", result.path("results").size() - failed, failed);
      return failed == 0 ? 0 : 1;
    }
  }
}
