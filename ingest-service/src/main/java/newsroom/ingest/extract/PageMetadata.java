package newsroom.ingest.extract;

import java.util.List;

/**
 * What a page declares about its article (JSON-LD, Open Graph, meta tags), before any heuristics.
 * Any field may be null (or empty) when the page does not say.
 */
public record PageMetadata(
    String title, String byline, String published, String modified, String canonicalUrl, String language,
    String leadImage, String section, List<String> tags, String declaredBody) {}
