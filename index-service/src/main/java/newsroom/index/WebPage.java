package newsroom.index;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The search page journalists use, at {@code /}: static HTML, CSS and a JavaScript module (no build
 * step) that call the search API. Article text is hostile input: the page only ever inserts it as
 * text, and the Content-Security-Policy allows no script but the page's own, so even a mistake there
 * could not run an article's script.
 */
final class WebPage {
  static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "Cache-Control", "no-cache");

  private WebPage() {}

  static void serve(JavalinConfig config) {
    config.staticFiles.add(files -> {
      files.hostedPath = "/";
      files.directory = "/newsroom/index/web";
      files.location = Location.CLASSPATH;
      files.headers = HEADERS;
    });
  }
}
