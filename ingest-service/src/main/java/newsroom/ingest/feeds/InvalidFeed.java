package newsroom.ingest.feeds;

/** A document that is not a feed we can read, with the reason in words a newsroom engineer can act on. */
public final class InvalidFeed extends Exception {
  public InvalidFeed(String reason, Throwable cause) {
    super(reason, cause);
  }
}
