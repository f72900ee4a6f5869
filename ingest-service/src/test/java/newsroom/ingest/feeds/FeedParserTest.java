package newsroom.ingest.feeds;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import newsroom.service.ServiceHttp;
import org.junit.jupiter.api.Test;

class FeedParserTest {
  private final FeedParser parser = new FeedParser(ServiceHttp.JSON);

  @Test
  void rss2() throws Exception {
    ParsedFeed feed = parser.parse("""
        <?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
        <item><title>Ports reopen</title><link>https://wire.example/a</link><guid>tag:wire,1</guid>
        <description>Short summary</description><pubDate>Wed, 30 Apr 2025 08:00:00 GMT</pubDate>
        <category>Shipping</category></item></channel></rss>""".getBytes(UTF_8), "application/rss+xml");
    assertThat(feed.title()).isEqualTo("Wire");
    FeedItem item = feed.items().get(0);
    assertThat(item.id()).isEqualTo("tag:wire,1");
    assertThat(item.url()).isEqualTo("https://wire.example/a");
    assertThat(item.published()).isEqualTo(Instant.parse("2025-04-30T08:00:00Z"));
    assertThat(item.categories()).containsExactly("Shipping");
  }

  @Test
  void atomWithContent() throws Exception {
    ParsedFeed feed = parser.parse("""
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:desk</id><updated>2025-04-30T08:00:00Z</updated>
        <entry><title>Bridge opens</title><id>urn:desk:1</id><link href="https://desk.example/1"/>
        <updated>2025-04-30T09:00:00Z</updated><content type="html">&lt;p&gt;Full text.&lt;/p&gt;</content></entry></feed>
        """.getBytes(UTF_8), null);
    FeedItem item = feed.items().get(0);
    assertThat(item.id()).isEqualTo("urn:desk:1");
    assertThat(item.content()).isEqualTo("<p>Full text.</p>");
    assertThat(item.updated()).isEqualTo(Instant.parse("2025-04-30T09:00:00Z"));
  }

  @Test
  void jsonFeed() throws Exception {
    ParsedFeed feed = parser.parse("""
        {"version": "https://jsonfeed.org/version/1.1", "title": "Blog", "home_page_url": "https://blog.example/",
         "items": [{"id": "1", "url": "https://blog.example/1", "title": "Hello", "content_html": "<p>Hi</p>",
                    "date_published": "2025-04-30T10:00:00+02:00", "authors": [{"name": "Ana"}], "tags": ["x"]}]}
        """.getBytes(UTF_8), "application/feed+json");
    assertThat(feed.format()).isEqualTo("json-feed");
    assertThat(feed.items().get(0).published()).isEqualTo(Instant.parse("2025-04-30T08:00:00Z"));
    assertThat(feed.items().get(0).author()).isEqualTo("Ana");
  }

  @Test
  void aMislabelledCharsetIsReadFromTheXmlDeclaration() throws Exception {
    byte[] latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\u00e9</title><item><title>Cr\u00e8me</title><link>https://x.example/1</link></item></channel></rss>"
        .getBytes(ISO_8859_1);
    ParsedFeed feed = parser.parse(latin1, "text/xml");
    assertThat(feed.title()).isEqualTo("Caf\u00e9");
    assertThat(feed.items().get(0).title()).isEqualTo("Cr\u00e8me");
  }

  @Test
  void externalEntitiesAreNeverRead() throws Exception {
    String xxe = """
        <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><title>T</title><item><title>&xxe;</title><link>https://x.example/1</link></item></channel></rss>""";
    try {
      ParsedFeed feed = parser.parse(xxe.getBytes(UTF_8), null);
      assertThat(String.valueOf(feed.items().get(0).title())).doesNotContain("root:");
    } catch (InvalidFeed refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Test
  void anEntityExpansionBombIsRefused() {
    StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a0 \"lol\">");
    for (int i = 1; i <= 10; i++) {
      bomb.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
    }
    bomb.append("]><rss version=\"2.0\"><channel><title>&a10;</title></channel></rss>");
    assertThatThrownBy(() -> parser.parse(bomb.toString().getBytes(UTF_8), null)).isInstanceOf(InvalidFeed.class);
  }

  @Test
  void thingsThatAreNotFeedsAreRefusedWithAReason() {
    assertThatThrownBy(() -> parser.parse(new byte[0], null)).isInstanceOf(InvalidFeed.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> parser.parse("<html><body>Hi</body></html>".getBytes(UTF_8), "text/html"))
        .isInstanceOf(InvalidFeed.class);
    assertThatThrownBy(() -> parser.parse("{\"a\": 1}".getBytes(UTF_8), null))
        .isInstanceOf(InvalidFeed.class).hasMessageContaining("not a JSON Feed");
    assertThatThrownBy(() -> parser.parse("<rss><channel><title>unclosed".getBytes(UTF_8), null))
        .isInstanceOf(InvalidFeed.class).hasMessageContaining("not a readable feed");
  }
}
