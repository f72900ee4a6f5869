package newsroom.enrich.entities;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import newsroom.events.EntityType;
import newsroom.kb.ImportedEntities;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBase.Candidate;
import newsroom.text.LanguageText;

/**
 * Chooses the entry a name refers to among the knowledge base's candidates of the entity's class.
 * Each candidate's odds are its popularity ({@link #prior}, from Wikidata sitelinks) times e^{@value #CONTEXT_WEIGHT}
 * for each word of its description (beyond its name's) that the article also uses ("capital Atlanta" in an
 * article about Atlanta), so a well-known entity wins unless the article speaks of another. An
 * entity only the import knows also competes with "none of them" ({@value #NIL_SITELINKS}
 * sitelinks' worth): a name the import knows once, obscurely, is more likely someone else. The
 * choice links only when it takes at least {@value #CONFIDENCE} of the odds; precision first.
 *
 * <p>A single curated candidate (the starter KB's or the newsroom's) links as before, on its own.
 * Curated candidates borrow popularity and description from their imported record when there is
 * one; one without ranks above every imported candidate, since someone chose to add it.
 */
final class Disambiguation {
  static final double CONTEXT_WEIGHT = 2.0;
  static final int NIL_SITELINKS = 5;
  static final double CONFIDENCE = 0.75;

  /** Stemmed descriptions and names of recent candidates: the same entities come up again and again. */
  private static final Map<String, List<String>> STEMS = new ConcurrentHashMap<>();
  private static final int CACHED_STEMS = 100_000;

  /** The choice, with its share of the odds and the article's words that decided it (for editors). */
  record Choice(Candidate candidate, double confidence, List<String> evidence) {}

  private Disambiguation() {}

  /** The candidate {@code candidates} name for an entity of class {@code type}; null when none is sure enough. */
  static Choice choose(List<Candidate> candidates, EntityType type, KnowledgeBase kb, Supplier<Set<String>> articleStems) {
    Map<String, Candidate> fitting = new LinkedHashMap<>();
    for (Candidate candidate : candidates) {
      boolean fits = candidate.demonym() ? type == EntityType.MISC : candidate.entry().type() == type;
      if (fits) {
        fitting.putIfAbsent(candidate.entry().id(), candidate);
      }
    }
    if (fitting.isEmpty()) {
      return null;
    }
    List<Candidate> options = new ArrayList<>(fitting.values());
    if (options.size() == 1 && options.getFirst().curated()) {
      return new Choice(options.getFirst(), 1.0, List.of());
    }
    // Popularity and description of each: curated candidates borrow them from their imported record.
    int n = options.size();
    double[] popularity = new double[n];
    String[] descriptions = new String[n];
    boolean anyCurated = false;
    double mostPopular = 0;
    for (int i = 0; i < n; i++) {
      Candidate c = options.get(i);
      Optional<ImportedEntities.Imported> record = c.curated() ? kb.imported().flatMap(kbs -> kbs.get(c.entry().id())) : Optional.empty();
      anyCurated |= c.curated();
      popularity[i] = c.curated() ? record.map(r -> prior(r.sitelinks())).orElse(-1.0) : prior(c.sitelinks());
      descriptions[i] = c.curated() ? record.map(ImportedEntities.Imported::description).orElse("") : c.description();
      mostPopular = Math.max(mostPopular, popularity[i]);
    }
    Set<String> article = articleStems.get();
    double[] logOdds = new double[n];
    List<List<String>> evidence = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    int chosen = -1;
    for (int i = 0; i < n; i++) {
      double odds = popularity[i] < 0 ? 4 * mostPopular + 10 : popularity[i]; // curated, with no imported record
      List<String> shared = sharedWords(options.get(i).entry().name(), descriptions[i], article);
      evidence.add(shared);
      logOdds[i] = Math.log(odds) + CONTEXT_WEIGHT * shared.size();
      if (logOdds[i] > best) {
        best = logOdds[i];
        chosen = i;
      }
    }
    double total = anyCurated ? 0 : Math.exp(Math.log(prior(NIL_SITELINKS)) - best);
    for (double odds : logOdds) {
      total += Math.exp(odds - best);
    }
    double confidence = 1.0 / total;
    return confidence >= CONFIDENCE ? new Choice(options.get(chosen), confidence, evidence.get(chosen)) : null;
  }

  private static List<String> stems(String text) {
    List<String> known = STEMS.get(text);
    if (known == null) {
      if (STEMS.size() > CACHED_STEMS) {
        STEMS.clear(); // crude, but bounded; refilled within a few articles
      }
      known = List.copyOf(new LinkedHashSet<>(LanguageText.stems(text, "en")));
      STEMS.put(text, known);
    }
    return known;
  }

  /**
   * Popularity as odds: sitelinks squared, because how often a name means an entity is far more
   * peaked than how widely the entity is known (most "Paris" in news are the capital, though
   * dozens of towns share the name and each has a few Wikipedia articles).
   */
  private static double prior(int sitelinks) {
    double s = Math.max(0, sitelinks) + 1.0;
    return s * s;
  }

  /** Words (stemmed) of the candidate's description that the article uses, beyond those of its name. */
  private static List<String> sharedWords(String name, String description, Set<String> article) {
    if (description.isEmpty()) {
      return List.of();
    }
    Set<String> own = new HashSet<>(stems(name));
    List<String> shared = new ArrayList<>();
    for (String stem : stems(description)) {
      if (!own.contains(stem) && article.contains(stem)) {
        shared.add(stem);
      }
    }
    return shared;
  }
}
