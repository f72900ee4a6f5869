package newsroom.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import newsroom.service.ServiceHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./newsroom ingest PATH|-}: posts text, HTML or JSON files (or a folder of them) to ingest-service. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Send articles to ingest-service: a .txt/.html/.json/.ndjson file, a folder of them, or - for stdin.")
final class IngestCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH|-", description = "File, folder, or - to read one article from standard input")
  String path;
  @Option(names = "--url", defaultValue = "http://localhost:8081", description = "ingest-service (default: ${DEFAULT-VALUE})")
  String url;
  @Option(names = "--source", description = "Source name to record (default: the site named in the text or page)")
  String source;
  @Option(names = "--format", description = "text, html or json for standard input (default: guessed from the content)")
  String format;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int accepted;
  private int rejected;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (path.equals("-")) {
      byte[] input = System.in.readAllBytes();
      send("stdin", new String(input, StandardCharsets.UTF_8), format);
    } else {
      Path root = Path.of(path);
      if (!Files.exists(root)) {
        System.err.println("newsroom ingest: " + root + " does not exist");
        return 2;
      }
      try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          send(file.toString(), Files.readString(file, StandardCharsets.UTF_8), extension(file));
        }
      }
    }
    System.out.printf("%d accepted, %d rejected%n", accepted, rejected);
    return rejected == 0 ? 0 : 1;
  }

  private void send(String name, String content, String kind) throws IOException, InterruptedException {
    String type = kind != null ? kind : guess(content);
    String endpoint = "/v1/articles";
    String body;
    switch (type) {
      case "json" -> body = content;
      case "ndjson" -> {
        endpoint = "/v1/articles:bulk";
        body = content;
      }
      default -> {
        Map<String, Object> article = new LinkedHashMap<>();
        article.put(type.equals("html") ? "html" : "body", content);
        if (source != null) {
          article.put("source", source);
        }
        body = ServiceHttp.JSON.writeValueAsString(article);
      }
    }
    HttpResponse<String> response;
    try {
      response = http.send(LocalKey.authorize(HttpRequest.newBuilder(URI.create(url + endpoint)))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IllegalStateException("ingest-service is not answering at " + url + "; start it with ./newsroom up");
    }
    report(name, response);
  }

  private void report(String name, HttpResponse<String> response) throws IOException {
    JsonNode json = ServiceHttp.JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    if (response.statusCode() == 202) {
      accepted++;
      System.out.printf("accepted %s  %s  (%s)%n", json.path("id").asText(), json.path("title").asText(), name);
    } else if (response.statusCode() == 200 && json.has("results")) {
      for (JsonNode line : json.get("results")) {
        if (line.path("status").asInt() == 202) {
          accepted++;
          System.out.printf("accepted %s  %s  (%s line %d)%n", line.path("id").asText(), line.path("title").asText(),
              name, line.path("line").asInt());
        } else {
          rejected++;
          System.out.printf("rejected %s line %d: %s%n", name, line.path("line").asInt(),
              line.path("error").path("detail").asText());
        }
      }
    } else {
      rejected++;
      String hint = "source".equals(json.path("pointer").asText()) ? " (pass --source NAME)" : "";
      System.out.printf("rejected %s: %d %s%s%n", name, response.statusCode(),
          json.path("detail").asText(response.body()), hint);
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String ext : List.of("ndjson", "jsonl")) {
      if (name.endsWith("." + ext)) {
        return "ndjson";
      }
    }
    if (name.endsWith(".json")) {
      return "json";
    }
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return "html";
    }
    return "text";
  }

  private static String guess(String content) {
    String start = content.stripLeading();
    if (start.startsWith("{")) {
      return "json";
    }
    return start.startsWith("<") ? "html" : "text";
  }
}
