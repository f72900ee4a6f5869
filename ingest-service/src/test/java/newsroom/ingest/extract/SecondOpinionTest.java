package newsroom.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import newsroom.ingest.extract.ParagraphClassifier.Kind;
import newsroom.ingest.extract.ParagraphClassifier.Paragraph;
import newsroom.service.ServiceHttp;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class SecondOpinionTest {
  /** Paragraphs of a news story: long enough (over 200 characters) to be judged on their own. */
  private static final String[] ARTICLE = {
      "The city council voted on Tuesday to rebuild the old footbridge over the river, which has been closed since the floods of last winter damaged two of its piers. It was the third time that the council had been asked to decide.",
      "Engineers told the council that the repairs would take at least eighteen months, and that the cost had risen because steel prices were higher than they had been when the first estimate was made in the spring.",
      "Residents who live on the east bank have had to walk more than a mile to the next crossing, and the shops near the bridge say that they have lost many of their customers since it closed to the public.",
      "The mayor said that the work would begin in the spring, once the river is lower, and that a temporary ferry would run for those who cannot make the longer walk to the road bridge in the town centre.",
      "Some councillors had asked for a cheaper design, but the vote went in favour of keeping the bridge as it was built, with its iron railings and its lamps, which many in the town see as a part of its history.",
      "A public meeting about the plans will be held next month in the library, where the drawings are on show until the end of the year, and the council has asked for comments from all who use the crossing."};

  @Test
  void judgesProseByItsFunctionWordsAndShortLinesByTheirNeighbours() {
    String html = "<body><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li></ul>"
        + "<p>" + ARTICLE[0] + "</p><p>“We waited long enough,” one resident said.</p><p>" + ARTICLE[1] + "</p>"
        + "<p><a href='/a'>Bridge closed after floods</a></p><p><a href='/b'>Council to vote on repairs</a></p>"
        + "<p>Contact: Ana Silva, Jo Marsh, Dee Krol, Sam Boyd, Tim Okafor, Lee Chan, Ray Diaz, Kim Moss</p></body>";
    List<Paragraph> judged = ParagraphClassifier.classify(Jsoup.parse(html).body(), "en");
    assertThat(judged).filteredOn(p -> p.kind() == Kind.GOOD).extracting(Paragraph::text)
        .containsExactly(ARTICLE[0], "“We waited long enough,” one resident said.", ARTICLE[1]);
    assertThat(judged).filteredOn(p -> p.text().startsWith("Contact")).extracting(Paragraph::kind).containsExactly(Kind.BAD);
  }

  @Test
  void readsTheFunctionWordsOfThePagesLanguage() {
    String german = "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss wieder aufzubauen, die seit "
        + "dem Hochwasser des letzten Winters gesperrt ist, weil zwei ihrer Pfeiler beschädigt wurden. Die Arbeiten sollen "
        + "im Frühjahr beginnen, wenn der Fluss weniger Wasser führt.";
    String html = "<body><p>" + german + "</p><p>" + german.replace("Dienstag", "Mittwoch") + "</p></body>";
    assertThat(ParagraphClassifier.classify(Jsoup.parse(html).body(), "de-DE")).extracting(Paragraph::kind)
        .containsOnly(Kind.GOOD);
    assertThat(ParagraphClassifier.classify(Jsoup.parse(html).body(), null)).extracting(Paragraph::kind)
        .containsOnly(Kind.GOOD); // undeclared: every language's function words
    assertThat(ParagraphClassifier.classify(Jsoup.parse(html).body(), "en")).extracting(Paragraph::kind)
        .containsOnly(Kind.BAD); // read with English function words, German prose looks like a list of names
  }

  @Test
  void anArticleSplitOverTwoContainersIsReadWhole() {
    // The article's second half sits in another branch of the page (after a newsletter box), where a
    // method that takes the best container and its siblings does not look.
    String html = "<html lang='en'><body><main><div class='story'><div class='part'>"
        + "<p>" + ARTICLE[0] + "</p><p>" + ARTICLE[1] + "</p><p>" + ARTICLE[2] + "</p></div></div>"
        + "<div class='wrap'><div class='inner'><div class='more'>"
        + "<p>" + ARTICLE[3] + "</p><p>" + ARTICLE[4] + "</p><p>" + ARTICLE[5] + "</p></div></div></div>"
        + "</main><div><p><a href='/x'>Another story entirely, with a long linked headline to tempt a reader</a></p></div>"
        + "</body></html>";
    String text = new ArticleExtractor(ServiceHttp.JSON).extract(html, null).text();
    assertThat(text.split("\n\n")).containsExactly(ARTICLE);
  }

  @Test
  void aShortContinuationIsLeftOut() {
    List<Paragraph> page = List.of(new Paragraph(ARTICLE[0], false, Kind.GOOD), new Paragraph(ARTICLE[1], false, Kind.GOOD),
        new Paragraph(ARTICLE[2], false, Kind.GOOD), new Paragraph(ARTICLE[3], false, Kind.GOOD));
    String taken = String.join("\n\n", ARTICLE[0], ARTICLE[1], ARTICLE[2]);
    assertThat(SecondOpinion.apply(taken, page, null)).isEqualTo(taken); // one more paragraph: a bio, a caption, next story
    assertThat(SecondOpinion.apply("Sign up", page, null)).isEqualTo(String.join("\n\n", ARTICLE[0], ARTICLE[1],
        ARTICLE[2], ARTICLE[3])); // the container method found nothing: the good paragraphs are the article
  }
}
