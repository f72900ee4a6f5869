package newsroom.enrich.entities;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.events.Entity;
import newsroom.events.EntityType;
import newsroom.events.Mention;
import newsroom.events.TextField;

/**
 * Turns raw mentions of one article into entities: repairs split mentions, tags every occurrence
 * of a name the model found once, and merges the variants of one name (short forms, parenthesised
 * aliases, acronyms) under a canonical name.
 */
public final class EntityResolver {
  private static final Pattern ACRONYM = Pattern.compile("\\p{Lu}(?:\\.?\\p{Lu}){1,5}\\.?");
  private static final Pattern PAREN_ACRONYM = Pattern.compile("\\G\\s*(?:[(,;]|\\bor\\b|\\bor\\s+the\\b)?\\s*(\\p{Lu}(?:\\.?\\p{Lu}){1,5}\\.?)(?=[),;])");
  private static final Set<String> NAME_STOPWORDS = Set.of("of", "the", "and", "for", "in", "on", "de", "'s", "’s", "&");

  /** Entities of the article: body mentions from {@code bodySpans}, title mentions found by name. */
  public List<Entity> resolve(String title, String body, List<Span> bodySpans) {
    List<Span> spans = tagEveryOccurrence(body, addParenthesisedAcronyms(body, repair(body, bodySpans)));
    Forms forms = new Forms(spans);
    linkParentheses(body, spans, forms);
    linkAcronyms(forms);
    linkPersonShortForms(forms);
    linkOrganisationShortForms(forms);
    return forms.entities(title);
  }

  /** Joins mentions the tokenizer split ("Democratic People" + "'s Republic of Korea"), drops junk. */
  static List<Span> repair(String text, List<Span> raw) {
    List<Span> sorted = new ArrayList<>(raw);
    sorted.sort(Comparator.comparingInt(Span::start));
    List<Span> out = new ArrayList<>();
    for (Span span : sorted) {
      Span previous = out.isEmpty() ? null : out.get(out.size() - 1);
      boolean possessiveSplit = previous != null && span.start() == previous.end()
          && (span.text().startsWith("'s ") || span.text().startsWith("’s "));
      if (possessiveSplit) {
        out.set(out.size() - 1, Span.of(span.type(), text, previous.start(), span.end()));
      } else if (span.text().codePoints().anyMatch(Character::isUpperCase)) {
        out.add(span);
      }
    }
    return out;
  }

  /** "North Korea (DPRK)": an acronym in parentheses after a mention is a mention too. */
  private static List<Span> addParenthesisedAcronyms(String text, List<Span> spans) {
    List<Span> out = new ArrayList<>(spans);
    for (Span span : spans) {
      Matcher m = PAREN_ACRONYM.matcher(text);
      m.region(span.end(), text.length());
      int from = span.end();
      while (m.find(from) && m.start() == from) {
        int start = m.start(1);
        int end = m.end(1);
        if (out.stream().noneMatch(s -> s.overlaps(start, end))) {
          out.add(Span.of(span.type(), text, start, end));
        }
        from = m.end();
        m.region(from, text.length());
      }
    }
    out.sort(Comparator.comparingInt(Span::start));
    return out;
  }

  /** A name the model tagged once is tagged wherever else it appears (models miss repeats). */
  static List<Span> tagEveryOccurrence(String text, List<Span> spans) {
    Map<String, EntityType> typeOf = majorityTypes(spans);
    List<Span> out = new ArrayList<>(spans);
    boolean[] taken = new boolean[text.length()];
    spans.forEach(s -> java.util.Arrays.fill(taken, s.start(), s.end(), true));
    List<String> names = new ArrayList<>(typeOf.keySet());
    names.sort(Comparator.comparingInt(String::length).reversed()); // longest names claim text first
    for (String name : names) {
      if (name.length() < 3) {
        continue;
      }
      for (int start = text.indexOf(name); start >= 0; start = text.indexOf(name, start + 1)) {
        int end = start + name.length();
        if (isWholeWord(text, start, end) && isFree(taken, start, end)) {
          out.add(Span.of(typeOf.get(name), text, start, end));
          java.util.Arrays.fill(taken, start, end, true);
        }
      }
    }
    out.sort(Comparator.comparingInt(Span::start));
    return out;
  }

  /** Not glued to a letter or digit on either side (so "Kim" is not found inside "Kimberley"). */
  private static boolean isWholeWord(String text, int start, int end) {
    return (start == 0 || !isWordChar(text.codePointBefore(start)))
        && (end == text.length() || !isWordChar(text.codePointAt(end)));
  }

  private static boolean isWordChar(int codePoint) {
    return Character.isLetter(codePoint) || (codePoint >= '0' && codePoint <= '9');
  }

  private static boolean isFree(boolean[] taken, int start, int end) {
    for (int i = start; i < end; i++) {
      if (taken[i]) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, EntityType> majorityTypes(List<Span> spans) {
    Map<String, Map<EntityType, Integer>> votes = new LinkedHashMap<>();
    for (Span span : spans) {
      votes.computeIfAbsent(span.text(), k -> new EnumMap<>(EntityType.class)).merge(span.type(), 1, Integer::sum);
    }
    Map<String, EntityType> types = new LinkedHashMap<>();
    votes.forEach((name, counts) -> types.put(name, argmax(counts)));
    return types;
  }

  /** "X (Y)" and "X (Y, Z)": names in parentheses right after a mention are its aliases. */
  private static void linkParentheses(String text, List<Span> spans, Forms forms) {
    for (int i = 0; i < spans.size(); i++) {
      Span outer = spans.get(i);
      int cursor = outer.end();
      String gap = between(text, cursor, i + 1 < spans.size() ? spans.get(i + 1).start() : cursor);
      if (!gap.matches("\\s*\\(\\s*")) {
        continue;
      }
      for (int j = i + 1; j < spans.size(); j++) {
        Span inner = spans.get(j);
        String before = between(text, cursor, inner.start());
        if (!before.matches("\\s*[(,;]\\s*")) {
          break;
        }
        // Models type an acronym unreliably ("DPRK" ORG after a LOC), a name less so: "LONDON (Reuters)" is no alias.
        boolean acronym = ACRONYM.matcher(inner.text()).matches();
        if (acronym ? compatible(outer.type(), inner.type()) : outer.type() == inner.type()) {
          forms.union(outer.text(), inner.text());
        }
        cursor = inner.end();
      }
    }
  }

  /** "DPRK" = Democratic People's Republic of Korea, "U.S." = United States. */
  private static void linkAcronyms(Forms forms) {
    for (String acronym : forms.names()) {
      if (!ACRONYM.matcher(acronym).matches()) {
        continue;
      }
      String letters = acronym.replace(".", "");
      for (String name : forms.names()) {
        if (!name.equals(acronym) && initials(name).equals(letters)) {
          forms.union(name, acronym);
        }
      }
    }
  }

  /**
   * "Putin" → "Vladimir Putin", "Kim" → "Kim Jong-un" (family name first), when only one person fits.
   * Once an article has introduced "MaliVai Washington", a bare "Washington" is him even where the
   * model took it for the city: news names a person in full once, then by surname.
   */
  private static void linkPersonShortForms(Forms forms) {
    for (String shortForm : forms.names()) {
      if (shortForm.contains(" ")) {
        continue;
      }
      boolean person = forms.type(shortForm) == EntityType.PERSON;
      List<String> fullNames = new ArrayList<>();
      for (String name : forms.names()) {
        String[] tokens = name.split(" ");
        if (tokens.length > 1 && forms.type(name) == EntityType.PERSON
            && ((person && tokens[0].equals(shortForm)) || tokens[tokens.length - 1].equals(shortForm))) {
          fullNames.add(name);
        }
      }
      if (fullNames.size() == 1) {
        if (!person) {
          forms.retype(shortForm, EntityType.PERSON);
        }
        forms.union(fullNames.get(0), shortForm);
      }
    }
  }

  /**
   * "Magna" → "Magna International", "Deportivo" → "Deportivo Coruna": an organisation introduced
   * in full is then called by its first word, which models often take for a person.
   */
  private static void linkOrganisationShortForms(Forms forms) {
    for (String shortForm : forms.names()) {
      if (shortForm.contains(" ") || forms.type(shortForm) != EntityType.PERSON) {
        continue;
      }
      List<String> organisations = new ArrayList<>();
      boolean partOfAPersonsName = false;
      for (String name : forms.names()) {
        String[] tokens = name.split(" ");
        if (tokens.length > 1 && List.of(tokens).contains(shortForm) && forms.type(name) == EntityType.PERSON) {
          partOfAPersonsName = true;
        }
        if (tokens.length > 1 && tokens[0].equals(shortForm) && forms.type(name) == EntityType.ORGANIZATION) {
          organisations.add(name);
        }
      }
      if (organisations.size() == 1 && !partOfAPersonsName) {
        forms.retype(shortForm, EntityType.ORGANIZATION);
        forms.union(organisations.get(0), shortForm);
      }
    }
  }

  private static boolean compatible(EntityType a, EntityType b) {
    return a == b || (a != EntityType.PERSON && b != EntityType.PERSON);
  }

  private static String initials(String name) {
    StringBuilder out = new StringBuilder();
    for (String token : name.split("[\\s-]+")) {
      if (!token.isEmpty() && !NAME_STOPWORDS.contains(token.toLowerCase(Locale.ROOT)) && Character.isLetter(token.charAt(0))) {
        out.append(Character.toUpperCase(token.charAt(0)));
      }
    }
    return out.toString();
  }

  private static String between(String text, int from, int to) {
    return from <= to ? text.substring(from, to) : "";
  }

  static <K> K argmax(Map<K, Integer> counts) {
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  /** The distinct names of an article (union-find over spellings) and their mentions. */
  private static final class Forms {
    private final Map<String, List<Span>> mentions = new LinkedHashMap<>();
    private final Map<String, String> parent = new HashMap<>();

    Forms(List<Span> spans) {
      for (Span span : spans) {
        mentions.computeIfAbsent(span.text(), k -> new ArrayList<>()).add(span);
        parent.putIfAbsent(span.text(), span.text());
      }
    }

    List<String> names() {
      return List.copyOf(mentions.keySet());
    }

    EntityType type(String name) {
      Map<EntityType, Integer> votes = new EnumMap<>(EntityType.class);
      mentions.get(name).forEach(s -> votes.merge(s.type(), 1, Integer::sum));
      return argmax(votes);
    }

    void retype(String name, EntityType type) {
      mentions.put(name, mentions.get(name).stream().map(s -> new Span(type, s.start(), s.end(), s.text())).toList());
    }

    String find(String name) {
      String root = parent.get(name);
      while (!root.equals(parent.get(root))) {
        root = parent.get(root);
      }
      parent.put(name, root);
      return root;
    }

    void union(String a, String b) {
      if (mentions.containsKey(a) && mentions.containsKey(b)) {
        parent.put(find(b), find(a));
      }
    }

    List<Entity> entities(String title) {
      Map<String, List<String>> clusters = new LinkedHashMap<>();
      for (String name : mentions.keySet()) {
        clusters.computeIfAbsent(find(name), k -> new ArrayList<>()).add(name);
      }
      List<Entity> entities = new ArrayList<>();
      List<int[]> titleTaken = new ArrayList<>();
      for (List<String> names : clusters.values()) {
        entities.add(entity(names, title, titleTaken));
      }
      return entities;
    }

    private Entity entity(List<String> names, String title, List<int[]> titleTaken) {
      Map<EntityType, Integer> votes = new EnumMap<>(EntityType.class);
      List<Span> spans = new ArrayList<>();
      for (String name : names) {
        for (Span span : mentions.get(name)) {
          votes.merge(span.type(), 1, Integer::sum);
          spans.add(span);
        }
      }
      EntityType type = argmax(votes);
      List<String> forms = new ArrayList<>(names);
      forms.sort(Comparator.comparingInt((String n) -> mentions.get(n).size()).reversed().thenComparing(n -> -n.length()));
      String canonical = canonicalName(type, forms);

      List<Mention> all = new ArrayList<>(titleMentions(title, forms, titleTaken));
      spans.sort(Comparator.comparingInt(Span::start));
      for (Span span : spans) {
        all.add(new Mention(TextField.BODY, span.start(), span.end(), span.text(), null));
      }
      return Entity.newBuilder()
          .setId(type.name().toLowerCase(Locale.ROOT) + ":" + slug(canonical))
          .setName(canonical)
          .setType(type)
          .setSurfaceForms(forms)
          .setMentionCount(all.size())
          .setMentions(all)
          .build();
    }

    /** People go by their fullest name; places and organisations by their most used non-acronym name. */
    private static String canonicalName(EntityType type, List<String> formsByFrequency) {
      if (type == EntityType.PERSON) {
        return formsByFrequency.stream().max(Comparator.comparingInt(n -> n.split(" ").length)).orElseThrow();
      }
      return formsByFrequency.stream().filter(n -> !ACRONYM.matcher(n).matches()).findFirst()
          .orElse(formsByFrequency.get(0));
    }

    /** Headlines are in title case, which confuses models: find the article's known names instead. */
    private static List<Mention> titleMentions(String title, List<String> forms, List<int[]> taken) {
      List<Mention> found = new ArrayList<>();
      List<String> longestFirst = new ArrayList<>(forms);
      longestFirst.sort(Comparator.comparingInt(String::length).reversed());
      // An all-capitals headline ("LEICESTERSHIRE TAKE OVER AT TOP") names the same entities in capitals.
      int flags = isShouted(title) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
      for (String form : longestFirst) {
        Matcher m = Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(form) + "(?![\\p{L}\\d])", flags).matcher(title);
        while (m.find()) {
          int start = m.start();
          int end = m.end();
          if (taken.stream().noneMatch(t -> start < t[1] && t[0] < end)) {
            taken.add(new int[] {start, end});
            found.add(new Mention(TextField.TITLE, start, end, title.substring(start, end), null));
          }
        }
      }
      found.sort(Comparator.comparingInt(Mention::getStart));
      return found;
    }

    private static boolean isShouted(String text) {
      long letters = text.codePoints().filter(Character::isLetter).count();
      long upper = text.codePoints().filter(Character::isUpperCase).count();
      return letters >= 8 && upper >= 0.8 * letters;
    }
  }
}
