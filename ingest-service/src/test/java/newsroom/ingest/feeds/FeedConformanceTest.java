package newsroom.ingest.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Base64;
import newsroom.service.ServiceHttp;
import org.junit.jupiter.api.Test;

/** One test per rule of the feed standards that decides what an item says, in each format it concerns. */
class FeedConformanceTest {
  private static final URI FEED = URI.create("https://news.example/feeds/world.xml");
  private final FeedParser parser = new FeedParser(ServiceHttp.JSON);

  private FeedItem only(String xml) throws InvalidFeed {
    return parser.parse(xml.getBytes(UTF_8), null, FEED).items().getFirst();
  }

  @Test
  void rss2RelativeLinksResolveAgainstTheFeedsAddress() throws Exception {
    FeedItem item = only("""
        <rss version="2.0"><channel><title>W</title><link>/</link>
        <item><title>A</title><link>/relative/link</link><guid>/guid/1</guid></item></channel></rss>""");
    assertThat(item.url()).isEqualTo("https://news.example/relative/link");
    assertThat(item.id()).isEqualTo("https://news.example/guid/1");
  }

  @Test
  void rss2AnOpaqueGuidStaysAsWritten() throws Exception {
    FeedItem item = only("""
        <rss version="2.0"><channel><title>W</title><link>/</link>
        <item><title>A</title><link>a.html</link><guid isPermaLink="false">12345</guid></item></channel></rss>""");
    assertThat(item.id()).isEqualTo("12345");
    assertThat(item.url()).isEqualTo("https://news.example/feeds/a.html");
  }

  @Test
  void xmlBaseIsInheritedAndEachResolvesAgainstItsParent() throws Exception {
    ParsedFeed feed = parser.parse("""
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://other.example/base/">
          <title>Desk</title><id>urn:desk</id><updated>2025-04-30T08:00:00Z</updated><link href="home"/>
          <entry xml:base="2025/"><title>Bridge opens</title><id>entries/1</id><link href="bridge.html"/>
            <updated>2025-04-30T09:00:00Z</updated></entry></feed>""".getBytes(UTF_8), null, FEED);
    FeedItem item = feed.items().getFirst();
    assertThat(item.url()).isEqualTo("https://other.example/base/2025/bridge.html");
    assertThat(item.id()).isEqualTo("https://other.example/base/2025/entries/1");
    assertThat(feed.siteUrl()).isEqualTo("https://other.example/base/home");
  }

  @Test
  void rss1RelativeLinksResolveToo() throws Exception {
    FeedItem item = only("""
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
          <channel rdf:about="https://news.example/"><title>W</title><link>/</link><description>d</description></channel>
          <item rdf:about="https://news.example/a"><title>A</title><link>../a</link></item></rdf:RDF>""");
    assertThat(item.url()).isEqualTo("https://news.example/a");
  }

  @Test
  void contentLocationIsTheBaseWhenTheServerGivesOne() {
    assertThat(FeedParser.base(FEED, "/mirror/world.xml")).isEqualTo(URI.create("https://news.example/mirror/world.xml"));
    assertThat(FeedParser.base(FEED, null)).isEqualTo(FEED);
    assertThat(FeedParser.base(FEED, "not a uri ^")).isEqualTo(FEED);
  }

  @Test
  void atomHtmlAndXhtmlTitlesBecomePlainTextAndTextTitlesStayAsWritten() throws Exception {
    ParsedFeed feed = parser.parse("""
        <feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Desk &amp;amp; Wire</title><id>urn:d</id>
          <updated>2025-04-30T08:00:00Z</updated>
          <entry><title type="html">Example &lt;b&gt;Atom&lt;/b&gt;</title><id>urn:1</id><updated>2025-04-30T08:00:00Z</updated></entry>
          <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Example <b>Atom</b></div></title>
            <id>urn:2</id><updated>2025-04-30T08:00:00Z</updated></entry>
          <entry><title type="text">History of the &lt;blink&gt; tag</title><id>urn:3</id><updated>2025-04-30T08:00:00Z</updated></entry>
          <entry><title>  Spaces
             and lines  </title><id>urn:4</id><updated>2025-04-30T08:00:00Z</updated></entry>
        </feed>""".getBytes(UTF_8), null, FEED);
    assertThat(feed.title()).isEqualTo("Desk & Wire");
    assertThat(feed.items()).extracting(FeedItem::title)
        .containsExactly("Example Atom", "Example Atom", "History of the <blink> tag", "Spaces and lines");
  }

  @Test
  void atom03EscapedAndBase64TitlesAndContentAreDecoded() throws Exception {
    String title = Base64.getEncoder().encodeToString("Ports reopen".getBytes(UTF_8));
    String content = Base64.getEncoder().encodeToString("<p>Ships sail again.</p>".getBytes(UTF_8));
    FeedItem item = only("""
        <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Desk</title><modified>2005-04-30T08:00:00Z</modified>
          <entry><title mode="base64" type="text/plain">%s</title><id>urn:1</id><modified>2005-04-30T08:00:00Z</modified>
            <summary mode="escaped" type="text/html">&lt;blink&gt;Short&lt;/blink&gt; summary</summary>
            <content mode="base64" type="text/html">%s</content></entry></feed>""".formatted(title, content));
    assertThat(item.title()).isEqualTo("Ports reopen");
    assertThat(item.summary()).isEqualTo("Short summary");
    assertThat(item.content()).contains("<p>Ships sail again.</p>");
  }

  @Test
  void rssTitlesAreReadAsHtmlOnlyWhenTheyLookLikeIt() throws Exception {
    ParsedFeed feed = parser.parse("""
        <rss version="2.0"><channel><title>W</title><link>/</link>
        <item><title>AT&amp;amp;T &lt;b&gt;results&lt;/b&gt;</title><link>/1</link></item>
        <item><title>Why 3 &lt; 4 in maths</title><link>/2</link></item></channel></rss>""".getBytes(UTF_8), null, FEED);
    assertThat(feed.items()).extracting(FeedItem::title).containsExactly("AT&T results", "Why 3 < 4 in maths");
  }

  @Test
  void anItemWithoutTitleTakesItsDublinCoreMediaOrItunesTitle() throws Exception {
    ParsedFeed feed = parser.parse("""
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"
             xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>W</title><link>/</link>
        <item><dc:title>From Dublin Core</dc:title><link>/1</link></item>
        <item><media:group><media:title>From Media RSS</media:title></media:group><link>/2</link></item>
        <item><title></title><itunes:title>From iTunes</itunes:title><link>/3</link></item>
        <item><title>Own title</title><dc:title>Not this</dc:title><link>/4</link></item></channel></rss>""".getBytes(UTF_8),
        null, FEED);
    assertThat(feed.items()).extracting(FeedItem::title)
        .containsExactly("From Dublin Core", "From Media RSS", "From iTunes", "Own title");
  }

  @Test
  void aFeedWithoutTitleTakesItsDublinCoreOrItunesTitle() throws Exception {
    ParsedFeed rss = parser.parse("""
        <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><link>/</link>
          <itunes:title>Morning Briefing</itunes:title><item><title>A</title><link>/a</link></item></channel></rss>"""
        .getBytes(UTF_8), null, FEED);
    assertThat(rss.title()).isEqualTo("Morning Briefing");
    ParsedFeed atom = parser.parse("""
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:title>City Desk</dc:title><id>urn:desk</id><updated>2025-04-30T08:00:00Z</updated>
          <entry><title>A</title><id>urn:a</id><link href="/a"/><updated>2025-04-30T09:00:00Z</updated></entry></feed>"""
        .getBytes(UTF_8), null, FEED);
    assertThat(atom.title()).isEqualTo("City Desk");
  }

  @Test
  void anAtomEntryWithoutLinkIsFetchedFromItsIdWhenThatIsAWebAddress() throws Exception {
    ParsedFeed feed = parser.parse("""
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:desk</id>
          <updated>2025-04-30T08:00:00Z</updated>
          <entry><title>A</title><id>https://news.example/2025/a.html</id><updated>2025-04-30T09:00:00Z</updated></entry>
          <entry><title>B</title><id>tag:news.example,2025:b</id><updated>2025-04-30T09:00:00Z</updated></entry></feed>"""
        .getBytes(UTF_8), null, FEED);
    assertThat(feed.items()).extracting(FeedItem::url).containsExactly("https://news.example/2025/a.html", null);
  }

  @Test
  void rss1ItemTakesItsDublinCoreTitle() throws Exception {
    FeedItem item = only("""
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://news.example/"><title>W</title><link>/</link><description>d</description></channel>
          <item rdf:about="https://news.example/a"><dc:title>Only in DC</dc:title><link>/a</link></item></rdf:RDF>""");
    assertThat(item.title()).isEqualTo("Only in DC");
  }

  @Test
  void jsonFeedRelativeUrlsResolveAndTitlesArePlainText() throws Exception {
    ParsedFeed feed = parser.parse("""
        {"version": "https://jsonfeed.org/version/1.1", "title": "W", "home_page_url": "/",
         "items": [{"id": "1", "url": "/stories/1", "title": "3 &lt; 4 <b>is</b> true", "content_text": "x"}]}
        """.getBytes(UTF_8), "application/feed+json", FEED);
    assertThat(feed.siteUrl()).isEqualTo("https://news.example/");
    assertThat(feed.items().getFirst().url()).isEqualTo("https://news.example/stories/1");
    assertThat(feed.items().getFirst().title()).isEqualTo("3 &lt; 4 <b>is</b> true");
  }
}
