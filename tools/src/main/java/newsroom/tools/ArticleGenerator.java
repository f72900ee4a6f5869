package newsroom.tools;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * News-like articles for benchmarks and load tests: 300–600 words of prose about one of several desks
 * (politics, economy, health, climate, sport, technology, culture, crime), naming people drawn from
 * thousands of combinations, places and organisations, in sentences assembled from varied parts. What
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
  private static final List<String> ROLES = List.of("finance minister", "mayor", "chief executive", "spokeswoman",
      "spokesman", "opposition leader", "health minister", "union leader", "central bank governor", "coach",
      "prosecutor", "lead researcher", "foreign minister", "governor", "director", "chief economist");
  private static final List<String> PLACES = List.of("Lisbon", "Nairobi", "Jakarta", "Warsaw", "Montreal", "Cairo",
      "Osaka", "Lima", "Hamburg", "Accra", "Brazil", "Canada", "Kenya", "Vietnam", "Norway", "Madrid", "Chicago",
      "Sydney", "Mumbai", "Istanbul", "Bogota", "Manila", "Seoul", "Dublin", "Lagos", "Prague", "Santiago", "Hanoi",
      "Toronto", "Vienna", "Athens", "Dakar", "Stockholm", "Karachi", "Mexico", "Argentina", "Poland", "Egypt",
      "Indonesia", "Chile", "Ghana", "Portugal", "Peru", "Turkey", "Ireland", "Morocco", "Finland", "Texas");
  private static final List<String> ORGS = List.of("the World Health Organization", "the European Central Bank", "Reuters",
      "the United Nations", "Siemens", "the International Monetary Fund", "Toyota", "Oxfam", "the World Bank", "Amnesty International",
      "the European Commission", "Samsung", "the Red Cross", "NATO", "the African Union", "Greenpeace", "UNICEF",
      "the Federal Reserve", "Volkswagen", "FIFA", "the Olympic Committee", "Microsoft", "the OECD", "Interpol");

  /** A desk: what its stories are about, and the words its reporters use. */
  private record Desk(List<String> subjects, List<String> nouns, List<String> verbs, List<String> adjectives) {}

  private static final List<Desk> DESKS = List.of(
      new Desk(List.of("the election recount", "the coalition talks", "a new immigration bill", "the constitutional reform",
          "the budget vote", "the corruption inquiry"),
          List.of("parliament", "voters", "ballots", "lawmakers", "the cabinet", "the coalition", "campaigners", "the senate"),
          List.of("debated", "rejected", "approved", "postponed", "challenged", "endorsed"),
          List.of("bitter", "narrow", "historic", "contested", "fragile", "unexpected")),
      new Desk(List.of("water prices", "the port expansion", "interest rates", "the pension fund", "fuel subsidies",
          "the trade agreement"),
          List.of("investors", "inflation", "exports", "shareholders", "the currency", "bond yields", "factories", "wages"),
          List.of("rose", "slumped", "rallied", "stalled", "recovered", "doubled"),
          List.of("quarterly", "sluggish", "robust", "volatile", "record", "modest")),
      new Desk(List.of("the vaccine rollout", "hospital waiting lists", "a measles outbreak", "the nursing shortage",
          "cancer screening", "the malaria programme"),
          List.of("patients", "clinics", "nurses", "doctors", "infections", "treatments", "the ministry", "laboratories"),
          List.of("treated", "screened", "vaccinated", "admitted", "diagnosed", "funded"),
          List.of("rural", "chronic", "urgent", "preventable", "experimental", "overstretched")),
      new Desk(List.of("flood defences", "wildfire season", "the drought", "coastal erosion", "the heatwave",
          "emissions targets"),
          List.of("rainfall", "farmers", "reservoirs", "forests", "temperatures", "glaciers", "crops", "rivers"),
          List.of("flooded", "burned", "evacuated", "dried", "melted", "protected"),
          List.of("extreme", "seasonal", "unprecedented", "arid", "coastal", "renewable")),
      new Desk(List.of("the league final", "the transfer window", "the marathon", "the world cup qualifiers",
          "the doping case", "the new stadium"),
          List.of("the striker", "fans", "the referee", "the squad", "the goalkeeper", "supporters", "the season", "rivals"),
          List.of("scored", "defeated", "equalised", "signed", "suspended", "celebrated"),
          List.of("dramatic", "late", "decisive", "injured", "unbeaten", "relegated")),
      new Desk(List.of("a new rail line", "the data protection law", "the satellite launch", "the chip factory",
          "the broadband plan", "artificial intelligence rules"),
          List.of("engineers", "software", "networks", "users", "startups", "regulators", "the platform", "batteries"),
          List.of("launched", "tested", "hacked", "upgraded", "licensed", "deployed"),
          List.of("digital", "wireless", "autonomous", "encrypted", "electric", "open-source")),
      new Desk(List.of("the film festival", "the museum reopening", "the literary prize", "the opera season",
          "the restored cathedral", "the music awards"),
          List.of("audiences", "the director", "critics", "the orchestra", "galleries", "the novel", "artists", "the exhibition"),
          List.of("premiered", "praised", "restored", "performed", "curated", "toured"),
          List.of("acclaimed", "baroque", "sold-out", "experimental", "intimate", "controversial")),
      new Desk(List.of("the bank robbery trial", "the smuggling network", "the prison riot", "the fraud case",
          "the missing hiker", "the cyber attack"),
          List.of("police", "detectives", "the court", "witnesses", "the suspect", "investigators", "the jury", "lawyers"),
          List.of("arrested", "charged", "convicted", "questioned", "acquitted", "seized"),
          List.of("alleged", "armed", "organised", "anonymous", "lengthy", "unsolved")));

  private static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
  private static final List<String> TEMPLATES = List.of(
      "{P}, the {R}, said on {D} that talks in {L} over {S} would continue next week.",
      "Officials from {O} met {P} in {L}, according to a statement released late on {D}.",
      "Critics in {L} argue that {S} has been delayed for years, and {P} acknowledged the frustration.",
      "\"We will not accept further delays,\" {P} told reporters in {L}, adding that {S} remained a priority.",
      "Analysts expect {S} to dominate the agenda when {P} returns to {L} later this month.",
      "The figures, published by {O}, show that {N} {V} by {K} percent compared with the same period last year.",
      "{O} warned that the situation in {L} could worsen without a clear plan for {S}.",
      "Residents of {L} have staged several protests, and {P} promised to meet their representatives.",
      "In a {A} turn of events, {N} {V} on {D}, weeks after {P} had predicted the opposite.",
      "{P} described the {A} response of {N} as a sign that {S} was finally being taken seriously.",
      "According to {O}, about {K},000 people in {L} are affected, many of them for the first time.",
      "The {A} decision surprised {N}, who had {V} the proposal during months of negotiations.",
      "Speaking in {L}, {P} said {O} had offered support but that {N} needed more than promises.",
      "Some {N} in {L} {V} after the announcement, while others called for a {A} review of {S}.",
      "{P}, who has led the {R}'s office since {Y}, has faced {A} criticism over {S}.",
      "Neither {O} nor the government in {L} responded to requests for comment on {D}.",
      "Local newspapers in {L} reported that {N} had {V} at least {K} times since the spring.",
      "The plan for {S} was drawn up in {Y}, but {A} costs and a change of government stalled it.",
      "\"This is not the end of the story,\" said {P}, a {R} from {L}, after {N} {V}.",
      "Observers from {O} are expected to publish a {A} report on {S} before the end of the year.",
      "{N} in neighbouring {L} watched closely, since a similar dispute over {S} {V} there in {Y}.",
      "A poll commissioned by {O} found that {K} percent of respondents in {L} backed the measures.",
      "By {D} evening, {N} had {V}, and {P} said the {A} week had tested everyone involved.",
      "The debate over {S} is likely to return when {O} meets in {L} in the autumn.");

  private final Random random;

  public ArticleGenerator(Random random) {
    this.random = random;
  }

  public Map<String, Object> article(String run, int n) {
    Desk desk = pick(DESKS);
    String subject = pick(desk.subjects());
    List<String> cast = List.of(person(), person(), person());
    String place = pick(PLACES);
    int words = 300 + random.nextInt(301);
    // A dateline that names the run keeps every generated article a distinct story (never an exact copy).
    StringBuilder body = new StringBuilder(place.toUpperCase(Locale.ROOT) + ", report " + run + "-" + n + " — ");
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
    article.put("title", cast.getFirst() + " in " + place + " on " + subject + " (" + run + " #" + n + ")");
    article.put("body", body.toString().strip());
    article.put("source", "bench");
    article.put("published_at", Instant.now().toString());
    article.put("language", "en");
    return article;
  }

  private String sentence(Desk desk, String subject, List<String> cast, String place) {
    String template = pick(TEMPLATES);
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
        case 'R' -> pick(ROLES);
        case 'L' -> random.nextInt(3) == 0 ? pick(PLACES) : place;
        case 'O' -> pick(ORGS);
        case 'S' -> random.nextInt(5) == 0 ? pick(desk.subjects()) : subject;
        case 'N' -> pick(desk.nouns());
        case 'V' -> pick(desk.verbs());
        case 'A' -> pick(desk.adjectives());
        case 'D' -> pick(DAYS);
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
