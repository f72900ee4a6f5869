package newsroom.enrich.topics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads a topic lexicon resource: Media Topic qcode, tab, words; # comments. Words are stemmed like articles in that language. */
final class Lexicons {
  private Lexicons() {}

  static Map<String, Set<String>> read(String resource, MediaTopics topics, String language) {
    Map<String, Set<String>> lexicon = new LinkedHashMap<>();
    try (InputStream in = Lexicons.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("topic lexicon missing from the jar: " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", 2);
        if (topics.get(cols[0]).isEmpty()) {
          throw new IllegalStateException(resource + ": unknown Media Topic " + cols[0]);
        }
        lexicon.put(cols[0], new HashSet<>(TopicText.terms(cols[1].replace('-', ' '), language)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lexicon;
  }
}
