package newsroom.enrich.topics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IPTC Media Topics vocabulary (current topics), shipped with its attribution: "IPTC Media
 * Topics, International Press Telecommunications Council".
 */
public final class MediaTopics {
  private static final String RESOURCE = "/newsroom/topics/iptc-media-topics.tsv";

  /** One Media Topic. */
  public record Topic(String qcode, int level, String parent, String topLevel, String name, String definition) {}

  private final Map<String, Topic> byQcode;

  private MediaTopics(Map<String, Topic> byQcode) {
    this.byQcode = byQcode;
  }

  public static MediaTopics load() {
    return Holder.TOPICS;
  }

  public Optional<Topic> get(String qcode) {
    return Optional.ofNullable(byQcode.get(qcode));
  }

  public List<Topic> all() {
    return List.copyOf(byQcode.values());
  }

  public List<Topic> topLevel() {
    return byQcode.values().stream().filter(t -> t.level() == 1).toList();
  }

  public int size() {
    return byQcode.size();
  }

  private static final class Holder {
    static final MediaTopics TOPICS = read();

    private static MediaTopics read() {
      Map<String, Topic> topics = new LinkedHashMap<>();
      try (InputStream in = MediaTopics.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Media Topics vocabulary missing from the jar: " + RESOURCE);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] c = line.split("\t", -1);
          topics.put(c[0], new Topic(c[0], Integer.parseInt(c[1]), c[2].isEmpty() ? null : c[2], c[3], c[4], c[5]));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new MediaTopics(Map.copyOf(topics));
    }
  }
}
