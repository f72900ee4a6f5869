package newsroom.ingest;

/** Input that cannot become an article; {@code where} points at the field (or line) at fault. */
public final class InvalidInput extends RuntimeException {
  private final String where;

  public InvalidInput(String where, String message) {
    super(message, null, false, false);
    this.where = where;
  }

  public String where() {
    return where;
  }
}
