package newsroom.service;

import io.javalin.security.RouteRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API keys an operator gave out, read from a file that holds only their SHA-256 hashes (a leaked
 * file grants nothing). One key per line: {@code name scopes sha256:HEX [requests-per-minute]}, e.g.
 * {@code desk-search search sha256:9f86…08 600}; scopes are comma-separated; {@code #} starts a
 * comment. {@code ./newsroom keys create} makes a key and its line.
 */
public final class ApiKeys {
  public static final int DEFAULT_PER_MINUTE = 600;
  private static final String PREFIX = "nk_";

  /** What a key may do. */
  public enum Scope implements RouteRole {
    /** Send articles (POST /v1/articles, :bulk). */
    INGEST,
    /** Search and read articles, stories, entities, topic rules; manage one's alerts. */
    SEARCH,
    /** Change what the pipeline does: feeds, knowledge base, topic rules. */
    ADMIN;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One key: its holder's name (logged instead of the key), scopes and rate limit. */
  public record Key(String name, Set<Scope> scopes, byte[] hash, int perMinute) {}

  private final List<Key> keys;

  private ApiKeys(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  public static ApiKeys of(List<Key> keys) {
    return new ApiKeys(keys);
  }

  /** Reads a keys file; every problem is reported with its line number. */
  public static ApiKeys read(Path file) throws IOException {
    List<Key> keys = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        keys.add(parse(line));
      } catch (IllegalArgumentException e) {
        problems.add(file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    if (keys.stream().map(Key::name).distinct().count() < keys.size()) {
      throw new IllegalArgumentException(file + ": two keys have the same name; names identify keys in logs and metrics");
    }
    return new ApiKeys(keys);
  }

  private static Key parse(String line) {
    String[] cols = line.split("\\s+");
    if (cols.length < 3 || cols.length > 4) {
      throw new IllegalArgumentException("expected 'name scopes sha256:HEX [requests-per-minute]'");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String scope : cols[1].split(",")) {
      scopes.add(Arrays.stream(Scope.values()).filter(s -> s.label().equals(scope)).findFirst().orElseThrow(
          () -> new IllegalArgumentException("unknown scope '" + scope + "' (scopes: ingest, search, admin)")));
    }
    if (!cols[2].matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("the hash must be 'sha256:' and 64 lower-case hex digits");
    }
    int perMinute = DEFAULT_PER_MINUTE;
    if (cols.length == 4) {
      try {
        perMinute = Integer.parseInt(cols[3]);
      } catch (NumberFormatException e) {
        perMinute = 0;
      }
      if (perMinute < 1) {
        throw new IllegalArgumentException("requests per minute must be a whole number of at least 1, not '" + cols[3] + "'");
      }
    }
    return new Key(cols[0], scopes, HexFormat.of().parseHex(cols[2].substring(7)), perMinute);
  }

  public Set<String> names() {
    return keys.stream().map(Key::name).collect(Collectors.toSet());
  }

  /** The key presented, if it is one of these (compared by hash, in constant time). */
  public Optional<Key> find(String presented) {
    if (presented == null || presented.isBlank()) {
      return Optional.empty();
    }
    byte[] hash = sha256(presented.strip());
    Key found = null;
    for (Key key : keys) {
      if (MessageDigest.isEqual(key.hash(), hash)) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }

  /** A new random key: 32 bytes from a strong source, URL-safe. */
  public static String generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The keys-file line for a key (its hash, never the key). */
  public static String line(String name, Set<Scope> scopes, String key, int perMinute) {
    return name + " " + scopes.stream().map(Scope::label).collect(Collectors.joining(",")) + " sha256:"
        + HexFormat.of().formatHex(sha256(key)) + " " + perMinute;
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
