package newsroom.ingest.feeds;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a feed, whatever its format.
 *
 * @param id the entry's own id (RSS guid, Atom id, JSON Feed id), else its link
 * @param content full content the feed carries (HTML), or null when it only links to the page
 */
public record FeedItem(String id, String url, String title, String summary, String content, Instant published,
                       Instant updated, String author, List<String> categories) {}
