package newsroom.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * URL normalisation for article identity: two URLs that reach the same article should normalise
 * to the same string, so the article keeps one id however a source links to it.
 */
public final class CanonicalUrl {
  private static final Set<String> TRACKING = Set.of(
      "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid", "smid", "ref_src",
      "amp", "outputtype", "amp_js_v", "usqp");
  // Google's AMP cache serves https://www.example.com/a as https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a
  private static final java.util.regex.Pattern AMP_CACHE =
      java.util.regex.Pattern.compile("^/[a-z](?:/s)?/([^/]+)(/.*)?$");

  private CanonicalUrl() {}

  /** Parses and normalises an absolute http(s) URL; throws IllegalArgumentException saying what is wrong. */
  public static String of(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("must be an absolute http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("has no host");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".cdn.ampproject.org")) {
      var m = AMP_CACHE.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
      if (m.matches()) {
        return of((uri.getRawPath().contains("/s/") ? "https://" : "http://") + m.group(1)
            + (m.group(2) == null ? "/" : m.group(2)) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
      }
    }
    if (host.startsWith("amp.")) {
      host = host.substring(4); // amp.example.com/a is example.com/a
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"));
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    path = path.replaceFirst("/amp/?$", "/").replaceFirst("\\.amp(\\.html?)?$", "$1").replaceFirst("^/amp/", "/");
    StringBuilder out = new StringBuilder(scheme).append("://").append(host);
    if (!defaultPort) {
      out.append(':').append(port);
    }
    out.append(path);
    String query = cleanQuery(uri.getRawQuery());
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString(); // the fragment never names a different article
  }

  private static String cleanQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (!pair.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
        kept.add(pair);
      }
    }
    kept.sort(null); // parameter order never changes the article
    return String.join("&", kept);
  }

  public static String host(String canonicalUrl) {
    return URI.create(canonicalUrl).getHost();
  }
}
