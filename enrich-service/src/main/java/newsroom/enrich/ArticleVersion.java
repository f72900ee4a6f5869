package newsroom.enrich;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What enrich-service remembers per article id (state store {@code article-versions}): the content
 * hash of the latest revision, its revision number and the last event version emitted.
 */
record ArticleVersion(int revision, long eventVersion, String contentHash) {

  static final Serde<ArticleVersion> SERDE = Serdes.serdeFrom(
      (topic, v) -> v == null ? null : (v.revision + "|" + v.eventVersion + "|" + v.contentHash).getBytes(StandardCharsets.UTF_8),
      (topic, bytes) -> bytes == null ? null : parse(new String(bytes, StandardCharsets.UTF_8)));

  private static ArticleVersion parse(String text) {
    String[] parts = text.split("\\|", 3);
    if (parts.length != 3) {
      throw new SerializationException("corrupt article-versions entry: " + text);
    }
    return new ArticleVersion(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), parts[2]);
  }

  /** The same revision announced again (enriched anew, e.g. after a knowledge-base correction). */
  ArticleVersion reenriched() {
    return new ArticleVersion(revision, eventVersion + 1, contentHash);
  }

  /** The version after this article arrives with {@code contentHash}; null when nothing changed. */
  static ArticleVersion next(ArticleVersion previous, String contentHash) {
    if (previous == null) {
      return new ArticleVersion(1, 1, contentHash);
    }
    if (previous.contentHash.equals(contentHash)) {
      return null;
    }
    return new ArticleVersion(previous.revision + 1, previous.eventVersion + 1, contentHash);
  }
}
