package newsroom.enrich.topics;

import java.util.List;

/** A Media Topic decided for an article, how sure, and the terms that decided it. */
public record TopicScore(String qcode, String name, double confidence, List<String> evidence) {}
