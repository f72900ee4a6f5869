package newsroom.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import newsroom.service.ServiceHttp;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {
  private final ArticleExtractor extractor = new ArticleExtractor(ServiceHttp.JSON);

  private static final String PAGE = """
      <html lang="en-GB"><head>
        <title>Harbour reopens after storm | Coast Gazette</title>
        <link rel="canonical" href="https://coast.example/news/harbour-reopens">
        <meta property="og:image" content="https://coast.example/img/harbour.jpg">
        <meta property="article:section" content="Local">
        <meta property="article:tag" content="storms"><meta property="article:tag" content="shipping">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
          {"@type":"NewsArticle","headline":"Harbour reopens after storm","datePublished":"2025-03-02T07:30:00+01:00",
           "author":[{"@type":"Person","name":"Ana Silva"}]}]}</script>
      </head><body class="layout has-sidebar ads-enabled">
        <div id="cookie-consent">We use cookies to improve your experience. Accept all cookies?</div>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
        <main><article>
          <h1>Harbour reopens after storm</h1>
          <div class="byline">By Ana Silva</div>
          <div class="article-body">
            <p>The harbour reopened on Sunday, three days after the storm tore two cranes from their rails.</p>
            <figure><img src="c.jpg"><figcaption>Workers inspect a crane on Saturday.</figcaption></figure>
            <p>Port officials said ferries would run on a reduced timetable until Wednesday, while engineers check the quays.</p>
            <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
            <h2>Ferries first</h2>
            <p>Passenger ferries take priority, the harbour master said, and freight follows once the cranes are safe.</p>
            <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Storm closes harbour</a></li>
              <li><a href="/b">Cranes damaged in gale</a></li></ul></aside>
          </div>
        </article></main>
        <div class="sidebar most-read"><h3>Most read</h3><p><a href="/c">A very popular story that everyone is reading today</a></p></div>
        <footer><p>© Coast Gazette. All rights reserved. Contact us at the newsroom for corrections and tips.</p></footer>
      </body></html>
      """;

  @Test
  void keepsTheArticleParagraphsAndHeadingsOnly() {
    String text = extractor.extract(PAGE, "https://coast.example/news/harbour-reopens?utm_source=x").text();
    assertThat(text.split("\n\n")).containsExactly(
        "The harbour reopened on Sunday, three days after the storm tore two cranes from their rails.",
        "Port officials said ferries would run on a reduced timetable until Wednesday, while engineers check the quays.",
        "Ferries first",
        "Passenger ferries take priority, the harbour master said, and freight follows once the cranes are safe.");
  }

  @Test
  void readsWhatThePageDeclares() {
    PageMetadata meta = extractor.extract(PAGE, null).metadata();
    assertThat(meta.title()).isEqualTo("Harbour reopens after storm");
    assertThat(meta.byline()).isEqualTo("Ana Silva");
    assertThat(meta.published()).isEqualTo("2025-03-02T07:30:00+01:00");
    assertThat(meta.canonicalUrl()).isEqualTo("https://coast.example/news/harbour-reopens");
    assertThat(meta.language()).isEqualTo("en-GB");
    assertThat(meta.leadImage()).isEqualTo("https://coast.example/img/harbour.jpg");
    assertThat(meta.section()).isEqualTo("Local");
    assertThat(meta.tags()).containsExactly("storms", "shipping");
  }

  @Test
  void aScriptRenderedPageFallsBackToItsJsonLdBody() {
    String page = """
        <html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Rates held",
        "articleBody": "The central bank held its main rate at four percent on Thursday, citing slowing inflation and a weaker labour market."}
        </script></head><body><div id="app"></div></body></html>""";
    assertThat(extractor.extract(page, null).text()).startsWith("The central bank held its main rate");
  }

  @Test
  void textWrittenBetweenLineBreaksIsFound() {
    String blog = """
        <html><body><div class="wrapper with-sidebar"><div class="post-body">
        The council approved the new bike lanes on Tuesday after a long debate, with seven votes to four.<br><br>
        Construction starts in spring and should finish before the summer holidays, the mayor said.<br>
        </div></div><div class="sidebar"><a href="/x">Archive</a></div></body></html>""";
    String text = extractor.extract(blog, null).text();
    assertThat(text).contains("The council approved the new bike lanes", "Construction starts in spring")
        .doesNotContain("Archive");
  }
}
