package newsroom.kb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import newsroom.events.EntityType;

/**
 * The names of the starter KB's countries, territories and continents in the languages enrichment
 * recognises, from the Unicode CLDR data the JDK ships ({@link Locale#getDisplayCountry}): "Estados
 * Unidos", "Vereinigte Staaten" and "États-Unis" become aliases of Q30, "Europa" of Q46. An entry is
 * matched to its CLDR region (ISO 3166 code, or UN M.49 code for continents and other areas) by its
 * English name or one of its aliases, as CLDR spells them in English.
 */
final class RegionNames {
  static final List<Locale> LANGUAGES = List.of(Locale.forLanguageTag("es"), Locale.GERMAN, Locale.FRENCH,
      Locale.ITALIAN);

  private RegionNames() {}

  /** The entries with their names in {@link #LANGUAGES} added as aliases (none that already names another entry). */
  static Map<String, KnowledgeBase.Entry> add(Map<String, KnowledgeBase.Entry> entries) {
    Map<String, String> idByName = new HashMap<>(); // every name of the KB (key form) → the entry's id
    Map<String, KnowledgeBase.Entry> places = new HashMap<>(); // location name (key form) → entry
    for (KnowledgeBase.Entry entry : entries.values()) {
      for (String name : names(entry)) {
        idByName.putIfAbsent(KnowledgeBase.key(name), entry.id());
        if (entry.type() == EntityType.LOCATION) {
          places.putIfAbsent(KnowledgeBase.key(name), entry);
        }
      }
    }
    Map<String, Set<String>> added = new LinkedHashMap<>();
    for (String region : regions()) {
      Locale country = new Locale.Builder().setRegion(region).build();
      KnowledgeBase.Entry entry = spellings(country.getDisplayCountry(Locale.ENGLISH)).stream()
          .map(name -> places.get(KnowledgeBase.key(name))).filter(e -> e != null).findFirst().orElse(null);
      if (entry == null) {
        continue;
      }
      for (Locale language : LANGUAGES) {
        for (String name : spellings(country.getDisplayCountry(language))) {
          String owner = idByName.putIfAbsent(KnowledgeBase.key(name), entry.id());
          if (owner == null || owner.equals(entry.id())) {
            added.computeIfAbsent(entry.id(), id -> new LinkedHashSet<>()).add(name);
          }
        }
      }
    }
    Map<String, KnowledgeBase.Entry> result = new LinkedHashMap<>(entries);
    added.forEach((id, names) -> result.computeIfPresent(id, (k, e) -> {
      List<String> aliases = new ArrayList<>(e.aliases());
      names.stream().filter(n -> names(e).stream().noneMatch(m -> KnowledgeBase.key(m).equals(KnowledgeBase.key(n))))
          .forEach(aliases::add);
      return new KnowledgeBase.Entry(e.id(), e.type(), e.name(), aliases, e.demonyms(), e.doNotLink(), e.disabled());
    }));
    return result;
  }

  /** ISO 3166 countries and territories, then the UN M.49 areas CLDR names (002 Africa, 150 Europe…). */
  private static List<String> regions() {
    List<String> regions = new ArrayList<>(List.of(Locale.getISOCountries()));
    for (int code = 1; code < 1000; code++) {
      String area = String.format(Locale.ROOT, "%03d", code);
      if (!new Locale.Builder().setRegion(area).build().getDisplayCountry(Locale.ENGLISH).equals(area)) {
        regions.add(area);
      }
    }
    return regions;
  }

  /** "Myanmar (Birmania)" is two names, "Myanmar" and "Birmania". */
  static List<String> spellings(String cldrName) {
    int open = cldrName.indexOf(" (");
    if (open < 0 || !cldrName.endsWith(")")) {
      return List.of(cldrName);
    }
    return List.of(cldrName.substring(0, open), cldrName.substring(open + 2, cldrName.length() - 1));
  }

  private static List<String> names(KnowledgeBase.Entry entry) {
    List<String> names = new ArrayList<>(entry.aliases());
    names.add(0, entry.name());
    return names;
  }
}
