package newsroom.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import newsroom.service.ServiceHttp;
import org.junit.jupiter.api.Test;

/**
 * Robustness on the W3C Feed Validator's ~2,200 test documents, many deliberately broken: every one
 * is parsed or refused with a reason, none throws anything else, none hangs.
 */
class W3cFeedCorpusTest {
  private final FeedParser parser = new FeedParser(ServiceHttp.JSON);

  @Test
  void everyDocumentIsParsedOrRefusedCleanly() throws Exception {
    Path corpus = Path.of(System.getProperty("newsroom.shared.dir", "../../shared"), "eval/feeds/w3c-feedvalidator");
    assumeTrue(Files.isDirectory(corpus), "../shared/eval/feeds is absent: skipping the feed robustness corpus");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus)) {
      files = walk.filter(f -> f.toString().endsWith(".xml") || f.toString().endsWith(".opml")).sorted().toList();
    }
    int parsed = 0;
    int refused = 0;
    List<String> validButRefused = new ArrayList<>();
    List<String> escaped = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      String refusal;
      try {
        refusal = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
          try {
            parser.parse(bytes, null);
            return null;
          } catch (InvalidFeed e) {
            return String.valueOf(e.getMessage());
          }
        }, file::toString);
      } catch (Throwable e) {
        escaped.add(corpus.relativize(file) + ": " + e);
        continue;
      }
      if (refusal == null) {
        parsed++;
      } else {
        refused++;
        assertThat(refusal).as(file.toString()).isNotBlank();
        if (isValidNewsFeed(file, bytes)) {
          validButRefused.add(corpus.relativize(file) + ": " + refusal);
        }
      }
    }
    System.out.printf("W3C feed corpus: %d documents, %d parsed, %d refused with a reason%n", files.size(), parsed, refused);
    assertThat(escaped).as("exceptions other than InvalidFeed, or hangs").isEmpty();
    assertThat(files.size()).isGreaterThan(2_000);
    // A feed the validator calls error-free must not be refused (minus formats that are not news feeds).
    assertThat(validButRefused).as("valid feeds refused").isEmpty();
  }

  private static boolean isValidNewsFeed(Path file, byte[] bytes) {
    String path = file.toString();
    // RSS 1.1 was never adopted by publishers and is not a supported format.
    if (!(path.contains("/rss") || path.contains("/atom/")) || path.contains("/xml/") || path.contains("/rss11/")) {
      return false;
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 600), java.nio.charset.StandardCharsets.ISO_8859_1);
    return head.contains("Expect:") && head.replaceAll("\\s+", " ").contains("Expect: !Error");
  }
}
