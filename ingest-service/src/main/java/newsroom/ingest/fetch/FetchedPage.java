package newsroom.ingest.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A fetched resource, or {@code notModified} when the server answered 304 to a conditional request.
 *
 * @param url where the content came from after redirects
 * @param etag validators to send next time (conditional GET)
 * @param contentLocation the response's {@code Content-Location} (where relative links in a feed resolve), or null
 */
public record FetchedPage(URI url, boolean notModified, String contentType, byte[] body, String etag, String lastModified,
                          String contentLocation) {
  private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([\\w.:-]+)");

  /**
   * The body as HTML text. Servers often mislabel pages, so a declared charset is believed only if
   * the bytes decode cleanly in it; otherwise a byte-order mark or the page's own meta charset
   * decides, and bytes that are not valid UTF-8 are read as Windows-1252 (the usual truth behind
   * "ISO-8859-1" and unlabelled Western pages).
   */
  public String html() {
    Charset declared = declaredCharset();
    if (declared != null && decodesCleanly(declared)) {
      return new String(body, declared);
    }
    try {
      Document doc = Jsoup.parse(new ByteArrayInputStream(body), null, url.toString());
      if (doc.charset().equals(StandardCharsets.UTF_8) && !decodesCleanly(StandardCharsets.UTF_8)) {
        return new String(body, Charset.forName("windows-1252"));
      }
      return doc.outerHtml();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading from memory does not fail
    }
  }

  private Charset declaredCharset() {
    if (contentType == null) {
      return null;
    }
    Matcher m = CHARSET.matcher(contentType);
    try {
      return m.find() ? Charset.forName(m.group(1)) : null;
    } catch (IllegalArgumentException e) {
      return null; // an unknown charset name is as good as none
    }
  }

  private boolean decodesCleanly(Charset charset) {
    try {
      charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
