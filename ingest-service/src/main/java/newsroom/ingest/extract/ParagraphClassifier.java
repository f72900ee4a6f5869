package newsroom.ingest.extract;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The second extraction method, independent of the first's choice of a container: every paragraph
 * of the page is judged on its own words, as jusText does (Pomikálek 2011). Prose is long, has few
 * links and many function words ("the", "of", "que", "und"); menus, teasers and credits are short,
 * linked or made of names. A paragraph too short to judge takes the verdict of its neighbours, so a
 * one-line quote inside the article stays and a one-line link under a teaser goes.
 *
 * <p>Function words come from Lucene's stop-word lists for the page's declared language, or from
 * all of them together when it declares none (function words of one language are rare in the
 * menus of another). In a language without a list here (or a script without spaces between words)
 * every paragraph looks like a list of names and is judged bad, so the first method's text stands.
 */
final class ParagraphClassifier {
  /** What a paragraph is, first on its own and then in context. */
  enum Kind { GOOD, NEAR_GOOD, SHORT, BAD }

  /** One paragraph in page order: its text, its kind and whether it is a heading. */
  record Paragraph(String text, boolean heading, Kind kind) {}

  static final int SHORT = 70;
  static final int LONG = 200;
  static final double FUNCTION_WORDS_LOW = 0.30;
  static final double FUNCTION_WORDS_HIGH = 0.32;
  static final double MAX_LINK_DENSITY = 0.2;
  /** A heading this close (in characters of text) before good paragraphs belongs to them. */
  private static final int HEADING_REACH = 200;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> BLOCKS = Set.of("p", "pre", "blockquote", "li", "h1", "h2", "h3", "h4", "h5",
      "h6", "td", "th", "dd", "dt", "figcaption", "address", "div", "section", "article", "main", "header", "ul",
      "ol", "dl", "table", "tr", "tbody", "thead", "form", "center", "figure", "body");
  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
  private static final Map<String, CharArraySet> BY_LANGUAGE = Map.ofEntries(
      Map.entry("en", snowballEnglish()), Map.entry("de", GermanAnalyzer.getDefaultStopSet()),
      Map.entry("fr", FrenchAnalyzer.getDefaultStopSet()), Map.entry("es", SpanishAnalyzer.getDefaultStopSet()),
      Map.entry("it", ItalianAnalyzer.getDefaultStopSet()), Map.entry("pt", PortugueseAnalyzer.getDefaultStopSet()),
      Map.entry("nl", DutchAnalyzer.getDefaultStopSet()), Map.entry("sv", SwedishAnalyzer.getDefaultStopSet()),
      Map.entry("da", DanishAnalyzer.getDefaultStopSet()), Map.entry("no", NorwegianAnalyzer.getDefaultStopSet()),
      Map.entry("nb", NorwegianAnalyzer.getDefaultStopSet()), Map.entry("fi", FinnishAnalyzer.getDefaultStopSet()),
      Map.entry("ru", RussianAnalyzer.getDefaultStopSet()), Map.entry("id", IndonesianAnalyzer.getDefaultStopSet()),
      Map.entry("tr", TurkishAnalyzer.getDefaultStopSet()), Map.entry("cs", CzechAnalyzer.getDefaultStopSet()),
      Map.entry("ro", RomanianAnalyzer.getDefaultStopSet()), Map.entry("hu", HungarianAnalyzer.getDefaultStopSet()),
      Map.entry("ca", CatalanAnalyzer.getDefaultStopSet()), Map.entry("el", GreekAnalyzer.getDefaultStopSet()),
      Map.entry("ar", ArabicAnalyzer.getDefaultStopSet()));
  private static final CharArraySet EVERY_LANGUAGE = union();

  private ParagraphClassifier() {}

  /** The page's paragraphs, judged; {@code language} as declared by the page (null: unknown). */
  static List<Paragraph> classify(Element body, String language) {
    CharArraySet functionWords = functionWords(language);
    List<Block> blocks = new ArrayList<>();
    segment(body, blocks, new StringBuilder(), new int[1]);
    List<Paragraph> judged = new ArrayList<>(blocks.size());
    for (Block block : blocks) {
      judged.add(new Paragraph(block.text, block.heading, onItsOwn(block, functionWords)));
    }
    return inContext(judged);
  }

  private static CharArraySet functionWords(String language) {
    if (language == null || language.isBlank()) {
      return EVERY_LANGUAGE;
    }
    String code = language.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    return BY_LANGUAGE.getOrDefault(code, EVERY_LANGUAGE);
  }

  /** Lucene's English analyzer stops only 33 words; the Snowball list it ships has the full 174. */
  private static CharArraySet snowballEnglish() {
    try (var in = EnglishAnalyzer.class.getResourceAsStream("/org/apache/lucene/analysis/snowball/english_stop.txt")) {
      if (in == null) {
        throw new IllegalStateException("Lucene's English stop-word list is missing from the classpath");
      }
      return WordlistLoader.getSnowballWordSet(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading from the jar
    }
  }

  private static CharArraySet union() {
    CharArraySet all = new CharArraySet(4096, true);
    BY_LANGUAGE.values().forEach(all::addAll);
    return all;
  }

  private record Block(String text, int linkChars, boolean heading) {}

  /**
   * Paragraphs as a reader sees them: a block element's text, and text written straight into a
   * container between block children or line breaks. {@code linkChars[0]} gathers the characters
   * under links of the paragraph being read.
   */
  private static void segment(Element element, List<Block> out, StringBuilder text, int[] linkChars) {
    for (Node child : element.childNodes()) {
      if (child instanceof TextNode t) {
        text.append(t.getWholeText());
        if (insideLink(t)) {
          linkChars[0] += t.getWholeText().strip().length();
        }
      } else if (child instanceof Element e) {
        String tag = e.normalName();
        if (tag.equals("br")) {
          flush(out, text, linkChars, false);
        } else if (BLOCKS.contains(tag)) {
          flush(out, text, linkChars, false);
          segment(e, out, text, linkChars);
          flush(out, text, linkChars, HEADINGS.contains(tag));
        } else {
          segment(e, out, text, linkChars); // inline: part of the paragraph being read
        }
      }
    }
  }

  private static boolean insideLink(TextNode text) {
    for (Node up = text.parent(); up instanceof Element e; up = e.parent()) {
      if (e.normalName().equals("a")) {
        return true;
      }
      if (BLOCKS.contains(e.normalName())) {
        return false;
      }
    }
    return false;
  }

  private static void flush(List<Block> out, StringBuilder text, int[] linkChars, boolean heading) {
    String paragraph = text.toString().replaceAll("\\s+", " ").strip();
    if (!paragraph.isEmpty()) {
      out.add(new Block(paragraph, linkChars[0], heading));
    }
    text.setLength(0);
    linkChars[0] = 0;
  }

  private static Kind onItsOwn(Block block, CharArraySet functionWords) {
    int length = block.text.length();
    if ((double) block.linkChars / length > MAX_LINK_DENSITY) {
      return Kind.BAD;
    }
    if (length < SHORT) {
      return Kind.SHORT;
    }
    int words = 0;
    int function = 0;
    String lower = block.text.toLowerCase(Locale.ROOT);
    char[] chars = lower.toCharArray();
    Matcher word = WORD.matcher(lower);
    while (word.find()) {
      words++;
      if (functionWords.contains(chars, word.start(), word.end() - word.start())) {
        function++;
      }
    }
    double density = words == 0 ? 0 : (double) function / words;
    if (density >= FUNCTION_WORDS_HIGH) {
      return length > LONG ? Kind.GOOD : Kind.NEAR_GOOD;
    }
    return density >= FUNCTION_WORDS_LOW ? Kind.NEAR_GOOD : Kind.BAD;
  }

  /**
   * Short and near-good paragraphs take their neighbours' verdict (the nearest good or bad one on
   * each side; the page's edges count as bad), and headings just before good text join it.
   */
  private static List<Paragraph> inContext(List<Paragraph> paragraphs) {
    List<Paragraph> out = new ArrayList<>(paragraphs);
    headingsBeforeGoodText(out);
    List<Paragraph> decided = new ArrayList<>(out);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).kind() != Kind.SHORT) {
        continue;
      }
      Kind before = neighbour(out, i, -1, true);
      Kind after = neighbour(out, i, 1, true);
      Kind kind;
      if (before == after) {
        kind = before;
      } else { // good on one side, bad on the other: near-good text on the bad side tips it
        boolean nearGoodBefore = before == Kind.BAD && neighbour(out, i, -1, false) == Kind.NEAR_GOOD;
        boolean nearGoodAfter = after == Kind.BAD && neighbour(out, i, 1, false) == Kind.NEAR_GOOD;
        kind = nearGoodBefore || nearGoodAfter ? Kind.GOOD : Kind.BAD;
      }
      decided.set(i, with(out.get(i), kind));
    }
    for (int i = 0; i < decided.size(); i++) {
      if (decided.get(i).kind() == Kind.NEAR_GOOD) {
        boolean bad = neighbour(decided, i, -1, true) == Kind.BAD && neighbour(decided, i, 1, true) == Kind.BAD;
        decided.set(i, with(decided.get(i), bad ? Kind.BAD : Kind.GOOD));
      }
    }
    return decided;
  }

  private static void headingsBeforeGoodText(List<Paragraph> paragraphs) {
    for (int i = 0; i < paragraphs.size(); i++) {
      Paragraph p = paragraphs.get(i);
      if (!p.heading() || p.kind() == Kind.GOOD || p.kind() == Kind.BAD) {
        continue;
      }
      int distance = 0;
      for (int j = i + 1; j < paragraphs.size() && distance <= HEADING_REACH; j++) {
        if (paragraphs.get(j).kind() == Kind.GOOD) {
          paragraphs.set(i, with(p, Kind.NEAR_GOOD));
          break;
        }
        distance += paragraphs.get(j).text().length();
      }
    }
  }

  /** The kind of the nearest paragraph in {@code direction} that is good or bad (or near-good, unless skipped). */
  private static Kind neighbour(List<Paragraph> paragraphs, int from, int direction, boolean skipNearGood) {
    for (int i = from + direction; i >= 0 && i < paragraphs.size(); i += direction) {
      Kind kind = paragraphs.get(i).kind();
      if (kind == Kind.GOOD || kind == Kind.BAD || kind == Kind.NEAR_GOOD && !skipNearGood) {
        return kind;
      }
    }
    return Kind.BAD;
  }

  private static Paragraph with(Paragraph p, Kind kind) {
    return new Paragraph(p.text(), p.heading(), kind);
  }
}
