package newsroom.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.service.ServiceHttp;
import org.junit.jupiter.api.Test;

class ArticleParserTest {
  private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
  private static final LanguageDetection LANGUAGES = new LanguageDetection();
  private static final newsroom.ingest.fetch.PageFetcher PAGES =
      new newsroom.ingest.fetch.PageFetcher(newsroom.ingest.fetch.PageFetcher.Limits.defaults());
  private final ArticleParser parser = new ArticleParser(ServiceHttp.JSON, LANGUAGES, PAGES);

  private ArticleIngested parse(String json) {
    return parser.parse(json, NOW);
  }

  private static InvalidInput invalid(Runnable action) {
    try {
      action.run();
    } catch (InvalidInput e) {
      return e;
    }
    throw new AssertionError("expected the input to be rejected");
  }

  @Test
  void aCompleteArticle() {
    ArticleIngested a = parse("""
        {"url": "HTTPS://Example.org:443/world/a?utm_source=x&b=2&a=1#top", "title": " Talks resume ",
         "body": "Negotiators met in Geneva.", "published_at": "2025-04-30T10:00:00+02:00",
         "source": "Example Wire", "language": "en-GB"}""");
    assertThat(a.getCanonicalUrl()).isEqualTo("https://example.org/world/a?a=1&b=2");
    assertThat(a.getId()).isEqualTo(ArticleIds.fromCanonicalUrl("https://example.org/world/a?a=1&b=2")).startsWith("u");
    assertThat(a.getTitle()).isEqualTo("Talks resume");
    assertThat(a.getPublishedAt()).isEqualTo(Instant.parse("2025-04-30T08:00:00Z"));
    assertThat(a.getIngestedAt()).isEqualTo(NOW);
    assertThat(a.getDeclaredLanguage()).isEqualTo("en");
    assertThat(a.getSource()).isEqualTo("Example Wire");
  }

  @Test
  void withoutUrlTheIdComesFromSourceAndContentAndIsStable() {
    String json = "{\"title\": \"T\", \"body\": \"Some text here.\", \"source\": \"wire\"}";
    assertThat(parse(json).getId()).startsWith("c").isEqualTo(parse(json).getId());
    assertThat(parse(json.replace("wire", "other")).getId()).isNotEqualTo(parse(json).getId());
  }

  @Test
  void theSourceDefaultsToTheUrlHost() {
    assertThat(parse("{\"url\": \"https://news.example.com/x\", \"title\": \"T\", \"body\": \"B.\"}").getSource())
        .isEqualTo("news.example.com");
  }

  @Test
  void htmlIsTurnedIntoParagraphs() {
    ArticleIngested a = parse("""
        {"source": "site", "html": "<html><head><title>Page</title></head><body><nav>Home | World</nav>\
        <h1>Floods in Porto</h1><p>Rain fell all night.</p><p>Roads were closed.</p>\
        <footer>© Site</footer><script>x()</script></body></html>"}""");
    assertThat(a.getTitle()).isEqualTo("Floods in Porto");
    assertThat(a.getBody()).isEqualTo("Rain fell all night.\n\nRoads were closed.");
    assertThat(a.getContentFormat()).isEqualTo(ContentFormat.HTML);
  }

  @Test
  void aPageDeclaringItsCanonicalUrlAndDateGetsTheIdAndTimeFromThem() {
    ArticleIngested a = parse("""
        {"source": "site", "html": "<html><head><link rel=canonical href='https://site.example/a?utm_medium=rss'>\
        <meta property='article:published_time' content='2025-04-30T06:00:00Z'></head>\
        <body><h1>Bridge opens</h1><p>The bridge opened to traffic on Wednesday morning, officials said.</p></body></html>"}""");
    assertThat(a.getCanonicalUrl()).isEqualTo("https://site.example/a");
    assertThat(a.getId()).isEqualTo(ArticleIds.fromCanonicalUrl("https://site.example/a"));
    assertThat(a.getPublishedAt()).isEqualTo(Instant.parse("2025-04-30T06:00:00Z"));
    assertThat(a.getTitle()).isEqualTo("Bridge opens");
  }

  @Test
  void whatThePageDeclaresIsKeptUnlessTheSenderSaidOtherwise() {
    ArticleIngested a = parse("""
        {"source": "site", "url": "https://site.example/b", "byline": "Desk", "html": "<html><head>\
        <meta name=author content='Ana Silva'><meta property='article:section' content='World'>\
        <meta property='og:image' content='https://site.example/b.jpg'><meta property='article:tag' content='ports'>\
        <meta property='article:modified_time' content='2025-05-01T10:00:00Z'></head>\
        <body><h1>Ports reopen</h1><p>The ports reopened on Thursday after a week of strikes, unions said.</p></body></html>"}""");
    assertThat(a.getByline()).isEqualTo("Desk");
    assertThat(a.getSection()).isEqualTo("World");
    assertThat(a.getLeadImage()).isEqualTo("https://site.example/b.jpg");
    assertThat(a.getTags()).containsExactly("ports");
    assertThat(a.getUpdatedAt()).isEqualTo(Instant.parse("2025-05-01T10:00:00Z"));
  }

  @Test
  void theLanguageComesFromTheTextAndTheDeclarationIsOnlyAHint() {
    ArticleIngested german = parse("""
        {"title": "Brücke eröffnet", "source": "s", "language": "en",
         "body": "Die neue Brücke über den Fluss wurde am Mittwoch für den Verkehr freigegeben, teilten die Behörden mit."}""");
    assertThat(german.getLanguage()).isEqualTo("de");
    assertThat(german.getDeclaredLanguage()).isEqualTo("en");
    ArticleIngested tiny = parse("{\"title\": \"OK\", \"body\": \"Ja.\", \"source\": \"s\", \"language\": \"de\"}");
    assertThat(tiny.getLanguage()).isEqualTo("de");
    // Short and full of names, this reads nearly as well as Tswana as English: the declaration decides.
    ArticleIngested names = parse("""
        {"title": "Kim Jong Un visits Tumen", "body": "Kim met Putin on Tuesday.", "source": "s", "language": "en"}""");
    assertThat(names.getLanguage()).isEqualTo("en");
  }

  @Test
  void everyProblemNamesItsField() {
    assertThat(invalid(() -> parse("{\"title\": ")).getMessage()).startsWith("malformed JSON");
    assertThat(invalid(() -> parse("[1, 2]")).getMessage()).contains("expected one JSON object");
    assertThat(invalid(() -> parse("{\"title\": \"T\", \"source\": \"s\"}")).where()).isEqualTo("body");
    assertThat(invalid(() -> parse("{\"url\": \"http://127.0.0.1:9/a\"}")).getMessage())
        .contains("could not be fetched").contains("not a public address");
    assertThat(invalid(() -> parse("{\"body\": \"x\", \"html\": \"<p>x</p>\", \"source\": \"s\"}")).getMessage())
        .contains("not both");
    assertThat(invalid(() -> parse("{\"title\": \"T\", \"body\": \"B.\", \"source\": \"s\", \"autor\": \"me\"}")).where())
        .isEqualTo("autor");
    assertThat(invalid(() -> parse("{\"title\": 5, \"body\": \"B.\", \"source\": \"s\"}")).getMessage())
        .contains("must be a string");
    assertThat(invalid(() -> parse("{\"url\": \"ftp://x.org/a\", \"title\": \"T\", \"body\": \"B.\"}")).where())
        .isEqualTo("url");
    assertThat(invalid(() -> parse("{\"title\": \"T\", \"body\": \"B.\", \"source\": \"s\", \"published_at\": \"May 1\"}"))
        .where()).isEqualTo("published_at");
    assertThat(invalid(() -> parse("{\"title\": \"T\", \"body\": \"B.\", \"source\": \"s\", \"language\": \"english\"}"))
        .where()).isEqualTo("language");
    assertThat(invalid(() -> parse("{\"title\": \"T\", \"body\": \"B.\"}")).where()).isEqualTo("source");
    assertThat(invalid(() -> parse("{\"body\": \"only a lowercase line of text.\", \"source\": \"s\"}")).where())
        .isEqualTo("title");
  }

  @Test
  void trackingParametersAndFragmentsDoNotChangeTheCanonicalUrl() {
    assertThat(CanonicalUrl.of("http://EXAMPLE.org:80/a?fbclid=1&gclid=2&utm_medium=x#frag"))
        .isEqualTo("http://example.org/a");
    assertThat(CanonicalUrl.of("https://example.org")).isEqualTo("https://example.org/");
    assertThat(CanonicalUrl.of("https://example.org:8443/a")).isEqualTo("https://example.org:8443/a");
    assertThatThrownBy(() -> CanonicalUrl.of("not a url")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pageDatesInTheUsualFormatsAreRead() {
    assertThat(ArticleParser.parseTime("2025-04-30T10:00:00+02:00")).isEqualTo(Instant.parse("2025-04-30T08:00:00Z"));
    assertThat(ArticleParser.parseTime("2025-04-30T08:00:00")).isEqualTo(Instant.parse("2025-04-30T08:00:00Z"));
    assertThat(ArticleParser.parseTime("Wed, 30 Apr 2025 08:00:00 GMT")).isEqualTo(Instant.parse("2025-04-30T08:00:00Z"));
    assertThat(ArticleParser.parseTime("last Tuesday")).isNull();
  }

  @Test
  void ampVariantsAreTheSameArticle() {
    String canonical = "https://www.example.com/world/story.html";
    assertThat(CanonicalUrl.of("https://www.example.com/world/story.amp.html")).isEqualTo(canonical);
    assertThat(CanonicalUrl.of("https://www.example.com/world/story.html?amp=1&outputType=amp")).isEqualTo(canonical);
    assertThat(CanonicalUrl.of("https://amp.example.com/world/story.html")).isEqualTo("https://example.com/world/story.html");
    assertThat(CanonicalUrl.of("https://www.example.com/amp/world/story.html")).isEqualTo(canonical);
    assertThat(CanonicalUrl.of("https://www.example.com/world/story/amp/")).isEqualTo("https://www.example.com/world/story/");
    assertThat(CanonicalUrl.of("https://www-example-com.cdn.ampproject.org/c/s/www.example.com/world/story.html"))
        .isEqualTo(canonical);
  }
}
