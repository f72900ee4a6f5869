package newsroom.ingest.fetch;

import java.net.URI;

/**
 * A fetched resource, or {@code notModified} when the server answered 304 to a conditional request.
 *
 * @param url where the content came from after redirects
 * @param etag validators to send next time (conditional GET)
 */
public record FetchedPage(URI url, boolean notModified, String contentType, byte[] body, String etag, String lastModified) {}
