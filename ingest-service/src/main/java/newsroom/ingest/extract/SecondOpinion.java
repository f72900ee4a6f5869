package newsroom.ingest.extract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import newsroom.ingest.extract.ParagraphClassifier.Kind;
import newsroom.ingest.extract.ParagraphClassifier.Paragraph;

/**
 * Where the two extraction methods disagree grossly, the paragraph classifier's verdicts correct the
 * container method's text; elsewhere the container method, the more precise of the two, stands.
 * Two failures of a container method are common on sites it has never seen, and each leaves a trace
 * the classifier sees:
 * <ul>
 *   <li>it chose a small wrong container (a teaser, a caption): it has next to no text, while the
 *       page has good prose; the classifier's good paragraphs are the article;</li>
 *   <li>the article is split over sibling containers (by an ad, a figure, a newsletter box) and only
 *       one was taken: the good prose continues, with no bad paragraph between, from the text taken.
 *       When that continuation is at least half as long again, the text was cut short and the
 *       continuation is added in page order. Shorter continuations are left out: they are most often
 *       a bio, a caption or the first paragraph of the next story.</li>
 * </ul>
 */
final class SecondOpinion {
  /** Text below this many characters is no article: the container method found nothing. */
  static final int NOTHING = 200;
  /** A continuation this long, relative to the text taken, means the article was cut short. */
  static final double CUT_SHORT = 0.5;

  private SecondOpinion() {}

  /** {@code text}: the container method's paragraphs (blank-line separated); {@code judged}: the page's paragraphs. */
  static String apply(String text, List<Paragraph> judged, String title) {
    String titleKey = title == null ? "" : ArticleExtractor.key(title);
    List<Paragraph> page = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Paragraph p : judged) {
      String key = ArticleExtractor.key(p.text());
      if (!key.equals(titleKey)) {
        page.add(p);
        keys.add(key);
      }
    }
    List<String> good = page.stream().filter(p -> p.kind() == Kind.GOOD).map(Paragraph::text).toList();
    int goodLength = good.stream().mapToInt(String::length).sum();
    if (text.length() < NOTHING && goodLength >= 2 * Math.max(text.length(), NOTHING / 2)) {
      return String.join("\n\n", good);
    }
    List<String> taken = text.isEmpty() ? List.of() : List.of(text.split("\n\n"));
    Set<String> takenKeys = new HashSet<>();
    taken.forEach(line -> takenKeys.add(ArticleExtractor.key(line)));
    // Runs of the page's paragraphs that are taken or good; a run that holds taken text is the article.
    List<Paragraph> region = new ArrayList<>();
    int added = 0;
    for (int i = 0; i < page.size(); ) {
      int end = i;
      boolean holdsTaken = false;
      int more = 0;
      while (end < page.size() && (takenKeys.contains(keys.get(end)) || page.get(end).kind() == Kind.GOOD)) {
        if (takenKeys.contains(keys.get(end))) {
          holdsTaken = true;
        } else {
          more += page.get(end).text().length();
        }
        end++;
      }
      if (holdsTaken && more > 0) {
        region.addAll(page.subList(i, end));
        added += more;
      }
      i = Math.max(end, i + 1);
    }
    if (added < CUT_SHORT * text.length()) {
      return text;
    }
    return String.join("\n\n", inPageOrder(taken, region));
  }

  /**
   * The region's paragraphs in page order, with the taken lines it does not hold (the container
   * method splits some paragraphs differently) placed after the taken line before them.
   */
  private static List<String> inPageOrder(List<String> taken, List<Paragraph> region) {
    List<String> merged = new ArrayList<>();
    java.util.Map<String, Integer> position = new java.util.HashMap<>();
    for (Paragraph p : region) {
      position.putIfAbsent(ArticleExtractor.key(p.text()), merged.size());
      merged.add(p.text());
    }
    List<String> out = new ArrayList<>(merged);
    int at = 0;
    int inserted = 0;
    for (String line : taken) {
      Integer found = position.get(ArticleExtractor.key(line));
      if (found != null) {
        at = found + 1 + inserted;
      } else {
        out.add(at++, line);
        inserted++;
      }
    }
    return out;
  }
}
