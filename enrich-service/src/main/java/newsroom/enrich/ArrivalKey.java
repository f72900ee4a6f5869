package newsroom.enrich;

/**
 * Keys of the stores that log a window's articles in arrival order: the sequence number,
 * zero-padded to 19 digits so that the store's byte order is the arrival order. Written by hand
 * because {@code String.format} costs more than the rest of a log write.
 */
public final class ArrivalKey {
  private static final int DIGITS = 19; // Long.MAX_VALUE has 19

  private ArrivalKey() {}

  public static String of(long sequence) {
    String digits = Long.toString(sequence);
    return "0".repeat(DIGITS - digits.length()) + digits;
  }
}
