package newsroom.enrich.entities;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.kb.KnowledgeBase;

/**
 * What a language's names are called in English, from the dictionary CoreNLP's model jar for the
 * language ships (the Spanish one: 46,000 Spanish names of English Wikipedia articles, from the
 * links of Spanish Wikipedia): "Estambul" is Istanbul, "Nueva Delhi" New Delhi, "Mar Negro" the Black
 * Sea. The linker looks a name up there when the knowledge base does not know it as written, and
 * links only as strictly as it links any name (one entry of the entity's class).
 */
final class WikipediaNames {
  private final Map<String, Set<String>> englishTitles;

  private WikipediaNames(Map<String, Set<String>> englishTitles) {
    this.englishTitles = englishTitles;
  }

  static final WikipediaNames NONE = new WikipediaNames(Map.of());

  /** The dictionary at {@code resource} (mention, tab, title, tab, score), or none when it is not on the classpath. */
  static WikipediaNames load(String resource) {
    if (resource == null) {
      return NONE;
    }
    try (InputStream in = WikipediaNames.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return NONE;
      }
      Map<String, Set<String>> titles = new HashMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        String[] cols = line.split("\t");
        if (cols.length >= 2 && !cols[0].isBlank()) {
          String title = URLDecoder.decode(cols[1].replace('_', ' ').replace("+", "%2B"), StandardCharsets.UTF_8);
          titles.computeIfAbsent(KnowledgeBase.key(cols[0]), k -> new LinkedHashSet<>()).add(title);
        }
      }
      return new WikipediaNames(titles);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading from the jar
    }
  }

  /** The English titles a name (in any case) may stand for. */
  List<String> englishTitles(String name) {
    return List.copyOf(englishTitles.getOrDefault(KnowledgeBase.key(name), Set.of()));
  }
}
