package newsroom.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import newsroom.service.ServiceHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./newsroom search "QUERY"}: prints matching articles, their entities and the entity facets. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the indexed articles.")
final class SearchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "QUERY", arity = "0..1", description = "Words, \"phrases\", -exclusions (empty: latest articles)")
  String query;
  @Option(names = "--entity", description = "Only articles with this entity (canonical name or id); repeatable")
  List<String> entities = new ArrayList<>();
  @Option(names = "--size", defaultValue = "10", description = "Results to show (default: ${DEFAULT-VALUE})")
  int size;
  @Option(names = "--all-copies", description = "Show every copy of an article (syndicated, republished) as a result of its own")
  boolean allCopies;
  @Option(names = "--url", defaultValue = "http://localhost:8083", description = "index-service (default: ${DEFAULT-VALUE})")
  String url;

  @Override
  public Integer call() throws Exception {
    StringBuilder uri = new StringBuilder(url).append("/v1/search?size=").append(size);
    if (query != null) {
      uri.append("&q=").append(URLEncoder.encode(query, StandardCharsets.UTF_8));
    }
    if (allCopies) {
      uri.append("&copies=all");
    }
    for (String entity : entities) {
      uri.append("&entity=").append(URLEncoder.encode(entity, StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(LocalKey.authorize(HttpRequest.newBuilder(URI.create(uri.toString())))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      System.err.println("newsroom search: index-service is not answering at " + url + "; start it with ./newsroom up");
      return 2;
    }
    JsonNode json = ServiceHttp.JSON.readTree(response.body());
    if (response.statusCode() != 200) {
      System.err.println("newsroom search: " + json.path("detail").asText(response.body()));
      return 1;
    }
    System.out.printf("%d articles%s%n%n", json.path("total").asLong(),
        json.has("groups") ? " (" + json.path("groups").asLong() + " once copies are grouped)" : "");
    for (JsonNode hit : json.path("hits")) {
      System.out.printf("%s%n  %s · %s · %s%n", hit.path("title").asText(), hit.path("source").asText(),
          hit.path("published_at").asText(hit.path("ingested_at").asText()), hit.path("id").asText());
      if (hit.has("copies")) {
        List<String> outlets = new ArrayList<>();
        hit.path("copies").path("sources").forEach(o -> outlets.add(o.asText()));
        outlets.remove(hit.path("source").asText());
        System.out.printf("  %d copies%s%n", hit.path("copies").path("count").asLong(),
            outlets.isEmpty() ? "" : ", also in " + String.join(", ", outlets));
      }
      for (JsonNode snippet : hit.path("snippets")) {
        System.out.println("  … " + plain(snippet.asText()) + " …");
      }
      List<String> names = new ArrayList<>();
      hit.path("entities").forEach(e -> names.add(e.path("name").asText()));
      System.out.println("  entities: " + String.join(", ", names.subList(0, Math.min(8, names.size()))));
      System.out.println();
    }
    List<String> facets = new ArrayList<>();
    json.path("facets").path("entities").forEach(f -> facets.add(f.path("name").asText() + " (" + f.path("count").asLong() + ")"));
    if (!facets.isEmpty()) {
      System.out.println("entities: " + String.join(", ", facets));
    }
    return 0;
  }

  /** Highlights come HTML-escaped with <em> marks; a terminal wants plain text. */
  private static String plain(String html) {
    return html.replaceAll("\\s+", " ").replace("<em>", "*").replace("</em>", "*").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
