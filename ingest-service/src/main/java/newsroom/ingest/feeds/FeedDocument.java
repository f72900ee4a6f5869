package newsroom.ingest.feeds;

import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Attribute;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;

/**
 * What the feed standards say about a document before ROME maps it: every link and id made
 * absolute (each element's {@code xml:base}, inherited and itself resolved against its parent's,
 * the outermost against the feed's own address), Atom 0.3's base64 text decoded, and an item
 * without a {@code title} given its Dublin Core, Media RSS or iTunes title. ROME reads the result.
 */
final class FeedDocument {
  private static final Namespace XML = Namespace.XML_NAMESPACE;
  /** Elements whose text is a link or an id (RSS link, guid, comments, image url; Atom id, icon, logo, uri). */
  private static final Set<String> LINK_TEXT = Set.of("link", "guid", "comments", "url", "id", "icon", "logo", "uri");
  /** Attributes that hold a link (Atom link href, content src, RSS enclosure url, RSS 1.0 rdf:about/resource). */
  private static final Set<String> LINK_ATTRIBUTES = Set.of("href", "src", "url");
  /** Where a title may be when {@code title} is absent, in order of preference. */
  private static final List<String> TITLE_FALLBACKS = List.of("http://purl.org/dc/elements/1.1/",
      "http://search.yahoo.com/mrss/", "http://www.itunes.com/dtds/podcast-1.0.dtd");

  private FeedDocument() {}

  /** Parses with ROME's own hardened builder (external entities disarmed; DOCTYPEs of old RSS allowed). */
  static Document read(Reader xml) throws JDOMException, IOException {
    return new HardenedInput().builder().build(new XmlFixerReader(xml));
  }

  /** Rewrites {@code document} in place; {@code base} is the feed's address (null when unknown). */
  static void normalise(Document document, URI base) {
    rewrite(document.getRootElement(), base);
  }

  private static void rewrite(Element element, URI inherited) {
    URI base = withBase(element, inherited);
    decodeBase64(element);
    if (isItem(element) || isFeed(element)) {
      addFallbackTitle(element);
    }
    if (base != null) {
      for (Attribute attribute : element.getAttributes()) {
        if (LINK_ATTRIBUTES.contains(attribute.getName())) {
          attribute.setValue(absolute(base, attribute.getValue()));
        }
      }
      boolean opaqueGuid = element.getName().equals("guid")
          && "false".equalsIgnoreCase(element.getAttributeValue("isPermaLink"));
      if (LINK_TEXT.contains(element.getName()) && element.getChildren().isEmpty() && !opaqueGuid) {
        String text = element.getTextTrim();
        if (!text.isEmpty()) {
          element.setText(absolute(base, text));
        }
      }
    }
    for (Element child : element.getChildren()) {
      rewrite(child, base);
    }
  }

  /** The element's base: its {@code xml:base} resolved against the inherited one. */
  private static URI withBase(Element element, URI inherited) {
    String declared = element.getAttributeValue("base", XML);
    if (declared == null || declared.isBlank()) {
      return inherited;
    }
    try {
      URI own = new URI(declared.strip());
      return inherited == null ? (own.isAbsolute() ? own : null) : inherited.resolve(own);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return inherited; // an unreadable xml:base is ignored, as a browser would
    }
  }

  /** {@code reference} made absolute against {@code base}; left as it is when it is not a URI reference. */
  static String absolute(URI base, String reference) {
    try {
      URI uri = new URI(reference.strip());
      return uri.isAbsolute() ? reference.strip() : base.resolve(uri).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return reference;
    }
  }

  /** Atom 0.3 {@code mode="base64"}: the text decoded and marked as escaped, which ROME reads as text. */
  private static void decodeBase64(Element element) {
    Attribute mode = element.getAttribute("mode");
    if (mode == null || !mode.getValue().strip().equalsIgnoreCase("base64") || !element.getChildren().isEmpty()) {
      return;
    }
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(element.getText().strip());
      element.setText(new String(bytes, StandardCharsets.UTF_8));
      mode.setValue("escaped");
    } catch (IllegalArgumentException e) {
      // not base64 after all: ROME reads the text as it is
    }
  }

  /** The element that describes the feed itself: RSS {@code channel}, Atom {@code feed}. */
  private static boolean isFeed(Element element) {
    String name = element.getName().toLowerCase(Locale.ROOT);
    return name.equals("channel") || name.equals("feed");
  }

  private static boolean isItem(Element element) {
    String name = element.getName().toLowerCase(Locale.ROOT);
    return name.equals("item") || name.equals("entry");
  }

  private static void addFallbackTitle(Element item) {
    Element title = item.getChild("title", item.getNamespace());
    if (title != null && !title.getValue().isBlank()) {
      return;
    }
    for (String namespace : TITLE_FALLBACKS) {
      String found = firstTitle(item, Namespace.getNamespace(namespace));
      if (found != null) {
        if (title == null) {
          title = new Element("title", item.getNamespace());
          item.addContent(0, title);
        }
        title.removeAttribute("type"); // the fallbacks are plain text
        title.setText(found);
        return;
      }
    }
  }

  /** The first non-blank {@code title} in {@code namespace} among the item's children and grandchildren (media:group). */
  private static String firstTitle(Element item, Namespace namespace) {
    Element direct = item.getChild("title", namespace);
    if (direct != null && !direct.getTextTrim().isEmpty()) {
      return direct.getTextTrim();
    }
    for (Element child : item.getChildren()) {
      Element nested = child.getChild("title", namespace);
      if (nested != null && !nested.getTextTrim().isEmpty()) {
        return nested.getTextTrim();
      }
    }
    return null;
  }

  /** ROME's SAX builder is protected; this opens it. */
  private static final class HardenedInput extends WireFeedInput {
    HardenedInput() {
      setAllowDoctypes(true); // old RSS 0.91 feeds carry Netscape's DOCTYPE; entities stay disarmed
    }

    org.jdom2.input.SAXBuilder builder() {
      return createSAXBuilder();
    }
  }
}
