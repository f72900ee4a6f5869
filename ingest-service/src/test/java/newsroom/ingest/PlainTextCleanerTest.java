package newsroom.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlainTextCleanerTest {
  private final PlainTextCleaner cleaner = new PlainTextCleaner();

  private static final String CAPTION = "A crowd gathers at the harbour as the first ferry of the season docks in Tallinn.";

  /** A page copied as text: lead caption twice (one glued to a widget name), teasers, widgets and a footer. */
  private static final String PAGE = String.join("\n",
      CAPTION,
      CAPTION + "PhotoCard",
      "",
      "Ferry Season Opens Early in the Baltic",
      "",
      "Operators started the summer timetable two weeks ahead of schedule on Monday.",
      "",
      "Ice Conditions",
      "",
      "The ice melted early this year, the port authority said.",
      "A second caption under the timetable photo, describing the harbour at dawn in some detail.",
      "A second caption under the timetable photo, describing the harbour at dawn in some detail. Port Authority",
      "",
      "More sailings are planned for June.",
      "",
      CAPTION,
      "Baltic Ports Report Record Traffic",
      CAPTION,
      "New Terminal Opens in Helsinki",
      "",
      "Related Stories",
      "",
      "No stories found.",
      "Harbour Gazette",
      "harbourgazette.com");

  @Test
  void findsTheHeadlineAndDropsWhatComesBeforeIt() {
    var cleaned = cleaner.clean(PAGE, null);
    assertThat(cleaned.title()).isEqualTo("Ferry Season Opens Early in the Baltic");
    assertThat(cleaned.body()).startsWith("Operators started the summer timetable");
  }

  @Test
  void keepsEachCaptionOnceAndSectionHeadings() {
    var body = cleaner.clean(PAGE, null).body();
    assertThat(body).contains("Ice Conditions");
    assertThat(count(body, "A second caption under the timetable photo")).isEqualTo(1);
    assertThat(body).doesNotContain("Port Authority").doesNotContain(CAPTION);
    assertThat(body.split("\n\n")).contains("More sailings are planned for June.");
  }

  @Test
  void teaserHeadlinesBecomeMetadata() {
    var cleaned = cleaner.clean(PAGE, null);
    assertThat(cleaned.relatedHeadlines())
        .containsExactly("Baltic Ports Report Record Traffic", "New Terminal Opens in Helsinki");
    assertThat(cleaned.body()).doesNotContain("Record Traffic").doesNotContain("New Terminal");
  }

  @Test
  void widgetsGluedComponentNamesAndTheSiteFooterAreRemoved() {
    var cleaned = cleaner.clean(PAGE, null);
    assertThat(cleaned.body()).doesNotContain("PhotoCard", "Related Stories", "No stories found", "Harbour Gazette",
        "harbourgazette.com");
    assertThat(cleaned.siteName()).isEqualTo("Harbour Gazette");
  }

  @Test
  void aGivenTitleIsUsedAndRemovedFromTheBody() {
    var cleaned = cleaner.clean("Big News\n\nSomething happened today in the city.", "Big News");
    assertThat(cleaned.title()).isEqualTo("Big News");
    assertThat(cleaned.body()).isEqualTo("Something happened today in the city.");
  }

  @Test
  void plainTextWithoutHeadlineKeepsEverything() {
    var cleaned = cleaner.clean("First paragraph of a wire story.\n\nSecond paragraph.", "Wire story");
    assertThat(cleaned.body()).isEqualTo("First paragraph of a wire story.\n\nSecond paragraph.");
  }

  @Test
  void bridgeSampleComesOutClean() throws Exception {
    Path sample = Path.of("../../shared/samples/bridge-of-unity.txt");
    assumeTrue(Files.exists(sample), "../shared/samples is absent: skipping the newsroom sample check");
    var cleaned = cleaner.clean(Files.readString(sample), null);

    assertThat(cleaned.title()).isEqualTo("Putin and Kim’s ‘Bridge of Unity’: North Korea, Russia Open First Road Link");
    assertThat(cleaned.body()).doesNotContain("TowerCard", "No stories found", "Related Stories", "Inter Bellum News",
        "interbellumnews.com");
    assertThat(count(cleaned.body(), "An international passenger train travels")).isLessThanOrEqualTo(1);
    assertThat(count(cleaned.body(), "This photo provided by the North Korean government")).isEqualTo(1);
    assertThat(cleaned.body()).contains("Military Collaboration Intensifies", "Korean Central News Agency");
    assertThat(cleaned.relatedHeadlines()).containsExactly(
        "New Details Emerge on North Korea’s Involvement in Kursk Fighting",
        "Russia Claims Victory in Kursk with North Korean Support",
        "Russian, North Korea Reaffirm Ties Despite Western Pressure");
    assertThat(cleaned.siteName()).isEqualTo("Inter Bellum News");
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
