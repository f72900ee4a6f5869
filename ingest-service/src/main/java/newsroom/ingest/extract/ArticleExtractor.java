package newsroom.ingest.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Main-text extraction from a news page: the article's paragraphs without navigation, banners,
 * share widgets, "related" boxes, comments or footers.
 *
 * <p>Method: drop elements that are page chrome by tag, ARIA role or class/id; score each block of
 * prose (length, commas) into its ancestors; take the best-scoring container (penalised by link
 * density) plus siblings that score like it; then emit its blocks, skipping link lists and widget
 * lines. A second, independent method ({@link ParagraphClassifier}) judges every paragraph on its
 * own words, and corrects the first where the two disagree grossly ({@link SecondOpinion}). What the
 * page declares (JSON-LD, Open Graph, meta) is read before any of this.
 */
public final class ArticleExtractor {
  /** The page's declared metadata and the extracted article text (paragraphs separated by blank lines). */
  public record Extracted(PageMetadata metadata, String text) {}

  private static final String CHROME = "script, style, noscript, template, svg, canvas, iframe, object, embed, "
      + "button, input, select, textarea, nav, footer, aside, dialog, figure figcaption, [hidden], "
      + "[aria-hidden=true], [role=navigation], [role=complementary], [role=contentinfo], [role=banner], "
      + "[role=dialog], [role=alert], [style~=(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden]";
  private static final Pattern NEGATIVE = Pattern.compile("(?i)(^|[-_ ])(comments?|share|sharing|social|related|"
      + "recommend\\w*|promo\\w*|newsletter|subscri\\w*|signup|cookie\\w*|consent|gdpr|banner|advert\\w*|ads?|"
      + "ad-?slot|sponsor\\w*|sidebar|breadcrumbs?|footer|masthead|nav|navbar|menu|popup|modal|outbrain|taboola|"
      + "most-?(read|popular|viewed)|trending|paywall|byline|author|tags?|toolbar|widget|print|caption|credits?|"
      + "disclaimer|pagination|pager|hidden|overlay|teaser|more-stories|read-more|next-article)([-_ ]|$)");
  private static final Pattern POSITIVE = Pattern.compile("(?i)(article|body|content|entry|main|post|story|text|prose)");
  private static final Set<String> BLOCKS = Set.of("p", "pre", "blockquote", "li", "h1", "h2", "h3", "h4", "h5",
      "h6", "td", "dd", "dt", "figcaption", "address");
  // Elements that start a new line of text; inline ones (span, font, a, …) never split a paragraph.
  private static final Set<String> CONTAINERS = Set.of("div", "section", "article", "main", "center", "td", "body",
      "form", "header", "figure");
  private static final Pattern WIDGET_LINE = Pattern.compile("(?i)^(advertisement|advertisement - scroll to continue|"
      + "read more|read next|share( this( article)?)?|sign up|subscribe( now)?|related( articles| stories)?|"
      + "continue reading( below)?|click here|print|email|comments?|show comments|loading\\W*|skip to content|"
      + "image|photo|video|listen to this article|follow us)\\W*$");

  private final MetadataReader metadataReader;

  public ArticleExtractor(ObjectMapper json) {
    this.metadataReader = new MetadataReader(json);
  }

  public Extracted extract(String html, String baseUrl) {
    return extract(Jsoup.parse(html, baseUrl == null ? "" : baseUrl));
  }

  /** From raw bytes: the charset comes from a byte-order mark or the page's meta tag, else UTF-8. */
  public Extracted extract(byte[] html, String baseUrl) {
    try {
      return extract(Jsoup.parse(new java.io.ByteArrayInputStream(html), null, baseUrl == null ? "" : baseUrl));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // reading from memory does not fail
    }
  }

  private Extracted extract(Document doc) {
    PageMetadata metadata = metadataReader.read(doc);
    doc.select(CHROME).remove();
    // The second method reads the page before the first removes what its class names call boilerplate.
    List<ParagraphClassifier.Paragraph> judged = ParagraphClassifier.classify(doc.body(), metadata.language());
    removeChrome(doc);
    Element body = doc.body();
    List<Element> parts = mainContent(body);
    String text = render(parts, metadata.title());
    // Script-rendered pages may carry the article only in their JSON-LD.
    if (text.length() < 200 && metadata.declaredBody() != null && metadata.declaredBody().length() > text.length()) {
      text = metadata.declaredBody();
    } else {
      text = SecondOpinion.apply(text, judged, metadata.title());
    }
    return new Extracted(metadata, text);
  }

  private static void removeChrome(Document doc) {
    for (Element header : doc.select("header")) {
      if (header.select("p").size() < 3) { // a page header, not an article wrapped in <header>
        header.remove();
      }
    }
    // A class like "has-sidebar" or "ads-enabled" on a page wrapper must not take the article with it:
    // an element holding a large share of the page's prose is never boilerplate.
    double pageProse = proseLength(doc.body());
    List<Element> boilerplate = new ArrayList<>();
    for (Element element : doc.body().getAllElements()) {
      String tag = element.normalName();
      if (tag.equals("body") || tag.equals("article") || tag.equals("main")) {
        continue;
      }
      String names = element.className() + " " + element.id();
      if (names.isBlank() || !NEGATIVE.matcher(names).find()) {
        continue;
      }
      if (proseLength(element) <= 0.3 * pageProse) {
        boilerplate.add(element);
      }
    }
    boilerplate.forEach(Element::remove);
  }

  /**
   * Characters of prose under {@code root}: paragraphs, and text written straight into a div
   * between line breaks (blog engines), of 25+ characters and few links.
   */
  private static double proseLength(Element root) {
    double total = 0;
    for (Element block : root.select("p, div, pre, blockquote, td")) {
      String text = ownBlockText(block);
      if (text.length() >= 25 && linkDensity(block) < 0.5) {
        total += text.length();
      }
    }
    return total;
  }

  /** The best-scoring container and its siblings that look like more of the same article. */
  private static List<Element> mainContent(Element body) {
    Map<Element, Double> scores = new HashMap<>();
    for (Element block : body.select("p, pre, blockquote, td, li, div")) {
      String text = ownBlockText(block);
      if (text.length() < 25) {
        continue;
      }
      double score = 1 + text.split(",", -1).length - 1 + Math.min(text.length() / 100.0, 3);
      Element ancestor = block.parent();
      for (int level = 0; ancestor != null && level < 3; level++, ancestor = ancestor.parent()) {
        scores.merge(ancestor, score / (level == 0 ? 1 : level * 2), Double::sum);
      }
    }
    Element best = null;
    double bestScore = 0;
    for (var entry : scores.entrySet()) {
      Element candidate = entry.getKey();
      double score = (entry.getValue() + tagWeight(candidate) + classWeight(candidate)) * (1 - linkDensity(candidate));
      scores.put(candidate, score);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    if (best == null) {
      return List.of(body);
    }
    List<Element> parts = new ArrayList<>();
    Element parent = best.parent();
    if (parent == null) {
      return List.of(best);
    }
    double threshold = Math.max(10, bestScore * 0.2);
    for (Element sibling : parent.children()) {
      if (sibling == best) {
        parts.add(sibling);
      } else if (scores.getOrDefault(sibling, 0.0) >= threshold) {
        parts.add(sibling);
      } else if (sibling.normalName().equals("p")) {
        String text = sibling.text();
        double links = linkDensity(sibling);
        if ((text.length() > 80 && links < 0.25) || (text.length() > 0 && links == 0 && text.matches(".*\\.( |$).*"))) {
          parts.add(sibling);
        }
      }
    }
    return parts;
  }

  /** Text of a block that belongs to it directly (for div: its own text nodes and inline children). */
  private static String ownBlockText(Element block) {
    if (!block.normalName().equals("div") && !block.normalName().equals("td")) {
      return block.text();
    }
    StringBuilder text = new StringBuilder();
    for (Node child : block.childNodes()) {
      if (child instanceof TextNode t) {
        text.append(t.text());
      } else if (child instanceof Element e && !isBlockLike(e)) {
        text.append(e.text());
      }
    }
    return text.toString().strip();
  }

  private static boolean isBlockLike(Element e) {
    return BLOCKS.contains(e.normalName()) || CONTAINERS.contains(e.normalName()) || e.normalName().equals("ul")
        || e.normalName().equals("ol") || e.normalName().equals("table");
  }

  private static double tagWeight(Element e) {
    return switch (e.normalName()) {
      case "article" -> 10;
      case "main", "div", "section" -> 5;
      case "pre", "td", "blockquote" -> 3;
      case "ol", "ul", "form", "dl" -> -3;
      case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
      default -> 0;
    };
  }

  private static double classWeight(Element e) {
    String names = e.className() + " " + e.id();
    double weight = 0;
    if (POSITIVE.matcher(names).find()) {
      weight += 25;
    }
    if (NEGATIVE.matcher(names).find()) {
      weight -= 25;
    }
    return weight;
  }

  private static double linkDensity(Element e) {
    int total = e.text().length();
    if (total == 0) {
      return 0;
    }
    int links = 0;
    for (Element a : e.select("a")) {
      links += a.text().length();
    }
    return Math.min(1, (double) links / total);
  }

  /** One line per innermost block; link lists, widget lines and the headline itself are left out. */
  private static String render(List<Element> parts, String title) {
    List<String> lines = new ArrayList<>();
    String titleKey = title == null ? "" : key(title);
    for (Element part : parts) {
      emit(part, lines, titleKey);
    }
    return String.join("\n\n", lines);
  }

  private static void emit(Element element, List<String> lines, String titleKey) {
    String tag = element.normalName();
    if ((tag.equals("ul") || tag.equals("ol")) && linkDensity(element) > 0.5) {
      return; // a list of links: navigation or "related" teasers
    }
    boolean hasBlockChildren = element.children().stream().anyMatch(ArticleExtractor::isBlockLike);
    if (BLOCKS.contains(tag) && !hasBlockChildren || !hasBlockChildren) {
      String text = element.text().replaceAll("\\s+", " ").strip();
      if (text.isEmpty() || WIDGET_LINE.matcher(text).matches() || key(text).equals(titleKey)) {
        return;
      }
      if (linkDensity(element) > 0.6 && text.length() < 200) {
        return;
      }
      lines.add(text);
      return;
    }
    // Mixed content: inline text directly inside a container is a paragraph of its own.
    StringBuilder inline = new StringBuilder();
    for (Node child : element.childNodes()) {
      if (child instanceof Element e && isBlockLike(e)) {
        flush(inline, lines, titleKey);
        emit(e, lines, titleKey);
      } else if (child instanceof TextNode t) {
        inline.append(t.text());
      } else if (child instanceof Element e) {
        if (e.normalName().equals("br")) {
          flush(inline, lines, titleKey);
        } else {
          inline.append(e.text());
        }
      }
    }
    flush(inline, lines, titleKey);
  }

  private static void flush(StringBuilder inline, List<String> lines, String titleKey) {
    String text = inline.toString().replaceAll("\\s+", " ").strip();
    inline.setLength(0);
    if (!text.isEmpty() && !WIDGET_LINE.matcher(text).matches() && !key(text).equals(titleKey)) {
      lines.add(text);
    }
  }

  /** Text compared without case, punctuation or spacing: letters and digits, single spaces between runs. */
  static String key(String text) {
    StringBuilder key = new StringBuilder(text.length());
    boolean gap = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetter(c) || Character.isDigit(c)) {
        if (gap && !key.isEmpty()) {
          key.append(' ');
        }
        key.appendCodePoint(Character.toLowerCase(c));
        gap = false;
      } else {
        gap = true;
      }
    }
    return key.toString();
  }
}
