package newsroom.enrich.entities;

import newsroom.events.EntityType;

/** A recognised mention in a text: [start, end) in UTF-16 offsets. */
public record Span(EntityType type, int start, int end, String text) {
  public Span {
    if (start < 0 || end <= start || end - start != text.length()) {
      throw new IllegalArgumentException("span [" + start + "," + end + ") does not fit '" + text + "'");
    }
  }

  public static Span of(EntityType type, String document, int start, int end) {
    return new Span(type, start, end, document.substring(start, end));
  }

  boolean overlaps(int otherStart, int otherEnd) {
    return start < otherEnd && otherStart < end;
  }
}
