package newsroom.enrich.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.events.EntityType;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBase.Candidate;

/**
 * Finds the knowledge base's names in short texts the statistical model reads badly: headings,
 * tables and all-capitals lines, where case gives it no cues. Longest names first, one entity per
 * name (a name of several entities is left alone), capitalised words only unless the whole text is
 * in capitals. Curated entries only: among millions of imported names nearly every capitalised word
 * of a heading names something, and here no recogniser vouches that it is a name at all.
 */
public final class Gazetteer {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.'’-]*");
  private static final int LONGEST_NAME_IN_WORDS = 6;

  private Gazetteer() {}

  /** Mentions of knowledge-base entities in {@code text}, offsets relative to it. */
  public static List<Span> find(String text, KnowledgeBase kb) {
    List<int[]> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      int end = m.end();
      while (end > m.start() + 1 && ".'’-".indexOf(text.charAt(end - 1)) >= 0 && !isAcronym(text, m.start(), end)) {
        end--; // trailing punctuation is not part of the word, except in "U.S."
      }
      words.add(new int[] {m.start(), end});
    }
    List<Span> found = new ArrayList<>();
    for (int i = 0; i < words.size(); ) {
      int taken = 0;
      for (int n = Math.min(LONGEST_NAME_IN_WORDS, words.size() - i); n >= 1 && taken == 0; n--) {
        int start = words.get(i)[0];
        int end = words.get(i + n - 1)[1];
        if (!Character.isUpperCase(text.charAt(start))) {
          break;
        }
        Span span = match(kb, text, start, end);
        if (span != null) {
          found.add(span);
          taken = n;
        }
      }
      i += Math.max(taken, 1);
    }
    return found;
  }

  private static Span match(KnowledgeBase kb, String text, int start, int end) {
    Candidate only = null;
    for (Candidate candidate : kb.curatedCandidates(text.substring(start, end))) {
      if (only != null && !only.entry().id().equals(candidate.entry().id())) {
        return null;
      }
      only = candidate;
    }
    if (only == null) {
      return null;
    }
    return Span.of(only.demonym() ? EntityType.MISC : only.entry().type(), text, start, end);
  }

  private static boolean isAcronym(String text, int start, int end) {
    return text.substring(start, end).matches("(\\p{Lu}\\.)+");
  }
}
