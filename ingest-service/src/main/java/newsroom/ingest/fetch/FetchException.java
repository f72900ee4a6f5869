package newsroom.ingest.fetch;

/**
 * A fetch that did not produce a page.
 *
 * @see #retriable() whether trying again later may succeed (timeouts, 5xx, 429) or not (4xx,
 *     refused addresses, oversized bodies, redirect loops)
 */
public final class FetchException extends Exception {
  private final boolean retriable;

  public FetchException(String reason, boolean retriable, Throwable cause) {
    super(reason, cause);
    this.retriable = retriable;
  }

  public boolean retriable() {
    return retriable;
  }
}
