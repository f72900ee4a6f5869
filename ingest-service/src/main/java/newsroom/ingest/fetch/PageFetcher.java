package newsroom.ingest.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsroom.service.PublicAddressResolver;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Fetches feeds and pages from the open web, defensively: public addresses only (unless a host is
 * explicitly allowed), a bounded number of redirects each checked again, a cap on the decoded body
 * (so gzip bombs stop at the cap), an idle timeout (slow-drip servers) and a total deadline, and
 * conditional GET with the validators of the previous fetch.
 */
public final class PageFetcher implements AutoCloseable {
  /** Limits of one fetch; {@code allowedHosts} may reach private addresses (internal sources, tests). */
  public record Limits(Duration timeout, long maxBytes, int maxRedirects, Set<String> allowedHosts, String userAgent) {
    public static Limits defaults() {
      return new Limits(Duration.ofSeconds(20), 5L * 1024 * 1024, 5, Set.of(),
          "newsroom-pipeline/0.1 (+https://github.com/newsroom-pipeline)");
    }
  }

  private final Limits limits;
  private final HttpClient client;

  public PageFetcher(Limits limits) {
    this.limits = limits;
    this.client = new HttpClient();
    client.setFollowRedirects(false); // every hop is checked here
    client.setConnectTimeout(Math.min(limits.timeout().toMillis(), 10_000));
    client.setIdleTimeout(Math.min(limits.timeout().toMillis(), 10_000));
    client.setSocketAddressResolver(new PublicAddressResolver(limits.allowedHosts()));
    client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, limits.userAgent()));
    client.setMaxConnectionsPerDestination(4);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP client", e);
    }
  }

  /** GET {@code url}; {@code etag}/{@code lastModified} from the previous fetch make it conditional (may be null). */
  public FetchedPage fetch(URI url, String etag, String lastModified) throws FetchException {
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    Set<URI> visited = new HashSet<>();
    URI current = url;
    for (int hop = 0; hop <= limits.maxRedirects(); hop++) {
      requireWebUrl(current);
      if (!visited.add(current)) {
        throw new FetchException("redirect loop at " + current, false, null);
      }
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remaining <= 0) {
        throw new FetchException("timed out after " + limits.timeout().toSeconds() + " s", true, null);
      }
      Request request = client.newRequest(current).timeout(remaining, TimeUnit.MILLISECONDS)
          .headers(h -> {
            h.put(HttpHeader.ACCEPT, "application/rss+xml, application/atom+xml, application/feed+json, "
                + "application/xml;q=0.9, text/html;q=0.9, */*;q=0.5");
            if (etag != null) {
              h.put(HttpHeader.IF_NONE_MATCH, etag);
            }
            if (lastModified != null) {
              h.put(HttpHeader.IF_MODIFIED_SINCE, lastModified);
            }
          });
      InputStreamResponseListener listener = new InputStreamResponseListener();
      request.send(listener);
      Response response = awaitHeaders(listener, remaining, current);
      int status = response.getStatus();
      if (status >= 300 && status < 400 && status != 304) {
        String location = response.getHeaders().get(HttpHeader.LOCATION);
        response.abort(new IOException("redirect"));
        if (location == null) {
          throw new FetchException("HTTP " + status + " without a Location header from " + current, false, null);
        }
        current = current.resolve(location.strip());
        continue;
      }
      if (status == 304) {
        response.abort(new IOException("not modified"));
        return new FetchedPage(current, true, null, new byte[0], etag, lastModified, null);
      }
      if (status != 200) {
        response.abort(new IOException("status " + status));
        boolean retriable = status == 408 || status == 429 || status >= 500;
        throw new FetchException("HTTP " + status + " from " + current, retriable, null);
      }
      byte[] body = readCapped(listener, response, current);
      return new FetchedPage(current, false, response.getHeaders().get(HttpHeader.CONTENT_TYPE), body,
          response.getHeaders().get(HttpHeader.ETAG), response.getHeaders().get(HttpHeader.LAST_MODIFIED),
          response.getHeaders().get(HttpHeader.CONTENT_LOCATION));
    }
    throw new FetchException("more than " + limits.maxRedirects() + " redirects from " + url, false, null);
  }

  private static Response awaitHeaders(InputStreamResponseListener listener, long timeoutMs, URI url) throws FetchException {
    try {
      return listener.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted", true, e);
    } catch (TimeoutException e) {
      throw new FetchException("no response from " + url + " in time", true, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof PublicAddressResolver.Refused refused) {
        throw new FetchException(refused.getMessage(), false, refused);
      }
      if (cause instanceof java.net.UnknownHostException) {
        throw new FetchException("unknown host " + url.getHost(), true, cause);
      }
      throw new FetchException("cannot fetch " + url + ": " + cause, true, cause);
    }
  }

  private byte[] readCapped(InputStreamResponseListener listener, Response response, URI url) throws FetchException {
    try (InputStream in = listener.getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
      if (body.length > limits.maxBytes()) {
        response.abort(new IOException("too large"));
        throw new FetchException(url + " is larger than " + limits.maxBytes() + " bytes (after decompression)", false, null);
      }
      return body;
    } catch (IOException e) {
      response.abort(e);
      boolean timeout = String.valueOf(e).toLowerCase(Locale.ROOT).contains("timeout");
      throw new FetchException((timeout ? "timed out reading " : "failed reading ") + url + ": " + e.getMessage(), true, e);
    }
  }

  private static void requireWebUrl(URI url) throws FetchException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new FetchException("only absolute http(s) URLs are fetched, not " + url, false, null);
    }
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      // stopping a client cannot lose data
    }
  }
}
