package newsroom.kb.wikidata;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.events.EntityType;

/**
 * Which Wikidata classes make an item a person, an organisation, a place or an event, the four
 * kinds of name the recogniser finds in news. An item's class is what it is an instance of (P31);
 * a class counts when it is one of the roots below or a subclass (P279, at any depth) of one.
 *
 * <p>Where a class lies under several roots, the first kind listed wins: Wikidata models a country
 * or a city both as a territory and as a polity (an organisation), and news names them as places;
 * an event held by an organisation is still an event, not the organisation.
 */
public final class EntityClasses {
  /** The roots, in order of precedence. */
  public static final Map<EntityType, List<String>> ROOTS = rootsInOrder();

  private static Map<EntityType, List<String>> rootsInOrder() {
    Map<EntityType, List<String>> roots = new LinkedHashMap<>();
    roots.put(EntityType.PERSON, List.of("Q5")); // human (fictional characters are not news subjects)
    roots.put(EntityType.LOCATION, List.of(
        "Q2221906", // geographic location
        "Q17334923", // location
        "Q618123", // geographical feature
        "Q56061", // administrative territorial entity
        "Q486972", // human settlement
        "Q6256", // country
        "Q82794")); // geographic region
    roots.put(EntityType.MISC, List.of(
        "Q1190554", // occurrence
        "Q1656682")); // event
    roots.put(EntityType.ORGANIZATION, List.of("Q43229")); // organisation (companies, parties, agencies, clubs, …)
    return roots;
  }

  private final Map<Integer, EntityType> kindOfClass;

  private EntityClasses(Map<Integer, EntityType> kindOfClass) {
    this.kindOfClass = kindOfClass;
  }

  /** The kind of entity an item that is an instance of {@code classes} is, or null when none of them counts. */
  public EntityType kindOf(List<String> classes) {
    EntityType best = null;
    for (String qid : classes) {
      EntityType kind = kindOfClass.get(number(qid));
      if (kind != null && (best == null || precedence(kind) < precedence(best))) {
        best = kind;
      }
    }
    return best;
  }

  public int size() {
    return kindOfClass.size();
  }

  private static int precedence(EntityType kind) {
    return PRECEDENCE.indexOf(kind);
  }

  private static final List<EntityType> PRECEDENCE = List.copyOf(ROOTS.keySet());

  /** Collects the subclass edges of a dump, then closes them under the roots. */
  public static final class Builder {
    /** Every class → the classes it is a direct subclass of, by QID number. */
    private final Map<Integer, int[]> superclasses = new HashMap<>();

    public void add(String classId, List<String> subclassOf) {
      if (!subclassOf.isEmpty()) {
        superclasses.put(number(classId), subclassOf.stream().mapToInt(EntityClasses::number).toArray());
      }
    }

    public int edges() {
      return superclasses.values().stream().mapToInt(a -> a.length).sum();
    }

    /** Each class under a root, with the kind of its first root in precedence (breadth first, cycles allowed). */
    public EntityClasses build() {
      Map<Integer, List<Integer>> subclasses = new HashMap<>();
      superclasses.forEach((child, parents) -> {
        for (int parent : parents) {
          subclasses.computeIfAbsent(parent, p -> new ArrayList<>()).add(child);
        }
      });
      Map<Integer, EntityType> kinds = new HashMap<>();
      ROOTS.forEach((kind, roots) -> {
        Deque<Integer> todo = new ArrayDeque<>();
        roots.forEach(root -> todo.add(number(root)));
        Map<Integer, Boolean> seen = new HashMap<>();
        while (!todo.isEmpty()) {
          int next = todo.poll();
          if (seen.put(next, true) != null) {
            continue;
          }
          kinds.putIfAbsent(next, kind);
          todo.addAll(subclasses.getOrDefault(next, List.of()));
        }
      });
      return new EntityClasses(kinds);
    }
  }

  static int number(String qid) {
    if (qid.length() < 2 || qid.charAt(0) != 'Q') {
      return -1;
    }
    try {
      return Integer.parseInt(qid, 1, qid.length(), 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
