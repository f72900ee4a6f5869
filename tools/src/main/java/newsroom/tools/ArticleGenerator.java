package newsroom.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * News-like articles for benchmarks and load tests, in English, Spanish or German: 300–600 words of
 * prose about one of several desks (politics, economy, health, climate, sport, technology, culture,
 * crime), naming people drawn from thousands of combinations, places and organisations, in
 * sentences assembled from varied parts. What
 * costs enrichment (distinct names, a large vocabulary, sentence structure) is close to real news; the
 * text is not meant to be read. Each article names its run and number, so none is a copy of another.
 */
public final class ArticleGenerator {
  private static final List<String> FIRST = List.of("Maria", "Daniel", "Chen", "Anna", "Rahul", "Sophie", "Kenji", "Amira",
      "Lukas", "Grace", "Olga", "Pedro", "Fatima", "Tomasz", "Aisha", "Hiroshi", "Isabel", "Mohammed", "Elena", "Samuel",
      "Ingrid", "Kwame", "Lucia", "Arjun", "Nadia", "Oliver", "Mei", "Javier", "Zainab", "Henrik", "Priya", "Marco",
      "Yusuf", "Clara", "Dmitri", "Leila", "Patrick", "Ana", "Thabo", "Julia");
  private static final List<String> LAST = List.of("Lopez", "Okafor", "Wei", "Kowalski", "Mehta", "Laurent", "Tanaka",
      "Haddad", "Becker", "Mensah", "Petrova", "Santos", "Rahman", "Nowak", "Bello", "Sato", "Ferreira", "Khalil",
      "Ivanova", "Adeyemi", "Larsen", "Asante", "Moretti", "Sharma", "Karimi", "Bennett", "Zhang", "Navarro", "Diallo",
      "Johansson", "Rao", "Rossi", "Demir", "Schmidt", "Volkov", "Nasser", "Murphy", "Silva", "Nkosi", "Fischer");
  /** A desk: what its stories are about, and the words its reporters use. */
  record Desk(List<String> subjects, List<String> nouns, List<String> verbs, List<String> adjectives) {}

  /**
   * What articles in one language are made of (resource {@code articles-<language>.json}): the
   * headline pattern ({P} the first person, {L} the place, {S} the subject), the dateline's word for
   * "report", roles, places, organisations, days, desks and sentence patterns with the slots of
   * {@link #sentence}.
   */
  record Vocabulary(String language, String title, String report, List<String> roles, List<String> places,
                    List<String> organisations, List<String> days, List<Desk> desks, List<String> sentences) {
    static Vocabulary load(String language) {
      try (InputStream in = ArticleGenerator.class.getResourceAsStream("/newsroom/tools/articles-" + language + ".json")) {
        if (in == null) {
          throw new IllegalArgumentException("no generated articles in '" + language + "'; the languages are "
              + String.join(", ", LANGUAGES));
        }
        return new ObjectMapper().readValue(in, Vocabulary.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // reading from the jar
      }
    }
  }

  public static final List<String> LANGUAGES = List.of("en", "es", "de");

  private final Random random;
  private final Vocabulary vocabulary;

  /** English articles. */
  public ArticleGenerator(Random random) {
    this(random, "en");
  }

  /** Articles in one of {@link #LANGUAGES}. */
  public ArticleGenerator(Random random, String language) {
    this.random = random;
    this.vocabulary = Vocabulary.load(language);
  }

  public Map<String, Object> article(String run, int n) {
    Desk desk = pick(vocabulary.desks());
    String subject = pick(desk.subjects());
    List<String> cast = List.of(person(), person(), person());
    String place = pick(vocabulary.places());
    int words = 300 + random.nextInt(301);
    // A dateline that names the run keeps every generated article a distinct story (never an exact copy).
    StringBuilder body = new StringBuilder(
        place.toUpperCase(Locale.ROOT) + ", " + vocabulary.report() + " " + run + "-" + n + " — ");
    int written = 0;
    while (written < words) {
      int sentences = 2 + random.nextInt(3);
      for (int s = 0; s < sentences && written < words; s++) {
        String sentence = sentence(desk, subject, cast, place);
        written += sentence.split(" ").length;
        body.append(sentence).append(' ');
      }
      body.setLength(body.length() - 1);
      body.append("\n\n");
    }
    Map<String, Object> article = new LinkedHashMap<>();
    article.put("url", "https://bench.newsroom.invalid/" + run + "/" + n);
    article.put("title", vocabulary.title().replace("{P}", cast.getFirst()).replace("{L}", place).replace("{S}", subject)
        + " (" + run + " #" + n + ")");
    article.put("body", body.toString().strip());
    article.put("source", "bench");
    article.put("published_at", Instant.now().toString());
    article.put("language", vocabulary.language());
    return article;
  }

  private String sentence(Desk desk, String subject, List<String> cast, String place) {
    String template = pick(vocabulary.sentences());
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '{') {
        out.append(c);
        continue;
      }
      char slot = template.charAt(i + 1);
      i += 2;
      out.append(switch (slot) {
        case 'P' -> random.nextInt(4) == 0 ? person() : pick(cast); // the story's people, now and then someone new
        case 'R' -> pick(vocabulary.roles());
        case 'L' -> random.nextInt(3) == 0 ? pick(vocabulary.places()) : place;
        case 'O' -> pick(vocabulary.organisations());
        case 'S' -> random.nextInt(5) == 0 ? pick(desk.subjects()) : subject;
        case 'N' -> pick(desk.nouns());
        case 'V' -> pick(desk.verbs());
        case 'A' -> pick(desk.adjectives());
        case 'D' -> pick(vocabulary.days());
        case 'K' -> Integer.toString(2 + random.nextInt(97));
        case 'Y' -> Integer.toString(1995 + random.nextInt(30));
        default -> throw new IllegalStateException("unknown slot {" + slot + "} in " + template);
      });
    }
    out.setCharAt(0, Character.toUpperCase(out.charAt(0))); // "the World Bank warned …" opens a sentence
    return out.toString();
  }

  private String person() {
    return pick(FIRST) + " " + pick(LAST);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
