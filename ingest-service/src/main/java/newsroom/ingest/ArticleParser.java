package newsroom.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.ingest.extract.ArticleExtractor;
import newsroom.ingest.extract.PageMetadata;
import newsroom.ingest.fetch.FetchException;
import newsroom.ingest.fetch.PageFetcher;

/**
 * Validates one submitted article (JSON) and turns it into the event ingest publishes.
 *
 * <p>Every problem is reported as an {@link InvalidInput} naming the field; nothing half-valid
 * comes out.
 */
public final class ArticleParser {
  static final Set<String> FIELDS = Set.of("url", "title", "body", "html", "published_at", "source", "language",
      "byline", "updated_at", "image", "section", "tags");
  private static final int MAX_TITLE = 1_000;
  private static final int MAX_URL = 2_048;

  private final ObjectMapper json;
  private final PlainTextCleaner cleaner = new PlainTextCleaner();
  private final ArticleExtractor extractor;
  private final LanguageDetection languages;
  private final PageFetcher pages;

  /** @param pages fetches the page when a submission has only a {@code url} */
  public ArticleParser(ObjectMapper json, LanguageDetection languages, PageFetcher pages) {
    this.json = json;
    this.extractor = new ArticleExtractor(json);
    this.languages = languages;
    this.pages = pages;
  }

  public ArticleIngested parse(String text, Instant now) {
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      throw new InvalidInput(location == null ? "body" : "line " + location.getLineNr() + ", column " + location.getColumnNr(),
          "malformed JSON: " + e.getOriginalMessage().replaceAll("\\s*\\(?(start marker )?at \\[Source:.*$", ""));
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInput("body", "expected one JSON object with fields " + String.join(", ", FIELDS.stream().sorted().toList()));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidInput(name, "unknown field '" + name + "'; allowed: " + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    }
    return toArticle(node, now);
  }

  /** An article built in code (feed items): the same validation as a submitted one. */
  public ArticleIngested toArticle(JsonNode node, Instant now) {
    String url = optionalText(node, "url", MAX_URL);
    String canonicalUrl = null;
    if (url != null) {
      try {
        canonicalUrl = CanonicalUrl.of(url);
      } catch (IllegalArgumentException e) {
        throw new InvalidInput("url", "'" + url + "' " + e.getMessage());
      }
    }
    String body = optionalText(node, "body", Integer.MAX_VALUE);
    String html = optionalText(node, "html", Integer.MAX_VALUE);
    if (body == null && html == null && url != null) {
      html = fetch(url); // only a link: read the page ourselves
    }
    if ((body == null) == (html == null)) {
      throw new InvalidInput("body", body == null
          ? "the article has no text: send it as 'body' (plain text) or 'html', or send only its 'url'"
          : "send either 'body' or 'html', not both");
    }
    String givenTitle = optionalText(node, "title", MAX_TITLE);
    ContentFormat format = ContentFormat.TEXT;
    String text = body;
    PageMetadata declared = null;
    if (html != null) {
      ArticleExtractor.Extracted extracted = extractor.extract(html, canonicalUrl);
      declared = extracted.metadata();
      text = extracted.text();
      givenTitle = givenTitle != null ? givenTitle : declared.title();
      format = ContentFormat.HTML;
      if (canonicalUrl == null && declared.canonicalUrl() != null) {
        canonicalUrl = canonicalOrNull(declared.canonicalUrl());
      }
    }
    PlainTextCleaner.Cleaned cleaned = cleaner.clean(text, givenTitle);
    if (cleaned.title() == null || cleaned.title().isBlank()) {
      throw new InvalidInput("title", "no 'title' given and no headline found in the text; send a 'title'");
    }
    if (cleaned.body().isBlank()) {
      throw new InvalidInput(html != null ? "html" : "body", "no article text left after removing captions, widgets and footers");
    }
    String source = optionalText(node, "source", 200);
    if (source == null) {
      source = canonicalUrl != null ? CanonicalUrl.host(canonicalUrl) : cleaned.siteName();
    }
    if (source == null) {
      throw new InvalidInput("source", "say who delivered the article: give 'source' (or a 'url')");
    }
    String title = cleaned.title().strip();
    String declaredLanguage = language(node);
    if (declaredLanguage == null && declared != null) {
      declaredLanguage = primaryLanguage(declared.language());
    }
    String contentHash = ArticleIds.contentHash(title, cleaned.body());
    String id = canonicalUrl != null ? ArticleIds.fromCanonicalUrl(canonicalUrl) : ArticleIds.fromContent(source, contentHash);
    return ArticleIngested.newBuilder()
        .setId(id)
        .setUrl(url)
        .setCanonicalUrl(canonicalUrl)
        .setSource(source)
        .setTitle(title)
        .setBody(cleaned.body())
        .setByline(firstNonNull(optionalText(node, "byline", 500), declared == null ? null : declared.byline()))
        .setUpdatedAt(firstNonNull(time(node, "updated_at"), declared == null ? null : parseTime(declared.modified())))
        .setLeadImage(firstNonNull(optionalText(node, "image", MAX_URL), declared == null ? null : declared.leadImage()))
        .setSection(firstNonNull(optionalText(node, "section", 200), declared == null ? null : declared.section()))
        .setTags(tags(node, declared))
        .setLanguage(languages.detect(title, cleaned.body(), declaredLanguage))
        .setDeclaredLanguage(declaredLanguage)
        .setPublishedAt(publishedAt(node, declared))
        .setIngestedAt(now)
        .setContentHash(contentHash)
        .setRelatedHeadlines(cleaned.relatedHeadlines())
        .setContentFormat(format)
        .build();
  }

  private String fetch(String url) {
    try {
      return pages.fetch(URI.create(url.strip()), null, null).html();
    } catch (FetchException e) {
      throw new InvalidInput("url", "the page at " + url + " could not be fetched (" + e.getMessage() + "); "
          + (e.retriable() ? "try again later, or " : "") + "send its text as 'body' or 'html'");
    }
  }

  /** "en-GB", "en_US", "EN" → "en"; null unless a two-letter code leads. */
  private static String primaryLanguage(String tag) {
    if (tag == null) {
      return null;
    }
    String primary = tag.strip().split("[-_]")[0].toLowerCase(Locale.ROOT);
    return primary.matches("[a-z]{2}") ? primary : null;
  }

  private static String canonicalOrNull(String url) {
    try {
      return CanonicalUrl.of(url);
    } catch (IllegalArgumentException e) {
      return null; // a broken rel=canonical is the page's problem, not the sender's
    }
  }

  private static String optionalText(JsonNode node, String field, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidInput(field, "'" + field + "' must be a string, not " + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    String text = value.textValue();
    if (text.isBlank()) {
      return null;
    }
    if (text.length() > maxLength) {
      throw new InvalidInput(field, "'" + field + "' is longer than " + maxLength + " characters");
    }
    return text;
  }

  /** The sender's published_at; for HTML without one, the time the page declares (if it parses). */
  private static Instant publishedAt(JsonNode node, PageMetadata declared) {
    Instant sent = time(node, "published_at");
    return sent != null || declared == null ? sent : parseTime(declared.published());
  }

  private static Instant time(JsonNode node, String field) {
    String value = optionalText(node, field, 64);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInput(field,
          "'" + value + "' is not an ISO-8601 time with offset, e.g. 2025-04-30T08:00:00Z or 2025-04-30T10:00:00+02:00");
    }
  }

  /**
   * A page's own date (ISO-8601 with offset, ISO without offset read as UTC, or RFC 1123 as in
   * HTTP and RSS): used when it parses, ignored when not (no reason to refuse the article).
   */
  static Instant parseTime(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    for (java.util.function.Function<String, Instant> format : List.<java.util.function.Function<String, Instant>>of(
        t -> OffsetDateTime.parse(t).toInstant(),
        t -> java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC),
        t -> java.time.ZonedDateTime.parse(t, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())) {
      try {
        return format.apply(text);
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    return null;
  }

  private static java.util.List<String> tags(JsonNode node, PageMetadata declared) {
    JsonNode tags = node.get("tags");
    if (tags != null && !tags.isNull()) {
      if (!tags.isArray()) {
        throw new InvalidInput("tags", "'tags' must be an array of strings");
      }
      java.util.List<String> out = new java.util.ArrayList<>();
      for (JsonNode tag : tags) {
        if (!tag.isTextual()) {
          throw new InvalidInput("tags", "'tags' must be an array of strings");
        }
        if (!tag.asText().isBlank()) {
          out.add(tag.asText().strip());
        }
      }
      return out;
    }
    return declared == null ? java.util.List.of() : declared.tags();
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }

  private static String language(JsonNode node) {
    String value = optionalText(node, "language", 35);
    if (value == null) {
      return null;
    }
    String primary = primaryLanguage(value);
    if (primary == null) {
      throw new InvalidInput("language", "'" + value + "' is not a language code like 'en' or 'en-GB'");
    }
    return primary;
  }
}
