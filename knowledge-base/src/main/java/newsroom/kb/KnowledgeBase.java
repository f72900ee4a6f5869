package newsroom.kb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import newsroom.events.EntityType;
import newsroom.events.KnowledgeBaseEntity;

/**
 * The entity knowledge base: the starter entries shipped with the project (Wikidata QIDs of the
 * countries, cities, organisations, agencies, companies and people news mentions most) overlaid by
 * the newsroom's own entries from {@code news.entities.kb}. The starter entries of countries and
 * continents also go by their names in the other languages enrichment recognises ({@link
 * RegionNames}). Immutable: a change makes a new one,
 * so a reader never sees half an update.
 */
public final class KnowledgeBase {
  public static final String STARTER_RESOURCE = "/newsroom/kb/starter-kb.tsv";
  private static final Pattern QID = Pattern.compile("Q[1-9]\\d*");
  private static final Pattern LOCAL_ID = Pattern.compile("[a-z][a-z0-9]*:[a-z0-9][a-z0-9-]*");

  /** One entity and the names it goes by. */
  public record Entry(String id, EntityType type, String name, List<String> aliases, List<String> demonyms,
                      List<String> doNotLink, boolean disabled) {
    public Entry {
      aliases = List.copyOf(aliases);
      demonyms = List.copyOf(demonyms);
      doNotLink = List.copyOf(doNotLink);
    }

    public static Entry of(KnowledgeBaseEntity e) {
      return new Entry(e.getId(), e.getType(), e.getName(), e.getAliases(), e.getDemonyms(), e.getDoNotLink(),
          e.getDisabled());
    }

    public KnowledgeBaseEntity toEvent(Instant now) {
      return KnowledgeBaseEntity.newBuilder().setId(id).setType(type).setName(name).setAliases(aliases)
          .setDemonyms(demonyms).setDoNotLink(doNotLink).setDisabled(disabled).setUpdatedAt(now).build();
    }

    /** Whether a name (in {@link #key} form) may link to this entry. */
    public boolean allows(String surfaceKey) {
      return !disabled && doNotLink.stream().map(KnowledgeBase::key).noneMatch(surfaceKey::equals);
    }
  }

  /**
   * An entry a name may refer to; {@code demonym} when the name is one of its demonyms. An imported
   * entry carries its {@code imported} record (popularity, description, related entities); a
   * curated one (starter or newsroom) has none.
   */
  public record Candidate(Entry entry, boolean demonym, ImportedEntities.Imported imported) {
    public Candidate(Entry entry, boolean demonym) {
      this(entry, demonym, null);
    }

    public boolean curated() {
      return imported == null;
    }
  }

  private final Map<String, Entry> starter;
  private final Map<String, Entry> newsroom;
  private final Map<String, List<Candidate>> byName;
  /** The knowledge base imported from Wikidata, under the curated entries; null when there is none. */
  private final ImportedEntities imported;

  private KnowledgeBase(Map<String, Entry> starter, Map<String, Entry> newsroom, ImportedEntities imported) {
    this.starter = starter;
    this.newsroom = newsroom;
    this.imported = imported;
    this.byName = index(effective(starter, newsroom).values());
  }

  /** The starter KB shipped in this jar. */
  public static KnowledgeBase starter() {
    return StarterHolder.STARTER;
  }

  /** This KB with the newsroom's entry {@code entry} (replacing the starter entry of the same id). */
  public KnowledgeBase with(Entry entry) {
    Map<String, Entry> next = new LinkedHashMap<>(newsroom);
    next.put(entry.id(), entry);
    return new KnowledgeBase(starter, next, imported);
  }

  /** This KB with many newsroom entries at once (a restore). */
  public KnowledgeBase withAll(Collection<Entry> entries) {
    Map<String, Entry> next = new LinkedHashMap<>(newsroom);
    entries.forEach(e -> next.put(e.id(), e));
    return new KnowledgeBase(starter, next, imported);
  }

  /** This KB without the newsroom's entry {@code id} (the starter entry, if any, applies again). */
  public KnowledgeBase without(String id) {
    Map<String, Entry> next = new LinkedHashMap<>(newsroom);
    next.remove(id);
    return new KnowledgeBase(starter, next, imported);
  }

  /**
   * This KB over an imported one ({@code null}: none). The curated entries win: an id the starter KB
   * or the newsroom has is linked by their names only, whatever the import says of it.
   */
  public KnowledgeBase withImported(ImportedEntities entities) {
    return new KnowledgeBase(starter, newsroom, entities);
  }

  /** The imported knowledge base under the curated entries, if there is one. */
  public Optional<ImportedEntities> imported() {
    return Optional.ofNullable(imported);
  }

  /** The entry in force for {@code id}: the newsroom's, else the starter's, else the imported one. */
  public Optional<Entry> get(String id) {
    Entry entry = newsroom.get(id);
    if (entry == null) {
      entry = starter.get(id);
    }
    if (entry == null && imported != null) {
      return imported.get(id).map(ImportedEntities.Imported::entry);
    }
    return Optional.ofNullable(entry);
  }

  /** Where the entry in force for {@code id} comes from: "newsroom", "starter" or "imported". */
  public String sourceOf(String id) {
    return newsroom.containsKey(id) ? "newsroom" : starter.containsKey(id) ? "starter" : "imported";
  }

  /** Whether the newsroom has its own entry for {@code id}. */
  public boolean isNewsroomEntry(String id) {
    return newsroom.containsKey(id);
  }

  /**
   * Entries {@code surface} may refer to (its name, an alias or a demonym), whatever their type: the
   * curated ones first, then the imported ones the curated entries do not override, most popular first.
   */
  public List<Candidate> candidates(String surface) {
    String key = key(surface);
    List<Candidate> curated = curated(key);
    if (imported == null) {
      return curated;
    }
    List<Candidate> all = new ArrayList<>(curated);
    for (ImportedEntities.Imported entity : imported.named(key)) {
      if (!newsroom.containsKey(entity.entry().id()) && !starter.containsKey(entity.entry().id())) {
        all.add(new Candidate(entity.entry(), false, entity));
      }
    }
    return all;
  }

  /** How many imported entities {@code surface} names beyond those {@link #candidates} lists (the least popular ones). */
  public int unlisted(String surface) {
    if (imported == null) {
      return 0;
    }
    String key = key(surface);
    return imported.namesakes(key) - imported.named(key).size();
  }

  /** Only the curated entries {@code surface} may refer to: for matching names without a recogniser's judgement. */
  public List<Candidate> curatedCandidates(String surface) {
    return curated(key(surface));
  }

  private List<Candidate> curated(String key) {
    return byName.getOrDefault(key, List.of()).stream().filter(c -> c.entry().allows(key)).toList();
  }

  /** Every curated entry in force (the newsroom's over the starter's); the imported ones are looked up by name only. */
  public Collection<Entry> entries() {
    return effective(starter, newsroom).values();
  }

  /** How many curated entries are in force. */
  public int size() {
    return effective(starter, newsroom).size();
  }

  /**
   * The form names are compared in: accents and case folded, dots dropped ("U.S." = "US"),
   * typographic apostrophes straightened and a leading "the" ignored.
   */
  public static String key(String name) {
    String ascii = asciiKey(name);
    if (ascii != null) {
      return ascii;
    }
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
        .replace('’', '\'').replace(".", "").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    return folded.startsWith("the ") ? folded.substring(4) : folded;
  }

  /**
   * {@link #key} of a name in plain ASCII letters, digits, spaces and punctuation, without
   * regular expressions (most names are; an import computes millions of keys); null otherwise.
   */
  private static String asciiKey(String name) {
    StringBuilder key = new StringBuilder(name.length());
    boolean space = true; // drops leading spaces
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean whitespace = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r'; // regex \\s
      if (c >= 128 || c < 32 && !whitespace) {
        return null;
      }
      if (c == '.') {
        continue;
      }
      if (whitespace) {
        if (!space) {
          key.append(' ');
          space = true;
        }
        continue;
      }
      key.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
      space = false;
    }
    int length = key.length();
    if (length > 0 && key.charAt(length - 1) == ' ') {
      key.setLength(length - 1);
    }
    return key.length() >= 4 && key.substring(0, 4).equals("the ") ? key.substring(4) : key.toString();
  }

  /** Problems with an entry a newsroom submits, each saying what is wrong; empty when it is valid. */
  public static List<String> problems(Entry entry) {
    List<String> problems = new ArrayList<>();
    if (entry.id() == null || !(QID.matcher(entry.id()).matches() || LOCAL_ID.matcher(entry.id()).matches())) {
      problems.add("id: must be a Wikidata QID such as Q423 or a local id such as 'person:jane-doe'");
    }
    if (entry.name() == null || entry.name().isBlank() || entry.name().length() > 200) {
      problems.add("name: must be 1 to 200 characters");
    }
    if (entry.type() == null) {
      problems.add("type: must be one of " + Arrays.toString(EntityType.values()));
    }
    for (var list : Map.of("aliases", entry.aliases(), "demonyms", entry.demonyms(), "do_not_link", entry.doNotLink()).entrySet()) {
      if (list.getValue().size() > 100) {
        problems.add(list.getKey() + ": at most 100 names");
      }
      for (String name : list.getValue()) {
        if (name == null || key(name).isEmpty() || name.length() > 200) {
          problems.add(list.getKey() + ": names must be 1 to 200 characters with a letter or digit");
          break;
        }
      }
    }
    return problems;
  }

  private static Map<String, Entry> effective(Map<String, Entry> starter, Map<String, Entry> newsroom) {
    Map<String, Entry> all = new LinkedHashMap<>(starter);
    all.putAll(newsroom);
    return all;
  }

  private static Map<String, List<Candidate>> index(Collection<Entry> entries) {
    Map<String, List<Candidate>> index = new HashMap<>();
    for (Entry entry : entries) {
      List<String> names = new ArrayList<>(entry.aliases());
      names.add(0, entry.name());
      names.stream().map(KnowledgeBase::key).distinct()
          .forEach(k -> index.computeIfAbsent(k, x -> new ArrayList<>()).add(new Candidate(entry, false)));
      entry.demonyms().stream().map(KnowledgeBase::key).distinct()
          .forEach(k -> index.computeIfAbsent(k, x -> new ArrayList<>()).add(new Candidate(entry, true)));
    }
    return index;
  }

  /** Parses the starter TSV: id, type, name, aliases (|-separated), demonyms (|-separated); # comments. */
  static Map<String, Entry> parse(InputStream in, String where) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        if (cols.length != 5) {
          throw new IllegalStateException(where + ":" + number + ": expected 5 tab-separated columns, found " + cols.length);
        }
        Entry entry = new Entry(cols[0], EntityType.valueOf(cols[1]), cols[2], names(cols[3]), names(cols[4]), List.of(), false);
        List<String> problems = problems(entry);
        if (!problems.isEmpty() || entries.put(entry.id(), entry) != null) {
          throw new IllegalStateException(where + ":" + number + ": " + (problems.isEmpty() ? "duplicate id " + entry.id() : problems));
        }
      }
    }
    return entries;
  }

  private static List<String> names(String column) {
    return column.isBlank() ? List.of() : Arrays.stream(column.split("\\|")).map(String::strip).collect(Collectors.toList());
  }

  /** Loaded once, on first use. */
  private static final class StarterHolder {
    static final KnowledgeBase STARTER = load();

    private static KnowledgeBase load() {
      try (InputStream in = KnowledgeBase.class.getResourceAsStream(STARTER_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("starter knowledge base missing from the jar: " + STARTER_RESOURCE);
        }
        return new KnowledgeBase(Map.copyOf(RegionNames.add(parse(in, STARTER_RESOURCE))), Map.of(), null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
