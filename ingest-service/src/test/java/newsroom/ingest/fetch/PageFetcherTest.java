package newsroom.ingest.fetch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fetcher against a local server that misbehaves in the ways the web does. */
class PageFetcherTest {
  private static Javalin server;
  private static PageFetcher fetcher;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    byte[] bomb = gzippedZeros(64 * 1024 * 1024);
    server = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
      config.routes.get("/feed", ctx -> {
        if ("\"v1\"".equals(ctx.header("If-None-Match"))) {
          ctx.status(304);
        } else {
          ctx.header("ETag", "\"v1\"").contentType("application/rss+xml").result("<rss version=\"2.0\"/>");
        }
      });
      config.routes.get("/redirect", ctx -> ctx.redirect("/feed", io.javalin.http.HttpStatus.FOUND));
      config.routes.get("/loop", ctx -> ctx.redirect("/loop", io.javalin.http.HttpStatus.FOUND));
      config.routes.get("/to-metadata", ctx -> ctx.redirect("http://169.254.169.254/latest/meta-data",
          io.javalin.http.HttpStatus.FOUND));
      config.routes.get("/missing", ctx -> ctx.status(404));
      config.routes.get("/broken", ctx -> ctx.status(500));
      config.routes.get("/big", ctx -> ctx.result(new byte[2 * 1024 * 1024]));
      config.routes.get("/bomb", ctx -> {
        ctx.header("Content-Encoding", "gzip").contentType("text/html");
        ctx.result(bomb);
      });
      config.routes.get("/slow", ctx -> {
        OutputStream out = ctx.res().getOutputStream();
        for (int i = 0; i < 100; i++) { // a byte every 300 ms: each read is quick, the whole never ends
          out.write('x');
          out.flush();
          Thread.sleep(300);
        }
      });
    }).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
    fetcher = new PageFetcher(new PageFetcher.Limits(Duration.ofSeconds(3), 1024 * 1024, 3,
        Set.of("127.0.0.1"), "newsroom-test"));
  }

  @AfterAll
  static void stop() {
    fetcher.close();
    server.stop();
  }

  @Test
  void fetchesAndThenAsksConditionally() throws Exception {
    FetchedPage first = fetcher.fetch(URI.create(base + "/redirect"), null, null);
    assertThat(new String(first.body(), UTF_8)).isEqualTo("<rss version=\"2.0\"/>");
    assertThat(first.url().getPath()).isEqualTo("/feed");
    assertThat(first.etag()).isEqualTo("\"v1\"");

    FetchedPage second = fetcher.fetch(URI.create(base + "/feed"), first.etag(), first.lastModified());
    assertThat(second.notModified()).isTrue();
  }

  @Test
  void privateAddressesAreRefusedUnlessAllowed() {
    try (PageFetcher strict = new PageFetcher(PageFetcher.Limits.defaults())) {
      assertThatThrownBy(() -> strict.fetch(URI.create(base + "/feed"), null, null))
          .isInstanceOf(FetchException.class).hasMessageContaining("not a public address")
          .matches(e -> !((FetchException) e).retriable());
    }
    // An allowed host cannot redirect into the cloud metadata service.
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/to-metadata"), null, null))
        .isInstanceOf(FetchException.class).hasMessageContaining("169.254.169.254");
  }

  @Test
  void redirectLoopsAndNonWebSchemesStop() {
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/loop"), null, null))
        .isInstanceOf(FetchException.class).hasMessageContaining("redirect loop");
    assertThatThrownBy(() -> fetcher.fetch(URI.create("file:///etc/passwd"), null, null))
        .isInstanceOf(FetchException.class).hasMessageContaining("only absolute http(s)");
  }

  @Test
  void bodiesAreCappedAlsoAfterDecompression() {
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/big"), null, null))
        .isInstanceOf(FetchException.class).hasMessageContaining("larger than");
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/bomb"), null, null))
        .isInstanceOf(FetchException.class).hasMessageContaining("larger than");
  }

  @Test
  void slowDripServersHitTheDeadline() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/slow"), null, null))
        .isInstanceOf(FetchException.class).matches(e -> ((FetchException) e).retriable());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void errorsSayWhetherARetryCanHelp() {
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/missing"), null, null))
        .isInstanceOf(FetchException.class).hasMessageContaining("HTTP 404")
        .matches(e -> !((FetchException) e).retriable());
    assertThatThrownBy(() -> fetcher.fetch(URI.create(base + "/broken"), null, null))
        .isInstanceOf(FetchException.class).hasMessageContaining("HTTP 500")
        .matches(e -> ((FetchException) e).retriable());
  }

  @Test
  void addressRules() throws Exception {
    for (String blocked : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1"}) {
      assertThat(newsroom.service.PublicAddressResolver.isPublic(InetAddress.getByName(blocked))).as(blocked).isFalse();
    }
    for (String open : new String[] {"93.184.215.14", "8.8.8.8", "2606:4700::1111"}) {
      assertThat(newsroom.service.PublicAddressResolver.isPublic(InetAddress.getByName(open))).as(open).isTrue();
    }
  }

  private static byte[] gzippedZeros(int size) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      byte[] chunk = new byte[64 * 1024];
      for (int written = 0; written < size; written += chunk.length) {
        gzip.write(chunk);
      }
    }
    return bytes.toByteArray();
  }
}
