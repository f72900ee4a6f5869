package newsroom.ingest.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jsoup.Jsoup;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom (with ROME) and JSON Feed 1.x (with Jackson) into
 * {@link ParsedFeed}. Anything else, and anything broken, is an {@link InvalidFeed} with a reason;
 * no other exception escapes.
 *
 * <p>XML safety: external entities resolve to nothing (ROME's empty entity resolver) and the JDK's
 * secure-processing limits cap entity expansion, so XXE and "billion laughs" documents fail cleanly.
 */
public final class FeedParser {
  /** Larger documents are refused before parsing. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  private static final Pattern LOOKS_LIKE_HTML =
      Pattern.compile("&(#\\d+|#x\\p{XDigit}+|[a-zA-Z][a-zA-Z0-9]*);|</[a-zA-Z][a-zA-Z0-9]*>|<br\\s*/?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final ObjectMapper json;

  public FeedParser(ObjectMapper json) {
    this.json = json;
  }

  public ParsedFeed parse(byte[] body, String contentType) throws InvalidFeed {
    return parse(body, contentType, null);
  }

  /**
   * {@code base} is the feed's own address (after redirects and any {@code Content-Location}: see
   * {@link #base}); relative links and ids resolve against it. Null when unknown.
   */
  public ParsedFeed parse(byte[] body, String contentType, URI base) throws InvalidFeed {
    if (body == null || body.length == 0) {
      throw new InvalidFeed("the response is empty", null);
    }
    if (body.length > MAX_BYTES) {
      throw new InvalidFeed("the feed has " + body.length + " bytes; at most " + MAX_BYTES + " are read", null);
    }
    try {
      String start = new String(body, 0, Math.min(body.length, 512), java.nio.charset.StandardCharsets.UTF_8).stripLeading();
      boolean jsonType = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
      if (jsonType || start.startsWith("{") || start.startsWith("\uFEFF{")) {
        return jsonFeed(body, base);
      }
      return xmlFeed(body, contentType, base);
    } catch (InvalidFeed e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new InvalidFeed("the document is nested too deeply to read", null);
    } catch (Exception e) {
      throw new InvalidFeed("not a readable feed: " + describe(e), e);
    }
  }

  private static boolean isWebAddress(String uri) {
    if (uri == null) {
      return false;
    }
    String lower = uri.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  /** The address relative references in a feed resolve against: its {@code Content-Location}, if any, else its URL. */
  public static URI base(URI fetched, String contentLocation) {
    if (contentLocation == null || contentLocation.isBlank()) {
      return fetched;
    }
    try {
      return fetched.resolve(new URI(contentLocation.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return fetched; // an unreadable header is ignored
    }
  }

  private ParsedFeed xmlFeed(byte[] body, String contentType, URI base) throws Exception {
    Document document;
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
      document = FeedDocument.read(reader);
    }
    FeedDocument.normalise(document, base);
    SyndFeed feed;
    try {
      feed = new SyndFeedInput().build(document);
    } catch (IllegalArgumentException e) {
      throw new InvalidFeed("not RSS 0.9x/1.0/2.0, Atom or JSON Feed (" + describe(e) + ")", e);
    }
    List<FeedItem> items = new ArrayList<>();
    boolean atom = feed.getFeedType() != null && feed.getFeedType().startsWith("atom");
    for (SyndEntry entry : feed.getEntries()) {
      String content = null;
      if (entry.getContents() != null && !entry.getContents().isEmpty()) {
        StringBuilder html = new StringBuilder();
        for (SyndContent part : entry.getContents()) {
          if (part.getValue() != null) {
            html.append(part.getValue());
          }
        }
        content = blankToNull(html.toString());
      }
      List<String> categories = new ArrayList<>();
      for (SyndCategory category : entry.getCategories()) {
        if (category.getName() != null && !category.getName().isBlank()) {
          categories.add(category.getName().strip());
        }
      }
      String link = blankToNull(entry.getLink());
      if (link == null && atom && isWebAddress(entry.getUri())) {
        link = entry.getUri().strip(); // an Atom entry without a link: its id is most often its permalink
      }
      items.add(new FeedItem(
          firstNonBlank(entry.getUri(), link),
          link,
          entry.getTitleEx() == null ? null : plainText(entry.getTitleEx().getValue(), entry.getTitleEx().getType()),
          entry.getDescription() == null ? null : plainText(entry.getDescription().getValue(), entry.getDescription().getType()),
          content,
          instant(entry.getPublishedDate()),
          instant(entry.getUpdatedDate()),
          blankToNull(entry.getAuthor()),
          List.copyOf(categories)));
    }
    String title = feed.getTitleEx() == null ? null : plainText(feed.getTitleEx().getValue(), feed.getTitleEx().getType());
    return new ParsedFeed(feed.getFeedType(), title, blankToNull(feed.getLink()), List.copyOf(items));
  }

  private ParsedFeed jsonFeed(byte[] body, URI base) throws InvalidFeed, IOException {
    JsonNode root = json.readTree(body);
    if (root == null || !root.isObject() || !root.path("version").asText().startsWith("https://jsonfeed.org/version/")) {
      throw new InvalidFeed("JSON, but not a JSON Feed (no \"version\": \"https://jsonfeed.org/version/1.1\")", null);
    }
    List<FeedItem> items = new ArrayList<>();
    for (JsonNode item : root.path("items")) {
      List<String> tags = new ArrayList<>();
      item.path("tags").forEach(t -> tags.add(t.asText()));
      JsonNode authors = item.has("authors") ? item.path("authors") : item.path("author");
      String author = authors.isArray() && !authors.isEmpty() ? authors.get(0).path("name").asText(null)
          : authors.path("name").asText(null);
      String url = absolute(base, blankToNull(item.path("url").asText(null)));
      items.add(new FeedItem(
          firstNonBlank(item.path("id").asText(null), url),
          url,
          plainText(item.path("title").asText(null), "text"), // JSON Feed titles and summaries are plain text
          plainText(item.path("summary").asText(null), "text"),
          firstNonBlank(item.path("content_html").asText(null), item.path("content_text").asText(null)),
          isoInstant(item.path("date_published").asText(null)),
          isoInstant(item.path("date_modified").asText(null)),
          author,
          List.copyOf(tags)));
    }
    return new ParsedFeed("json-feed", blankToNull(root.path("title").asText(null)),
        absolute(base, blankToNull(root.path("home_page_url").asText(null))), List.copyOf(items));
  }

  private static String absolute(URI base, String reference) {
    return base == null || reference == null ? reference : FeedDocument.absolute(base, reference);
  }

  /**
   * A title or summary as plain text, made so exactly once. HTML and XHTML constructs (Atom
   * {@code type="html"}/{@code "xhtml"}, Atom 0.3 {@code text/html}) lose their markup and have
   * their entities decoded as text extraction would; text constructs are taken as written, so a
   * title about the {@code <blink>} tag keeps it. RSS says nothing: its titles are read as HTML
   * when they look like it (an entity, a closed element or a line break), else as text.
   */
  static String plainText(String value, String type) {
    if (value == null) {
      return null;
    }
    String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
    boolean html = kind.contains("html") || (kind.isEmpty() && LOOKS_LIKE_HTML.matcher(value).find());
    String text = html ? Jsoup.parse(value).text() : value;
    return blankToNull(WHITESPACE.matcher(text).replaceAll(" "));
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static Instant isoInstant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      return null; // an unreadable date is not a reason to drop the item
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 300 ? message.substring(0, 300) + "…" : message;
  }

  private static String firstNonBlank(String a, String b) {
    return blankToNull(a) != null ? a.strip() : blankToNull(b);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
