package newsroom.enrich.duplicates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What duplicate detection compares: a hash of the normalised text (exact copies), a MinHash
 * signature of word 5-shingles (near copies, with LSH bands to find candidates without comparing
 * against everything) and a title key that ignores labels and site names ("Opinion | …",
 * "… – The Site").
 */
public record Fingerprint(String exactHash, int[] signature, String titleKey) {
  static final int HASHES = 64;
  static final int BANDS = 16;
  private static final int ROWS = HASHES / BANDS;
  private static final int SHINGLE = 5;
  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SEPARATOR = Pattern.compile("\\s+[|–—-]\\s+|:\\s+");
  private static final Set<String> LABELS = Set.of("opinion", "analysis", "exclusive", "breaking", "live", "watch",
      "video", "update", "updated", "editorial", "comment", "explainer", "review", "photos", "factbox", "news");
  private static final long[] SEEDS = seeds();

  public Fingerprint {
    if (signature.length != HASHES) {
      throw new IllegalArgumentException("a fingerprint has " + HASHES + " hashes, not " + signature.length);
    }
  }

  public static Fingerprint of(String title, String body) {
    List<String> words = WORD.matcher(body.toLowerCase(Locale.ROOT)).results().map(m -> m.group()).toList();
    return new Fingerprint(sha256(String.join(" ", words)), minHash(words), titleKey(title));
  }

  /** Estimated Jaccard similarity of the shingle sets behind two signatures. */
  static double similarity(int[] a, int[] b) {
    int same = 0;
    for (int i = 0; i < HASHES; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / HASHES;
  }

  /** One key per band: texts sharing any band are candidates. */
  public List<String> bandKeys() {
    return bandKeys(signature);
  }

  static List<String> bandKeys(int[] signature) {
    List<String> keys = new ArrayList<>(BANDS);
    for (int band = 0; band < BANDS; band++) {
      long h = band;
      for (int row = 0; row < ROWS; row++) {
        h = mix(h * 31 + signature[band * ROWS + row]);
      }
      keys.add(band + ":" + Long.toHexString(h));
    }
    return keys;
  }

  /** "Opinion | The Bridge Opens – Example News" → "the bridge opens". */
  static String titleKey(String title) {
    List<String> parts = new ArrayList<>(List.of(SEPARATOR.split(title.strip())));
    if (parts.size() > 1 && LABELS.contains(parts.get(0).toLowerCase(Locale.ROOT).strip())) {
      parts.remove(0);
    }
    // A short last segment after a separator is the site's name, not part of the headline.
    if (parts.size() > 1 && parts.get(parts.size() - 1).split("\\s+").length <= 4) {
      parts.remove(parts.size() - 1);
    }
    return String.join(" ", WORD.matcher(String.join(" ", parts).toLowerCase(Locale.ROOT)).results()
        .map(m -> m.group()).toList());
  }

  private static int[] minHash(List<String> words) {
    int[] signature = new int[HASHES];
    java.util.Arrays.fill(signature, Integer.MAX_VALUE);
    int shingles = Math.max(1, words.size() - SHINGLE + 1);
    for (int i = 0; i < shingles && !words.isEmpty(); i++) {
      long h = 0xcbf29ce484222325L; // FNV-1a over the shingle's words
      for (int w = i; w < Math.min(words.size(), i + SHINGLE); w++) {
        for (char c : words.get(w).toCharArray()) {
          h = (h ^ c) * 0x100000001b3L;
        }
        h = (h ^ ' ') * 0x100000001b3L;
      }
      for (int k = 0; k < HASHES; k++) {
        int value = (int) (mix(h ^ SEEDS[k]) >>> 33);
        if (value < signature[k]) {
          signature[k] = value;
        }
      }
    }
    return signature;
  }

  private static long mix(long z) { // SplitMix64 finaliser
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static long[] seeds() {
    long[] seeds = new long[HASHES];
    long state = 0x9e3779b97f4a7c15L;
    for (int i = 0; i < HASHES; i++) {
      state += 0x9e3779b97f4a7c15L;
      seeds[i] = mix(state);
    }
    return seeds;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String signatureText(int[] signature) {
    StringBuilder out = new StringBuilder();
    for (int value : signature) {
      out.append(Integer.toHexString(value)).append(',');
    }
    return out.toString();
  }

  static int[] parseSignature(String text) {
    String[] parts = text.split(",");
    int[] signature = new int[HASHES];
    for (int i = 0; i < HASHES; i++) {
      signature[i] = Integer.parseUnsignedInt(parts[i], 16);
    }
    return signature;
  }
}
