package newsroom.ingest.feeds;

import java.util.List;

/** A feed's own title and site, and its entries in document order. */
public record ParsedFeed(String format, String title, String siteUrl, List<FeedItem> items) {}
