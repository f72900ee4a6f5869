package newsroom.kb.wikidata;

import java.util.List;

/** Wikidata dump lines written by tests (enrich-service's too, through the test jar). */
public final class TestDumps {
  private TestDumps() {}

  /** A person (an instance of Q5) as a dump line: an English label and description, and {@code sitelinks} sitelinks. */
  public static String person(String id, String name, String description, int sitelinks) {
    StringBuilder links = new StringBuilder();
    for (int s = 0; s < sitelinks; s++) {
      links.append(s == 0 ? "" : ",").append("\"wiki").append(s).append("\":{\"site\":\"wiki").append(s)
          .append("\",\"title\":\"").append(name).append("\"}");
    }
    return "{\"type\":\"item\",\"id\":\"" + id + "\",\"labels\":{\"en\":{\"language\":\"en\",\"value\":\"" + name + "\"}},"
        + "\"descriptions\":{\"en\":{\"language\":\"en\",\"value\":\"" + description + "\"}},"
        + "\"claims\":{\"P31\":[{\"mainsnak\":{\"snaktype\":\"value\",\"datavalue\":{\"value\":{\"id\":\"Q5\"}}},"
        + "\"rank\":\"normal\"}]},\"sitelinks\":{" + links + "}}";
  }

  /** The lines as a dump file's text: a JSON array, one entity a line. */
  public static String dump(List<String> lines) {
    return "[\n" + String.join(",\n", lines) + "\n]\n";
  }
}
