package newsroom.schemas;

import java.time.Instant;
import java.util.List;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;

/** Events for tests of the serdes, here and against a real registry (integration-tests). */
public final class SampleEvents {
  private SampleEvents() {}

  public static ArticleIngested article() {
    return ArticleIngested.newBuilder()
        .setId("u0123").setUrl("https://example.org/a").setCanonicalUrl("https://example.org/a")
        .setSource("example.org").setTitle("Title").setBody("Body.")
        .setPublishedAt(Instant.parse("2025-04-30T08:00:00Z")).setIngestedAt(Instant.parse("2025-04-30T09:00:00Z"))
        .setContentHash("abc").setRelatedHeadlines(List.of("Other story")).setContentFormat(ContentFormat.TEXT)
        .build();
  }
}
