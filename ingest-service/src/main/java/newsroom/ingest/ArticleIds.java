package newsroom.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable article ids and content hashes (the rules are documented on ArticleIngested.id). */
public final class ArticleIds {
  private ArticleIds() {}

  public static String fromCanonicalUrl(String canonicalUrl) {
    return "u" + sha256(canonicalUrl).substring(0, 32);
  }

  public static String fromContent(String source, String contentHash) {
    return "c" + sha256(source + "\n" + contentHash).substring(0, 32);
  }

  /** Feed subscriptions: 'f' + 32 hex of SHA-256 over the canonical feed URL. */
  public static String feedId(String canonicalFeedUrl) {
    return "f" + sha256(canonicalFeedUrl).substring(0, 32);
  }

  public static String contentHash(String title, String body) {
    return sha256(title.strip() + "\n" + body.strip().replaceAll("\\s+", " "));
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
