package newsroom.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Charsets as servers really send them. */
class FetchedPageTest {
  private static FetchedPage page(String contentType, byte[] body) {
    return new FetchedPage(URI.create("https://x.example/"), false, contentType, body, null, null, null);
  }

  private static final String TEXT = "<html><head>%s</head><body><p>Café crème, déjà vu – naïve façade.</p></body></html>";

  @Test
  void aTruthfulHeaderIsBelieved() {
    byte[] latin1 = String.format(TEXT, "").getBytes(Charset.forName("windows-1252"));
    assertThat(page("text/html; charset=windows-1252", latin1).html()).contains("Café crème, déjà vu – naïve façade.");
  }

  @Test
  void aHeaderThatLiesIsOverruledByTheBytes() {
    byte[] latin1 = String.format(TEXT, "").getBytes(Charset.forName("windows-1252"));
    assertThat(page("text/html; charset=utf-8", latin1).html()).contains("Café crème, déjà vu – naïve façade.");
  }

  @Test
  void withoutAHeaderTheMetaCharsetDecides() {
    byte[] latin1 = String.format(TEXT, "<meta charset=\"iso-8859-1\">").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(page("text/html", latin1).html()).contains("Café crème");
    byte[] utf8 = String.format(TEXT, "").getBytes(StandardCharsets.UTF_8);
    assertThat(page(null, utf8).html()).contains("Café crème, déjà vu – naïve façade.");
  }
}
