package newsroom.ingest;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Plain text from an HTML body: one line per block element, page chrome dropped, then the same
 * cleanup as plain text. (Full main-content extraction for fetched pages is a separate step.)
 */
public final class HtmlText {
  /** Text lines and the title the markup declares, if any. */
  public record Extracted(String text, String title) {}

  private static final String CHROME = "script, style, noscript, template, nav, header, footer, aside, form, "
      + "iframe, svg, button, [role=navigation], [aria-hidden=true]";
  private static final String BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption, pre, td";

  private HtmlText() {}

  public static Extracted extract(String html) {
    Document doc = Jsoup.parse(html);
    String title = firstNonBlank(
        doc.select("meta[property=og:title]").attr("content"),
        doc.select("h1").text(),
        doc.title());
    doc.select(CHROME).remove();
    List<String> lines = new ArrayList<>();
    for (Element block : doc.body().select(BLOCKS)) {
      if (block.select(BLOCKS).size() == 1) { // innermost blocks only (select includes the block itself)
        String text = block.text().strip();
        if (!text.isEmpty()) {
          lines.add(text);
        }
      }
    }
    if (lines.isEmpty()) {
      lines.add(doc.body().text());
    }
    return new Extracted(String.join("\n", lines), title);
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
