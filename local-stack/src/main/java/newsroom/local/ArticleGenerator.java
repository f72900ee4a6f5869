package newsroom.local;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** News-like articles of realistic length (~500 words) for benchmarks and load tests. */
final class ArticleGenerator {
  private static final List<String> PEOPLE = List.of("Maria Lopez", "Daniel Okafor", "Chen Wei", "Anna Kowalski",
      "Rahul Mehta", "Sophie Laurent", "Kenji Tanaka", "Amira Haddad", "Lukas Becker", "Grace Mensah");
  private static final List<String> PLACES = List.of("Lisbon", "Nairobi", "Jakarta", "Warsaw", "Montreal", "Cairo",
      "Osaka", "Lima", "Hamburg", "Accra", "Brazil", "Canada", "Kenya", "Vietnam", "Norway");
  private static final List<String> ORGS = List.of("the World Health Organization", "the European Central Bank",
      "Reuters", "the United Nations", "Siemens", "the International Monetary Fund", "Toyota", "Oxfam");
  private static final List<String> TOPICS = List.of("water prices", "the port expansion", "a new rail line",
      "teacher salaries", "the election recount", "flood defences", "the vaccine rollout", "wildfire season");
  private static final List<String> SENTENCES = List.of(
      "%s said on Tuesday that talks in %s over %s would continue next week.",
      "Officials from %3$s met %1$s in %2$s, according to a statement released late on Monday.",
      "Critics in %2$s argue that %3$s has been delayed for years, and %1$s acknowledged the frustration.",
      "\"We will not accept further delays,\" %s told reporters in %s, adding that %s remained a priority.",
      "Analysts expect %3$s to dominate the agenda when %1$s returns to %2$s later this month.",
      "The figures, published by %4$s, show a sharp rise compared with the same period last year.",
      "%4$s warned that the situation in %2$s could worsen without a clear plan for %3$s.",
      "Residents of %2$s have staged several protests, and %1$s promised to meet their representatives.");

  private final Random random;

  ArticleGenerator(Random random) {
    this.random = random;
  }

  Map<String, Object> article(String run, int n) {
    String person = pick(PEOPLE);
    String place = pick(PLACES);
    String topic = pick(TOPICS);
    // A dateline that names the run keeps every generated article a distinct story (never an exact copy).
    StringBuilder body = new StringBuilder(place.toUpperCase(java.util.Locale.ROOT) + ", report " + run + "-" + n + " — ");
    for (int paragraph = 0; paragraph < 8; paragraph++) {
      for (int sentence = 0; sentence < 3; sentence++) {
        body.append(String.format(pick(SENTENCES), pick(List.of(person, pick(PEOPLE))), pick(List.of(place, pick(PLACES))),
            topic, pick(ORGS))).append(' ');
      }
      body.append("\n\n");
    }
    Map<String, Object> article = new LinkedHashMap<>();
    article.put("url", "https://bench.newsroom.invalid/" + run + "/" + n);
    article.put("title", person + " in " + place + " on " + topic + " (" + run + " #" + n + ")");
    article.put("body", body.toString().strip());
    article.put("source", "bench");
    article.put("published_at", Instant.now().toString());
    article.put("language", "en");
    return article;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
