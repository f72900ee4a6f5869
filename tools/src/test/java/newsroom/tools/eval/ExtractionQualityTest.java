package newsroom.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import newsroom.ingest.extract.ArticleExtractor;
import newsroom.service.ServiceHttp;
import org.junit.jupiter.api.Test;

/** A regression floor on the extraction dev set (the target itself is reported by ./newsroom eval extraction). */
class ExtractionQualityTest {
  @Test
  void extractionStaysAboveTheBestClassicExtractors() throws Exception {
    Path data = Path.of(System.getProperty("newsroom.shared.dir", "../../shared"), "eval/extraction");
    assumeTrue(Files.exists(data.resolve("ground-truth.json")),
        "../shared/eval/extraction is absent: skipping the extraction quality check");
    JsonNode truth = ServiceHttp.JSON.readTree(data.resolve("ground-truth.json").toFile());
    ArticleExtractor extractor = new ArticleExtractor(ServiceHttp.JSON);
    ShingleScore score = new ShingleScore();
    for (var it = truth.fields(); it.hasNext(); ) {
      var item = it.next();
      byte[] html;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(data.resolve("html/" + item.getKey() + ".html.gz")))) {
        html = in.readAllBytes();
      }
      score.add(item.getValue().path("articleBody").asText(), extractor.extract(html, item.getValue().path("url").asText()).text());
    }
    // readability-lxml scores 0.919 and boilerpipe 0.861 here; falling below 0.95 means a regression.
    assertThat(score.f1()).isGreaterThan(0.95);
  }
}
