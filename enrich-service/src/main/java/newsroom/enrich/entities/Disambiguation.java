package newsroom.enrich.entities;

import java.util.ArrayList;
import java.util.HashMap;
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
import newsroom.kb.ImportedEntities.Imported;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBase.Candidate;
import newsroom.text.LanguageText;

/**
 * Chooses the entry a name refers to among the knowledge base's candidates of the entity's class.
 * Each candidate's odds are its popularity ({@link #prior}, from Wikidata sitelinks), times
 * e^{@value #CONTEXT_WEIGHT} for each word of its description (beyond its name's) that the article
 * also uses ("capital Atlanta" in an article about Atlanta), times e^({@value #COHERENCE_WEIGHT} ×
 * specificity) for each other entity linked in the article that it is related to in Wikidata (its
 * party, its county, its employer, or someone of the same party): a well-known entity wins unless
 * the article speaks of another. An entity only the import knows also competes with "none of them"
 * ({@value #NIL_SITELINKS} sitelinks' worth): a name the import knows once, obscurely, is more
 * likely someone else. The choice links only when it takes at least {@value #CONFIDENCE} of the
 * odds; precision first.
 *
 * <p>A single curated candidate (the starter KB's or the newsroom's) links as before, on its own.
 * Curated candidates borrow popularity, description and relations from their imported record when
 * there is one; one without ranks above every imported candidate, since someone chose to add it.
 */
final class Disambiguation {
  static final double CONTEXT_WEIGHT = 2.0;
  static final double COHERENCE_WEIGHT = 3.0;
  static final int NIL_SITELINKS = 5;
  static final double CONFIDENCE = 0.75;
  /**
   * An entity more than this share of the import is related to (a country: millions of people and
   * places are in one) tells namesakes apart no better than chance, so it is no evidence.
   */
  static final double COMMON_SHARE = 0.01;
  /** ... unless it is related to only a handful, as in a small import where shares mean little. */
  static final int COMMON_FLOOR = 3;

  /**
   * Stemmed descriptions and names of recent candidates: the same entities come up again and again
   * (keyed by the cached entities' own strings, whose hash codes are computed once).
   */
  private static final Map<String, List<String>> STEMS = new ConcurrentHashMap<>();
  private static final int CACHED_STEMS = 100_000;

  /**
   * The choice, with its share of the odds, the article's words and other entities that decided it
   * (for editors), and the ids of the entities it is related to (for the article's other choices).
   */
  record Choice(Candidate candidate, double confidence, List<String> evidence, List<String> related) {}

  /** An entity linked elsewhere in the article: its id, its name and the ids of the entities it is related to. */
  record Linked(String id, String name, Set<String> related) {}

  /**
   * What one pass of choices over an article shares: its words (stemmed when first needed), the
   * words that say nothing in it ({@link #namesOfCommonEntities}), and what each candidate's
   * description has in common with it, worked out once however often the candidate comes up.
   */
  static final class Article {
    private final Supplier<Set<String>> stems;
    private final Set<String> saysNothing;
    private final Map<String, List<String>> sharedWords = new HashMap<>();

    Article(Supplier<Set<String>> stems, Set<String> saysNothing) {
      this.stems = stems;
      this.saysNothing = saysNothing;
    }

    private List<String> sharedWords(String id, String name, String description) {
      return sharedWords.computeIfAbsent(id, k -> Disambiguation.sharedWords(name, description, stems.get(), saysNothing));
    }
  }

  private Disambiguation() {}

  /**
   * The candidate {@code candidates} name for an entity of class {@code type}, given the article's
   * words and the entities {@code others} linked elsewhere in it; null when none is sure enough.
   * {@code unlisted} namesakes the import only counted (beyond its most popular ones) share the
   * odds too, each as an entity no Wikipedia writes about: a name thousands bear links only on the
   * article's evidence.
   */
  static Choice choose(List<Candidate> candidates, int unlisted, EntityType type, KnowledgeBase kb, Article article,
                       List<Linked> others) {
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
      Candidate only = options.getFirst();
      return new Choice(only, 1.0, List.of(), recordOf(only, kb).map(Imported::related).orElse(List.of()));
    }
    // Popularity, description and relations of each: curated candidates borrow them from their imported record.
    int n = options.size();
    List<Optional<Imported>> records = new ArrayList<>(n);
    boolean anyCurated = false;
    double mostPopular = 0;
    for (Candidate c : options) {
      Optional<Imported> record = recordOf(c, kb);
      records.add(record);
      anyCurated |= c.curated();
      mostPopular = Math.max(mostPopular, record.map(r -> prior(r.sitelinks())).orElse(0.0));
    }
    double[] logOdds = new double[n];
    List<List<String>> evidence = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    int chosen = -1;
    for (int i = 0; i < n; i++) {
      Optional<Imported> record = records.get(i);
      double odds = record.map(r -> prior(r.sitelinks())).orElse(4 * mostPopular + 10); // curated, with no imported record
      Candidate option = options.get(i);
      List<String> because = new ArrayList<>(article.sharedWords(option.entry().id(), option.entry().name(),
          record.map(Imported::description).orElse("")));
      logOdds[i] = Math.log(odds) + CONTEXT_WEIGHT * because.size();
      if (record.isPresent() && !others.isEmpty()) {
        logOdds[i] += COHERENCE_WEIGHT * coherence(option.entry().id(), record.get().related(), others, kb, because);
      }
      evidence.add(because);
      if (logOdds[i] > best) {
        best = logOdds[i];
        chosen = i;
      }
    }
    double total = (anyCurated ? 0 : Math.exp(Math.log(prior(NIL_SITELINKS)) - best))
        + unlisted * Math.exp(Math.log(prior(0)) - best);
    for (double odds : logOdds) {
      total += Math.exp(odds - best);
    }
    double confidence = 1.0 / total;
    return confidence >= CONFIDENCE ? new Choice(options.get(chosen), confidence, evidence.get(chosen),
        records.get(chosen).map(Imported::related).orElse(List.of())) : null;
  }

  /** The imported record that ranks a candidate: its own, or for a curated one the import's entity of the same id. */
  private static Optional<Imported> recordOf(Candidate candidate, KnowledgeBase kb) {
    return candidate.curated() ? kb.imported().flatMap(entities -> entities.get(candidate.entry().id()))
        : Optional.of(candidate.imported());
  }

  /**
   * How strongly candidate {@code id} is tied to the article's other linked entities: for each one
   * it is related to (directly, either way, or through an entity both are related to), the
   * {@link #specificity} of the tie; that entity's name joins the {@code evidence}.
   */
  private static double coherence(String id, List<String> related, List<Linked> others, KnowledgeBase kb,
                                  List<String> evidence) {
    ImportedEntities entities = kb.imported().orElseThrow();
    double sum = 0;
    for (Linked other : others) {
      if (other.id().equals(id)) {
        continue;
      }
      double tie = 0;
      if (related.contains(other.id())) {
        tie = specificity(other.id(), entities);
      }
      if (other.related().contains(id)) {
        tie = Math.max(tie, specificity(id, entities));
      }
      for (String shared : related) {
        if (other.related().contains(shared)) {
          tie = Math.max(tie, specificity(shared, entities));
        }
      }
      if (tie > 0) {
        sum += tie;
        evidence.add(other.name());
      }
    }
    return sum;
  }

  /**
   * What a tie through entity {@code id} says, from 0 to 1, as inverse document frequency: a
   * county few entities are in says much, a state less, a country (more than {@value
   * #COMMON_SHARE} of the import) nothing.
   */
  private static double specificity(String id, ImportedEntities entities) {
    int count = entities.relatedCount(id);
    int size = Math.max(2, entities.size());
    if (count > Math.max(COMMON_FLOOR, size * COMMON_SHARE)) {
      return 0;
    }
    return Math.min(1, Math.log((double) size / (count + 1)) / Math.log(size));
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

  /**
   * The words of the names of the article's other entities that much of the import is related to
   * ("United States"): no sign of a tie to them ({@link #specificity}), so no sign as words either
   * ("state of the United States" is not evidence of Georgia the state in every article naming the US).
   */
  static Set<String> namesOfCommonEntities(List<Linked> others, KnowledgeBase kb) {
    ImportedEntities entities = kb.imported().orElseThrow();
    Set<String> words = new HashSet<>();
    for (Linked other : others) {
      if (specificity(other.id(), entities) == 0) {
        words.addAll(stems(other.name()));
      }
    }
    return words;
  }

  /** Words (stemmed) of the candidate's description that the article uses, beyond those of its name and {@code ignored}. */
  private static List<String> sharedWords(String name, String description, Set<String> article, Set<String> ignored) {
    if (description.isEmpty()) {
      return List.of();
    }
    List<String> own = stems(name);
    List<String> shared = new ArrayList<>();
    for (String stem : stems(description)) {
      if (!own.contains(stem) && !ignored.contains(stem) && article.contains(stem)) {
        shared.add(stem);
      }
    }
    return shared;
  }
}
