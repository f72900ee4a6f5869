package newsroom.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.Entity;
import newsroom.events.Mention;
import newsroom.text.LanguageText;

/** The Elasticsearch document of an enriched article (field names as in articles-template.json). */
public final class ArticleDocument {
  /** Joins an id and its name in the {@code facet} fields. */
  static final String FACET_SEPARATOR = "\u001f";

  /** The field search collapses on: one hit per group of copies. */
  static final String COPY_GROUP = "copy_group";

  private ArticleDocument() {}

  /** The first article of the article's group of copies (exact or near), or the article itself. */
  static String copyGroup(ArticleEnriched event) {
    if (event.getNearDuplicateOf() != null) {
      return event.getNearDuplicateOf();
    }
    return event.getDuplicateOf() != null ? event.getDuplicateOf() : event.getArticle().getId();
  }

  /**
   * A text's stems in a language, each marked with the language ("es:acuerd es:gobiern"), as one
   * string the index splits at spaces. index-service stems with Lucene's analyzer for the language,
   * the one Elasticsearch's own language analyzers are built from: so every cluster, the local one
   * without analysis modules too, finds the words of each language by their stems, and a stem of
   * one language never matches a word of another.
   */
  static String stems(String text, String language) {
    String code = LanguageText.language(language);
    StringBuilder out = new StringBuilder();
    for (String stem : LanguageText.stems(text, language)) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(code).append(':').append(stem);
    }
    return out.toString();
  }

  public static Map<String, Object> of(ArticleEnriched event) {
    ArticleIngested article = event.getArticle();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", article.getId());
    doc.put("url", article.getUrl());
    doc.put("canonical_url", article.getCanonicalUrl());
    doc.put("source", article.getSource());
    doc.put("title", article.getTitle());
    doc.put("body", article.getBody());
    doc.put("related_headlines", article.getRelatedHeadlines());
    doc.put("title_stems", stems(article.getTitle(), article.getLanguage()));
    doc.put("body_stems", stems(article.getBody(), article.getLanguage()));
    doc.put("language", article.getLanguage());
    doc.put("declared_language", article.getDeclaredLanguage());
    doc.put("byline", article.getByline());
    doc.put("updated_at", iso(article.getUpdatedAt()));
    doc.put("lead_image", article.getLeadImage());
    doc.put("section", article.getSection());
    doc.put("tags", article.getTags());
    doc.put("content_format", article.getContentFormat().name());
    doc.put("content_hash", article.getContentHash());
    Instant date = article.getPublishedAt() != null ? article.getPublishedAt() : article.getIngestedAt();
    doc.put("date", iso(date));
    doc.put("published_at", iso(article.getPublishedAt()));
    doc.put("ingested_at", iso(article.getIngestedAt()));
    doc.put("enriched_at", iso(event.getEnrichment().getEnrichedAt()));
    doc.put("revision", event.getRevision());
    doc.put("event_version", event.getEventVersion());
    doc.put("enrichment_version", event.getEnrichment().getVersion());
    doc.put("duplicate_of", event.getDuplicateOf());
    doc.put("near_duplicate_of", event.getNearDuplicateOf());
    doc.put(COPY_GROUP, copyGroup(event));
    doc.put("near_duplicate_similarity", event.getNearDuplicateSimilarity());
    List<Map<String, Object>> entities = new ArrayList<>();
    for (Entity entity : event.getEntities()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", entity.getId());
      e.put("name", entity.getName());
      e.put("type", entity.getType().name());
      e.put("surface_forms", entity.getSurfaceForms());
      e.put("mention_count", entity.getMentionCount());
      e.put("salience", entity.getSalience());
      e.put("linked", entity.getLinked());
      if (entity.getLinkScore() != null) { // why this entry, for editors checking a link
        e.put("link_score", entity.getLinkScore());
        e.put("link_evidence", entity.getLinkEvidence());
      }
      List<Map<String, Object>> mentions = new ArrayList<>();
      for (Mention m : entity.getMentions()) {
        Map<String, Object> mention = new LinkedHashMap<>(Map.of("field", m.getField().name(), "start", m.getStart(),
            "end", m.getEnd(), "text", m.getText()));
        if (m.getType() != null) {
          mention.put("type", m.getType().name());
        }
        mentions.add(mention);
      }
      e.put("mentions", mentions);
      entities.add(e);
    }
    doc.put("entities", entities);
    doc.put("topics", event.getTopics().stream().map(topic -> Map.of("qcode", topic.getQcode(), "name", topic.getName(),
        "confidence", topic.getConfidence())).toList());
    doc.put("topic_model", event.getEnrichment().getTopicModel());
    doc.put("facet", facetValues(event));
    doc.put("story_id", event.getStoryId());
    doc.put("keywords", event.getKeywords());
    doc.put("teasers", event.getTeasers().stream().map(teaser -> {
      Map<String, Object> link = new LinkedHashMap<>();
      link.put("headline", teaser.getHeadline());
      link.put("article_id", teaser.getArticleId());
      return link;
    }).toList());
    doc.put("related", event.getRelated().stream().map(r -> Map.of("article_id", r.getArticleId(), "score", r.getScore(),
        "shared_entities", r.getSharedEntities(), "shared_keywords", r.getSharedKeywords(), "hours_apart", r.getHoursApart(),
        "same_story", r.getSameStory())).toList());
    return doc;
  }

  /**
   * Entities by type and topics as flat "id U+001F name" values: a facet counts them with one terms
   * aggregation each, several times faster than aggregating the nested entities and looking up names.
   */
  private static Map<String, List<String>> facetValues(ArticleEnriched event) {
    Map<String, List<String>> facet = new LinkedHashMap<>();
    for (Entity entity : event.getEntities()) {
      facet.computeIfAbsent(entity.getType().name().toLowerCase(Locale.ROOT), t -> new ArrayList<>())
          .add(entity.getId() + FACET_SEPARATOR + entity.getName());
    }
    List<String> topics = event.getTopics().stream().map(t -> t.getQcode() + FACET_SEPARATOR + t.getName()).distinct().toList();
    if (!topics.isEmpty()) {
      facet.put("topic", topics);
    }
    return facet;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
