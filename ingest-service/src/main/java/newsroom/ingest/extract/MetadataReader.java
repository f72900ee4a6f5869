package newsroom.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads {@link PageMetadata} from JSON-LD first, then Open Graph and meta tags. */
final class MetadataReader {
  private static final Set<String> ARTICLE_TYPES = Set.of("newsarticle", "article", "reportagenewsarticle",
      "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle", "blogposting", "socialmediaposting",
      "liveblogposting", "techarticle", "report", "scholarlyarticle");

  private final ObjectMapper json;

  MetadataReader(ObjectMapper json) {
    this.json = json;
  }

  PageMetadata read(Document doc) {
    JsonNode article = jsonLdArticle(doc);
    Map<String, String> metas = metas(doc);
    java.util.function.Function<String, String> meta = name -> emptyToNull(metas.get(name.toLowerCase(Locale.ROOT)));
    String title = first(text(article, "headline"), meta.apply("og:title"), meta.apply("twitter:title"),
        doc.select("h1").text(), doc.title());
    String byline = first(author(article), meta.apply("author"), meta.apply("article:author"),
        doc.select("[rel=author], [itemprop=author] [itemprop=name]").text());
    String published = first(text(article, "datePublished"), meta.apply("article:published_time"),
        meta.apply("datePublished"), meta.apply("pubdate"), meta.apply("date"),
        doc.select("time[datetime]").attr("datetime"));
    String modified = first(text(article, "dateModified"), meta.apply("article:modified_time"), meta.apply("dateModified"));
    String canonical = first(doc.select("link[rel=canonical]").attr("abs:href"), meta.apply("og:url"));
    String language = first(text(article, "inLanguage"), doc.select("html").attr("lang"),
        meta.apply("og:locale"), meta.apply("content-language"));
    String image = first(image(article), meta.apply("og:image"), meta.apply("twitter:image"));
    String section = first(text(article, "articleSection"), meta.apply("article:section"));
    Set<String> tags = new LinkedHashSet<>();
    doc.select("meta[property=article:tag]").forEach(m -> addTag(tags, m.attr("content")));
    if (article != null && article.has("keywords")) {
      JsonNode keywords = article.get("keywords");
      if (keywords.isArray()) {
        keywords.forEach(k -> addTag(tags, k.asText()));
      } else {
        for (String k : keywords.asText().split(",")) {
          addTag(tags, k);
        }
      }
    }
    return new PageMetadata(title, byline, published, modified, emptyToNull(canonical), language, image, section,
        List.copyOf(tags), text(article, "articleBody"));
  }

  private JsonNode jsonLdArticle(Document doc) {
    for (Element script : doc.select("script[type=application/ld+json]")) {
      try {
        JsonNode found = findArticle(json.readTree(script.data()));
        if (found != null) {
          return found;
        }
      } catch (Exception e) {
        // broken JSON-LD is common; the other sources still apply
      }
    }
    return null;
  }

  private static JsonNode findArticle(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        JsonNode found = findArticle(item);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (!node.isObject()) {
      return null;
    }
    JsonNode type = node.get("@type");
    List<String> types = new ArrayList<>();
    if (type != null && type.isArray()) {
      type.forEach(t -> types.add(t.asText().toLowerCase(Locale.ROOT)));
    } else if (type != null) {
      types.add(type.asText().toLowerCase(Locale.ROOT));
    }
    if (types.stream().anyMatch(ARTICLE_TYPES::contains)) {
      return node;
    }
    return findArticle(node.get("@graph"));
  }

  private static String author(JsonNode article) {
    if (article == null || !article.has("author")) {
      return null;
    }
    JsonNode author = article.get("author");
    List<String> names = new ArrayList<>();
    for (JsonNode a : author.isArray() ? author : List.of(author)) {
      names.add(a.isObject() ? a.path("name").asText() : a.asText());
    }
    return emptyToNull(String.join(", ", names.stream().filter(n -> !n.isBlank()).toList()));
  }

  private static String image(JsonNode article) {
    if (article == null || !article.has("image")) {
      return null;
    }
    JsonNode image = article.get("image");
    if (image.isArray() && !image.isEmpty()) {
      image = image.get(0);
    }
    return emptyToNull(image.isObject() ? image.path("url").asText() : image.asText());
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    return emptyToNull(value.isValueNode() ? value.asText() : null);
  }

  /**
   * Every meta tag's content by its property, name or itemprop (lower-cased; the first tag in the
   * page wins), read in one pass: asking the page once per name walked it a dozen times.
   */
  private static Map<String, String> metas(Document doc) {
    Map<String, String> contents = new HashMap<>();
    for (Element meta : doc.getElementsByTag("meta")) {
      for (String attribute : List.of("property", "name", "itemprop")) {
        String name = meta.attr(attribute);
        if (!name.isEmpty()) {
          contents.putIfAbsent(name.toLowerCase(Locale.ROOT), meta.attr("content"));
        }
      }
    }
    return contents;
  }

  private static void addTag(Set<String> tags, String tag) {
    if (tag != null && !tag.isBlank()) {
      tags.add(tag.strip());
    }
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
