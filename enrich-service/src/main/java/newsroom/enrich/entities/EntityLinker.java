package newsroom.enrich.entities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import newsroom.text.LanguageText;
import newsroom.events.Entity;
import newsroom.events.EntityType;
import newsroom.events.Mention;
import newsroom.events.TextField;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBase.Candidate;
import newsroom.kb.KnowledgeBase.Entry;

/**
 * Links an article's entities to the knowledge base and merges those that turn out to be one
 * ("Russia" and "Russian Federation", "Russians" as a demonym). Precision first: an entity links
 * only when its canonical name names one entry of its own class surely enough ({@link
 * Disambiguation}: the only curated one, or the clear choice among several by popularity, the
 * article's words and the other entities the article names), and no other spelling of it names a
 * different one; everything else keeps its stable local id.
 */
public final class EntityLinker {

  /**
   * Words of sports reporting. In a sports report "England", "Samoa" or "Los Angeles" are mostly
   * teams, which the knowledge base does not hold, so places there are left unlinked.
   */
  private static final Pattern SPORTS_WORDS = Pattern.compile("(?i)\\b(match(?:es)?|tournament|coach|striker|midfielder"
      + "|defender|goalkeeper|goals?|innings|wickets?|batsman|bowler|rugby|football|soccer|cricket|championship"
      + "|league|squad|scored|fixtures?|kick-off|(?:semi|quarter)-?finals?|world cup|olympics|medal|play-?offs?"
      + "|touchdown|quarterback|nba|nfl|nhl|referee|stadium|team-?mates?|half-?time)\\b");
  private static final int SPORTS_WORDS_FOR_A_SPORTS_REPORT = 4;

  /** The KB's names without their inflection endings, per language that inflects names; rebuilt when the KB changes. */
  private record Uninflected(KnowledgeBase kb, Map<String, List<Candidate>> byName) {}

  private final Map<RecognitionLanguage, Uninflected> uninflected = new ConcurrentHashMap<>();
  private final Map<RecognitionLanguage, WikipediaNames> wikipediaNames = new ConcurrentHashMap<>();

  /** The entities of an English article, linked where the KB knows them, merged by id, ranked by salience. */
  public List<Entity> link(String title, String body, List<Entity> entities, KnowledgeBase kb) {
    return link(title, body, entities, kb, RecognitionLanguage.ENGLISH);
  }

  /**
   * The article's entities, linked where the KB knows them, merged by id, ranked by salience. German
   * capitalises every noun, so there a capitalised neighbour ("US-Präsident Joe Biden") does not make
   * a mention part of a longer name; and it inflects names, so "Vereinigten Staaten" is looked up
   * without its endings when it is not a name of the KB as it stands. A name the KB does not know in
   * the article's language is looked up by its English name where the language's model ships a
   * dictionary of them ({@link WikipediaNames}).
   */
  public List<Entity> link(String title, String body, List<Entity> entities, KnowledgeBase kb,
                           RecognitionLanguage language) {
    boolean sports = isSportsReport(title + "\n" + body);
    Supplier<Set<String>> articleWords = memoized(() -> new HashSet<>(LanguageText.stems(title + "\n" + body, "en")));
    Map<String, List<Candidate>> candidates = new HashMap<>(); // the second pass asks for the same names again
    Disambiguation.Article firstPass = new Disambiguation.Article(articleWords, Set.of());
    int n = entities.size();
    boolean[] looked = new boolean[n];
    Disambiguation.Choice[] choices = new Disambiguation.Choice[n];
    for (int i = 0; i < n; i++) {
      Entity entity = entities.get(i);
      boolean teamLike = sports && entity.getType() == EntityType.LOCATION;
      boolean partOfLonger = !language.capitalisesNouns() && onlyInsideLongerNames(entity, title, body);
      looked[i] = !teamLike && !partOfLonger;
      choices[i] = looked[i] ? choose(entity, kb, language, candidates, firstPass, List.of()) : null;
    }
    if (kb.imported().isPresent()) {
      choices = coherent(entities, looked, choices, kb, language, candidates, articleWords);
    }
    Map<String, List<Entity>> byId = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Entity linked = choices[i] == null ? entities.get(i) : linked(entities.get(i), choices[i], title, body);
      byId.computeIfAbsent(linked.getId(), k -> new ArrayList<>()).add(linked);
    }
    List<Entity> merged = new ArrayList<>();
    byId.values().forEach(group -> merged.add(group.size() == 1 ? group.get(0) : merge(group)));
    return Salience.of(body).rank(merged);
  }

  /**
   * The choices again, each now knowing what the others linked to on their own: with an import,
   * the company a name keeps in the article tells its namesakes apart ("Georgia" beside Atlanta).
   */
  private Disambiguation.Choice[] coherent(List<Entity> entities, boolean[] looked, Disambiguation.Choice[] first,
                                           KnowledgeBase kb, RecognitionLanguage language,
                                           Map<String, List<Candidate>> candidates, Supplier<Set<String>> articleWords) {
    Disambiguation.Choice[] again = first.clone();
    Disambiguation.Linked[] linked = new Disambiguation.Linked[first.length];
    List<Disambiguation.Linked> all = new ArrayList<>();
    for (int j = 0; j < first.length; j++) {
      if (first[j] != null) {
        Entry entry = first[j].candidate().entry();
        linked[j] = new Disambiguation.Linked(entry.id(), entry.name(), Set.copyOf(first[j].related()));
        all.add(linked[j]);
      }
    }
    if (all.isEmpty()) {
      return first;
    }
    Disambiguation.Article secondPass = new Disambiguation.Article(articleWords,
        Disambiguation.namesOfCommonEntities(all, kb));
    for (int i = 0; i < entities.size(); i++) {
      if (!looked[i]) {
        continue;
      }
      List<Disambiguation.Linked> others = new ArrayList<>();
      for (int j = 0; j < linked.length; j++) {
        if (j != i && linked[j] != null) {
          others.add(linked[j]);
        }
      }
      if (!others.isEmpty()) {
        again[i] = choose(entities.get(i), kb, language, candidates, secondPass, others);
      }
    }
    return again;
  }

  /**
   * Whether every mention touches another capitalised word ("Private Sydney", "H Texas", "Gulf of
   * Mexico"): then the model found part of a longer name, and linking the part would name the wrong thing.
   */
  private static boolean onlyInsideLongerNames(Entity entity, String title, String body) {
    for (Mention mention : entity.getMentions()) {
      String text = mention.getField() == TextField.TITLE ? title : body;
      if (mention.getField() == TextField.BODY && !touchesName(text, mention.getStart(), mention.getEnd())) {
        return false;
      }
    }
    return entity.getMentions().stream().anyMatch(m -> m.getField() == TextField.BODY);
  }

  private static boolean touchesName(String text, int start, int end) {
    String preceding = text.substring(Math.max(0, start - 40), start);
    Matcher before = WORD_BEFORE.matcher(preceding);
    boolean nameBefore = before.find() && !FUNCTION_WORDS.contains(before.group(1).toLowerCase(Locale.ROOT))
        || NAME_OF_BEFORE.matcher(preceding).find(); // "Gulf of Mexico", "Bank of England"
    Matcher after = WORD_AFTER.matcher(text.substring(end, Math.min(text.length(), end + 40)));
    boolean nameAfter = after.find() && !FUNCTION_WORDS.contains(after.group(1).toLowerCase(Locale.ROOT));
    return nameBefore || nameAfter;
  }

  private static final Pattern WORD_BEFORE = Pattern.compile("(\\p{Lu}[\\p{L}'’-]*) $");
  private static final Pattern NAME_OF_BEFORE = Pattern.compile("\\p{Lu}[\\p{L}'’-]* of (?:the )?$");
  private static final Pattern WORD_AFTER = Pattern.compile("^[ -](\\p{Lu}[\\p{L}'’-]*)");
  /** Capitalised words that start sentences and headings rather than names. */
  private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "in", "on", "at", "to", "for", "from",
      "of", "by", "with", "and", "but", "or", "as", "if", "when", "while", "after", "before", "since", "during",
      "this", "that", "these", "those", "it", "its", "he", "she", "we", "they", "i", "his", "her", "their", "our",
      "said", "says", "told", "mr", "mrs", "ms", "dr", "president", "prime", "minister", "king", "queen", "pope");

  static boolean isSportsReport(String text) {
    Set<String> found = new HashSet<>();
    Matcher m = SPORTS_WORDS.matcher(text);
    while (m.find() && found.size() < SPORTS_WORDS_FOR_A_SPORTS_REPORT) {
      found.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return found.size() >= SPORTS_WORDS_FOR_A_SPORTS_REPORT;
  }

  /** The entry the entity's name chooses, unless none is sure enough or another spelling of it chooses another. */
  private Disambiguation.Choice choose(Entity entity, KnowledgeBase kb, RecognitionLanguage language,
                                       Map<String, List<Candidate>> candidates, Disambiguation.Article article,
                                       List<Disambiguation.Linked> others) {
    Disambiguation.Choice chosen = Disambiguation.choose(
        candidates.computeIfAbsent(entity.getName(), name -> candidates(kb, name, language)), kb.unlisted(entity.getName()),
        entity.getType(), kb, article, others);
    if (chosen == null) {
      return null;
    }
    for (String form : entity.getSurfaceForms()) {
      Disambiguation.Choice other = Disambiguation.choose(
          candidates.computeIfAbsent(form, name -> candidates(kb, name, language)), kb.unlisted(form), entity.getType(), kb,
          article, others);
      if (other != null && !other.candidate().entry().id().equals(chosen.candidate().entry().id())) {
        return null; // its spellings disagree about who it is
      }
    }
    return chosen;
  }

  private static Entity linked(Entity entity, Disambiguation.Choice chosen, String title, String body) {
    Entry entry = chosen.candidate().entry();
    List<Mention> mentions = entity.getMentions().stream().map(m -> withLeadingThe(m, entry, title, body)).toList();
    if (entry.type() != entity.getType()) { // a demonym: the mentions keep their own class
      mentions = mentions.stream().map(m -> withType(m, entity.getType())).toList();
    }
    return copyOf(entity).setId(entry.id()).setName(entry.name()).setType(entry.type())
        .setLinked(true).setLinkScore(chosen.confidence()).setLinkEvidence(chosen.evidence()).setMentions(mentions).build();
  }

  /** The entries a name may refer to: as it is written, else (in a language that inflects names) without its endings. */
  private List<Candidate> candidates(KnowledgeBase kb, String surface, RecognitionLanguage language) {
    List<Candidate> written = kb.candidates(surface);
    if (!written.isEmpty()) {
      return written;
    }
    String key = KnowledgeBase.key(surface);
    List<Candidate> uninflected = LanguageText.withoutEndings(key, language.code())
        .map(bare -> uninflected(kb, language).getOrDefault(bare, List.of()).stream()
            .filter(c -> c.entry().allows(key)).toList())
        .orElse(written);
    if (!uninflected.isEmpty()) {
      return uninflected;
    }
    List<Candidate> translated = new ArrayList<>();
    for (String title : wikipediaNames.computeIfAbsent(language, l -> WikipediaNames.load(l.wikipediaNames()))
        .englishTitles(surface)) {
      kb.candidates(title).stream().filter(c -> !c.demonym() && c.entry().allows(key)).forEach(translated::add);
    }
    return translated;
  }

  private Map<String, List<Candidate>> uninflected(KnowledgeBase kb, RecognitionLanguage language) {
    Uninflected known = uninflected.get(language);
    if (known != null && known.kb() == kb) {
      return known.byName();
    }
    Map<String, List<Candidate>> byName = new HashMap<>();
    for (Entry entry : kb.entries()) {
      Stream.concat(Stream.of(entry.name()), entry.aliases().stream()).forEach(name -> index(byName, name, entry, false, language));
      entry.demonyms().forEach(name -> index(byName, name, entry, true, language));
    }
    uninflected.put(language, new Uninflected(kb, byName));
    return byName;
  }

  private static void index(Map<String, List<Candidate>> byName, String name, Entry entry, boolean demonym,
                            RecognitionLanguage language) {
    LanguageText.withoutEndings(KnowledgeBase.key(name), language.code()).ifPresent(bare -> {
      List<Candidate> candidates = byName.computeIfAbsent(bare, k -> new ArrayList<>());
      if (candidates.stream().noneMatch(c -> c.entry().id().equals(entry.id()) && c.demonym() == demonym)) {
        candidates.add(new Candidate(entry, demonym));
      }
    });
  }

  private static <T> Supplier<T> memoized(Supplier<T> compute) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = compute.get();
        }
        return value;
      }
    };
  }

  /** "The Associated Press": where the entity's own name starts with "The", so does the mention. */
  private static Mention withLeadingThe(Mention mention, Entry entry, String title, String body) {
    String text = mention.getField() == TextField.TITLE ? title : body;
    int start = mention.getStart() - 4;
    boolean namedWithThe = Stream.concat(Stream.of(entry.name()), entry.aliases().stream())
        .anyMatch(n -> n.equals("The " + mention.getText()));
    if (!namedWithThe || start < 0 || !text.startsWith("The ", start)) {
      return mention;
    }
    return new Mention(mention.getField(), start, mention.getEnd(), text.substring(start, mention.getEnd()), mention.getType());
  }

  private static Mention withType(Mention mention, EntityType type) {
    return new Mention(mention.getField(), mention.getStart(), mention.getEnd(), mention.getText(), type);
  }

  /** One entity from several that linked to the same entry. */
  private static Entity merge(List<Entity> group) {
    Entity main = group.stream().filter(e -> !isRetyped(e)).findFirst().orElse(group.get(0));
    List<Mention> mentions = new ArrayList<>();
    Map<String, Integer> formCounts = new LinkedHashMap<>();
    for (Entity entity : group) {
      mentions.addAll(entity.getMentions());
      entity.getMentions().forEach(m -> formCounts.merge(m.getText(), 1, Integer::sum));
    }
    mentions.sort(Comparator.comparing(Mention::getField).thenComparingInt(Mention::getStart));
    Set<String> seen = new HashSet<>();
    List<Mention> distinct = mentions.stream().filter(m -> seen.add(m.getField() + ":" + m.getStart())).toList();
    List<String> forms = new ArrayList<>(formCounts.keySet());
    forms.sort(Comparator.comparingInt((String f) -> formCounts.get(f)).reversed());
    return copyOf(main).setSurfaceForms(forms).setMentions(distinct).setMentionCount(distinct.size()).build();
  }

  /** A builder holding the entity's values (a shallow copy: Avro's newBuilder(other) deep-copies by reflection). */
  static Entity.Builder copyOf(Entity e) {
    return Entity.newBuilder().setId(e.getId()).setLinked(e.getLinked()).setLinkScore(e.getLinkScore())
        .setLinkEvidence(e.getLinkEvidence()).setName(e.getName()).setType(e.getType())
        .setSurfaceForms(e.getSurfaceForms()).setMentionCount(e.getMentionCount()).setSalience(e.getSalience())
        .setMentions(e.getMentions());
  }

  private static boolean isRetyped(Entity entity) {
    return entity.getMentions().stream().allMatch(m -> m.getType() != null);
  }
}
