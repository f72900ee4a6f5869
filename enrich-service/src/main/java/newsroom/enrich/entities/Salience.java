package newsroom.enrich.entities;

import java.util.Comparator;
import java.util.List;
import newsroom.events.Entity;
import newsroom.events.Mention;
import newsroom.events.TextField;

/**
 * How central each entity is to one article, 0 to 1: 0.35 for being named in the headline, 0.25 for
 * being named in the lead, and up to 0.4 for its share of mentions relative to the most mentioned
 * entity. An article about X names X in the headline and the lead and keeps coming back to it.
 */
public final class Salience {
  private static final int MIN_LEAD_CHARS = 150;
  private static final int MAX_LEAD_CHARS = 1000;

  private final int leadEnd;

  private Salience(int leadEnd) {
    this.leadEnd = leadEnd;
  }

  /** Salience for an article with this body: the lead is its first paragraph of some length. */
  public static Salience of(String body) {
    int end = 0;
    while (end < body.length()) {
      int next = body.indexOf('\n', end);
      end = next < 0 ? body.length() : next + 1;
      if (end >= MIN_LEAD_CHARS) {
        break;
      }
    }
    return new Salience(Math.min(end, MAX_LEAD_CHARS));
  }

  /** The entities with their salience, most salient first (ties: more mentions, then earlier). */
  public List<Entity> rank(List<Entity> entities) {
    int most = entities.stream().mapToInt(Entity::getMentionCount).max().orElse(1);
    return entities.stream()
        .map(e -> EntityLinker.copyOf(e).setSalience(score(e, most)).build())
        .sorted(Comparator.comparingDouble(Entity::getSalience).reversed()
            .thenComparing(Comparator.comparingInt(Entity::getMentionCount).reversed())
            .thenComparingInt(Salience::firstBodyOffset))
        .toList();
  }

  private float score(Entity entity, int most) {
    boolean inTitle = entity.getMentions().stream().anyMatch(m -> m.getField() == TextField.TITLE);
    boolean inLead = firstBodyOffset(entity) < leadEnd;
    double score = (inTitle ? 0.35 : 0) + (inLead ? 0.25 : 0) + 0.4 * entity.getMentionCount() / most;
    return (float) (Math.round(score * 1000) / 1000.0);
  }

  private static int firstBodyOffset(Entity entity) {
    return entity.getMentions().stream().filter(m -> m.getField() == TextField.BODY)
        .mapToInt(Mention::getStart).min().orElse(Integer.MAX_VALUE);
  }
}
