package newsroom.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns text as newsrooms receive it (copied from a page, exported by a CMS, sent by a wire) into
 * a title, clean body paragraphs and metadata.
 *
 * <p>What it removes, and why each is safe:
 * <ul>
 *   <li>repeated lines: image captions are printed once per image and again beside teasers; the
 *       first occurrence inside the article is kept, later ones (also with a photo credit appended) go;</li>
 *   <li>lines before the headline (lead-image captions, kickers);</li>
 *   <li>UI component names glued to the end of a sentence ("…entering Russia.TowerCard");</li>
 *   <li>teaser cards (a repeated caption followed by a headline that no paragraph follows): the
 *       headline is kept as a related headline;</li>
 *   <li>short widget lines ("Related Stories", "No stories found.") and the site-name footer.</li>
 * </ul>
 */
public final class PlainTextCleaner {

  /** The result; {@code title} is null when none was given and none could be found. */
  public record Cleaned(String title, String body, List<String> relatedHeadlines, String siteName) {}

  // A CamelCase word glued to sentence-final punctuation at the end of a line.
  private static final Pattern GLUED_COMPONENT =
      Pattern.compile("(?<=[.!?…\"”’)])\\p{Lu}\\p{Ll}+(?:\\p{Lu}\\p{Ll}*)+$");
  private static final Pattern DOMAIN = Pattern.compile("^(?:www\\.)?([\\p{L}\\d-]+)\\.[\\p{L}\\d.-]{2,}$");
  private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");
  private static final Set<String> WIDGET_LINES = Set.of(
      "related stories", "related articles", "related", "more stories", "more from", "read more", "read also",
      "see also", "no stories found", "share this article", "share this", "share", "advertisement",
      "subscribe", "sign up", "comments", "most read", "most popular", "recommended", "trending",
      "you may also like", "loading", "skip to content", "back to top", "print", "email");
  private static final Set<String> TEASER_HEADINGS = Set.of(
      "related stories", "related articles", "related", "more stories", "read also", "see also",
      "you may also like", "recommended", "most read", "most popular");

  private enum Kind { BODY, HEADING, REPEAT, WIDGET, TEASER_HEADING }

  public Cleaned clean(String raw, String givenTitle) {
    List<String> lines = normalisedLines(raw);
    String siteName = stripSiteFooter(lines);

    int titleLine = findTitle(lines, givenTitle);
    String title = givenTitle != null ? givenTitle.strip() : titleLine >= 0 ? lines.get(titleLine) : null;
    List<String> article = lines.subList(titleLine + 1, lines.size());

    List<Kind> kinds = classify(article, lines.subList(0, titleLine + 1));
    List<String> related = new ArrayList<>();
    List<String> body = new ArrayList<>();
    for (int i = 0; i < article.size(); i++) {
      String line = article.get(i);
      switch (kinds.get(i)) {
        case BODY -> body.add(line);
        case HEADING -> {
          if (isTeaser(article, kinds, i)) {
            related.add(line);
          } else {
            body.add(line);
          }
        }
        default -> { }
      }
    }
    // A heading left dangling at the end introduces nothing.
    while (!body.isEmpty() && looksLikeHeadline(body.get(body.size() - 1)) && body.size() > 1) {
      related.add(body.remove(body.size() - 1));
    }
    return new Cleaned(title, String.join("\n\n", body), List.copyOf(related), siteName);
  }

  private static List<String> normalisedLines(String raw) {
    String text = INVISIBLE.matcher(raw.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("")
        .replace('\u00A0', ' ').replace('\t', ' ');
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      String cleaned = GLUED_COMPONENT.matcher(line.strip().replaceAll(" {2,}", " ")).replaceAll("");
      if (!cleaned.isEmpty()) {
        lines.add(cleaned);
      }
    }
    return lines;
  }

  /** Removes a trailing "example.com" line and the "Example" line beside it; returns the site name. */
  private static String stripSiteFooter(List<String> lines) {
    int n = lines.size();
    for (int i = n - 1; i >= Math.max(1, n - 2); i--) {
      Matcher domain = DOMAIN.matcher(lines.get(i).toLowerCase(Locale.ROOT));
      if (!domain.matches()) {
        continue;
      }
      String label = domain.group(1).replace("-", "");
      String siteName = label;
      int first = i;
      for (int j : new int[] {i - 1, i + 1}) {
        if (j > 0 && j < n && letters(lines.get(j)).equals(label)) {
          siteName = lines.get(j);
          first = Math.min(i, j);
          lines.remove(Math.max(i, j));
          break;
        }
      }
      lines.remove(first);
      return siteName;
    }
    return null;
  }

  private static int findTitle(List<String> lines, String givenTitle) {
    if (givenTitle != null) {
      String key = key(givenTitle);
      for (int i = 0; i < Math.min(lines.size(), 20); i++) {
        if (key(lines.get(i)).equals(key)) {
          return i;
        }
      }
      return -1;
    }
    Set<String> repeated = repeatedKeys(lines);
    for (int i = 0; i < Math.min(lines.size(), 20); i++) {
      String line = lines.get(i);
      if (looksLikeHeadline(line) && !repeated.contains(key(line)) && !isWidget(line)) {
        return i;
      }
    }
    return -1;
  }

  private static List<Kind> classify(List<String> article, List<String> before) {
    Set<String> seen = new HashSet<>();
    List<String> seenLines = new ArrayList<>();
    for (String line : before) {
      seen.add(key(line));
      seenLines.add(key(line));
    }
    List<Kind> kinds = new ArrayList<>();
    for (String line : article) {
      String key = key(line);
      Kind kind;
      if (seen.contains(key) || extendsSeenLine(key, seenLines)) {
        kind = Kind.REPEAT;
      } else if (TEASER_HEADINGS.contains(widgetKey(line))) {
        kind = Kind.TEASER_HEADING;
      } else if (isWidget(line)) {
        kind = Kind.WIDGET;
      } else if (looksLikeHeadline(line)) {
        kind = Kind.HEADING;
      } else {
        kind = Kind.BODY;
      }
      if (seen.add(key)) {
        seenLines.add(key);
      }
      kinds.add(kind);
    }
    return kinds;
  }

  /**
   * A heading is a teaser when it follows a repeated caption or a "Related" heading and no body
   * paragraph follows it (a section heading always introduces text).
   */
  private static boolean isTeaser(List<String> article, List<Kind> kinds, int i) {
    boolean afterCard = i > 0 && (kinds.get(i - 1) == Kind.REPEAT || kinds.get(i - 1) == Kind.TEASER_HEADING
        || (kinds.get(i - 1) == Kind.HEADING && isTeaser(article, kinds, i - 1)));
    if (!afterCard) {
      return false;
    }
    for (int j = i + 1; j < kinds.size(); j++) {
      Kind next = kinds.get(j);
      if (next == Kind.BODY) {
        return false;
      }
      if (next != Kind.WIDGET) {
        return true;
      }
    }
    return true;
  }

  /** Caption plus a short credit appended ("… as provided by source. Korean Central News Agency"). */
  private static boolean extendsSeenLine(String key, List<String> seenLines) {
    for (String seen : seenLines) {
      if (seen.length() >= 40 && key.startsWith(seen) && key.length() - seen.length() <= 80) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> repeatedKeys(List<String> lines) {
    Set<String> once = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    for (String line : lines) {
      if (!once.add(key(line))) {
        repeated.add(key(line));
      }
    }
    return repeated;
  }

  static boolean looksLikeHeadline(String line) {
    String[] words = line.split("\\s+");
    if (words.length < 2 || words.length > 25 || line.length() > 200) {
      return false;
    }
    char last = line.charAt(line.length() - 1);
    if (last == '.' || last == ',' || last == ';' || last == ':') {
      return false;
    }
    return Character.isUpperCase(line.codePointAt(0)) || Character.isDigit(line.codePointAt(0));
  }

  private static boolean isWidget(String line) {
    return line.split("\\s+").length <= 6 && WIDGET_LINES.contains(widgetKey(line));
  }

  private static String widgetKey(String line) {
    return line.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\d ]", "").strip();
  }

  private static String key(String line) {
    return line.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  private static String letters(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\d]", "");
  }
}
