package newsroom.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a gzip Wikidata JSON dump of realistic shape for the knowledge-base benchmark (no real dump
 * can be downloaded here): a class tree of a few thousand subclasses (P279) under the kinds'
 * roots, then entities whose popularity (sitelinks) falls off as Zipf's law, whose names repeat the
 * way people's do (a few thousand "John Smith"), with aliases in English, Spanish and German,
 * descriptions, relations to earlier entities (citizenship, employer, parent place, headquarters)
 * and the claims, references and sitelinks that make real lines long. Deterministic for a seed.
 */
final class SyntheticWikidataDump {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final String[] FIRST = {"John", "Mary", "James", "Maria", "David", "Anna", "Michael", "Elena", "Robert",
      "Sarah", "Carlos", "Laura", "Peter", "Julia", "Ahmed", "Fatima", "Wei", "Li", "Hans", "Ingrid", "Pierre", "Sophie",
      "Giovanni", "Chiara", "Olga", "Ivan", "Kenji", "Yuki", "Samuel", "Grace"};
  private static final String[] LAST = {"Smith", "Johnson", "Garcia", "Müller", "Rossi", "Martin", "Kim", "Nguyen",
      "Silva", "Kowalski", "Novak", "Schmidt", "Brown", "Lopez", "Wang", "Ivanov", "Dubois", "Jones", "Taylor", "Moreau",
      "Fischer", "Romano", "Tanaka", "Khan", "Cohen", "Okafor", "Andersen", "Larsen", "Costa", "Weber"};
  private static final String[] OCCUPATION = {"politician", "footballer", "actor", "journalist", "economist", "singer",
      "lawyer", "physician", "novelist", "engineer", "diplomat", "businessperson", "painter", "chemist", "judge"};
  private static final String[] COUNTRY = {"American", "British", "Spanish", "German", "French", "Italian", "Brazilian",
      "Indian", "Nigerian", "Japanese", "Mexican", "Canadian", "Australian", "Polish", "Turkish"};
  private static final String[] PLACE_WORD = {"Springfield", "Riverside", "Fairview", "Greenville", "Franklin", "Clinton",
      "Salem", "Madison", "Georgetown", "Arlington", "Ashland", "Oakland", "Milton", "Newport", "Dover", "Paris", "Berlin",
      "Toledo", "Valencia", "Cordoba"};
  private static final String[] ORG_WORD = {"National", "United", "First", "Global", "Central", "Royal", "General",
      "Pacific", "Atlantic", "Northern", "Union", "Federal", "City", "People's", "New"};
  private static final String[] ORG_KIND = {"Bank", "Party", "Football Club", "University", "Airlines", "Energy",
      "Motors", "Institute", "Foundation", "Insurance", "Press", "Council", "Railways", "Telecom", "Hospital"};

  /** Classes: person root, then subclass trees under the place, event and organisation roots. */
  private static final int CLASSES_PER_ROOT = 1_000;
  private static final int FIRST_ENTITY = 100_000_000;

  private SyntheticWikidataDump() {}

  /** Writes {@code entities} entities (plus the classes) to {@code file}; {@code written} hears the count now and then. */
  static void write(Path file, int entities, long seed, LongConsumer written) throws IOException {
    Random random = new Random(seed);
    try (OutputStream out = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    }, 1 << 20)) {
      out.write("[\n".getBytes(StandardCharsets.UTF_8));
      List<String> placeClasses = classTree(out, "Q2221906", 1_000_000, random);
      List<String> eventClasses = classTree(out, "Q1190554", 2_000_000, random);
      List<String> orgClasses = classTree(out, "Q43229", 3_000_000, random);
      for (int i = 0; i < entities; i++) {
        // Zipf: the entity of rank r has about 300 / r^0.8 sitelinks (most have none or one, as on Wikidata).
        int sitelinks = (int) Math.floor(300 / Math.pow(1 + random.nextInt(Math.max(1, entities)), 0.8) * random.nextDouble() * 2);
        double kind = random.nextDouble();
        String line = kind < 0.55 ? person(i, sitelinks, random)
            : kind < 0.8 ? entity(i, placeName(random), placeClasses, "place in " + COUNTRY[random.nextInt(COUNTRY.length)] + " territory",
                List.of("P131", "P17"), sitelinks, random)
            : kind < 0.95 ? entity(i, organisationName(random), orgClasses, ORG_KIND[random.nextInt(ORG_KIND.length)].toLowerCase() + " in "
                + PLACE_WORD[random.nextInt(PLACE_WORD.length)], List.of("P159", "P17"), sitelinks, random)
            : entity(i, random.nextInt(1950, 2026) + " " + placeName(random) + " Festival", eventClasses, "yearly event",
                List.of("P276"), sitelinks, random);
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write(i == entities - 1 ? '\n' : ',');
        if (i != entities - 1) {
          out.write('\n');
        }
        if ((i & 0xffff) == 0) {
          written.accept(i);
        }
      }
      out.write("]\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Classes under {@code root}: each a subclass of the root or of an earlier one, so the tree has depth. */
  private static List<String> classTree(OutputStream out, String root, int firstId, Random random) throws IOException {
    List<String> classes = new ArrayList<>(List.of(root));
    for (int i = 0; i < CLASSES_PER_ROOT; i++) {
      String id = "Q" + (firstId + i);
      String parent = classes.get(random.nextInt(classes.size()));
      out.write(line(id, "class " + i, null, List.of(), List.of(), List.of(parent), Map.of(), 3, random).getBytes(StandardCharsets.UTF_8));
      out.write(",\n".getBytes(StandardCharsets.UTF_8));
      classes.add(id);
    }
    return classes;
  }

  private static String person(int i, int sitelinks, Random random) throws IOException {
    // Name frequency is skewed too: low indexes of both lists are the common names.
    String name = personName(random);
    String description = COUNTRY[random.nextInt(COUNTRY.length)] + " " + OCCUPATION[random.nextInt(OCCUPATION.length)];
    List<String> aliases = random.nextDouble() < 0.3 ? List.of(name.charAt(0) + ". " + name.substring(name.indexOf(' ') + 1)) : List.of();
    return line("Q" + (FIRST_ENTITY + i), name, description, aliases, List.of("Q5"), List.of(),
        relations(i, List.of("P27", "P108", "P102"), random), sitelinks, random);
  }

  private static String entity(int i, String name, List<String> classes, String description, List<String> properties,
                               int sitelinks, Random random) throws IOException {
    String type = classes.get(random.nextInt(classes.size()));
    return line("Q" + (FIRST_ENTITY + i), name, description, List.of(), List.of(type), List.of(),
        relations(i, properties, random), sitelinks, random);
  }

  /** Each property (most of the time) to an earlier entity, the first ones (the popular ones) far more often. */
  private static Map<String, String> relations(int i, List<String> properties, Random random) {
    Map<String, String> relations = new LinkedHashMap<>();
    for (String property : properties) {
      if (i > 0 && random.nextDouble() < 0.7) {
        relations.put(property, "Q" + (FIRST_ENTITY + (long) (i * Math.pow(random.nextDouble(), 3))));
      }
    }
    return relations;
  }

  /** A person's name as the dump's people have them: common first and last names far more often. */
  static String personName(Random random) {
    return FIRST[skewed(random, FIRST.length)] + " " + LAST[skewed(random, LAST.length)];
  }

  static String placeName(Random random) {
    return PLACE_WORD[skewed(random, PLACE_WORD.length)] + (random.nextDouble() < 0.5 ? "" : " " + (char) ('A' + random.nextInt(26))
        + "ville".substring(random.nextInt(3)));
  }

  static String organisationName(Random random) {
    return ORG_WORD[random.nextInt(ORG_WORD.length)] + " " + PLACE_WORD[random.nextInt(PLACE_WORD.length)] + " "
        + ORG_KIND[random.nextInt(ORG_KIND.length)];
  }

  private static int skewed(Random random, int n) {
    return (int) (n * Math.pow(random.nextDouble(), 2));
  }

  /** One entity line as the dumps write it, with filler claims (dates, identifiers, references) and sitelinks. */
  private static String line(String id, String label, String description, List<String> aliases, List<String> instanceOf,
                             List<String> subclassOf, Map<String, String> relations, int sitelinks, Random random)
      throws IOException {
    StringWriter text = new StringWriter(1536);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("type", "item");
      json.writeStringField("id", id);
      json.writeObjectFieldStart("labels");
      monolingual(json, "en", label);
      if (random.nextDouble() < 0.3) {
        monolingual(json, "es", label);
        monolingual(json, "de", label);
      }
      json.writeEndObject();
      json.writeObjectFieldStart("descriptions");
      if (description != null) {
        monolingual(json, "en", description);
      }
      json.writeEndObject();
      json.writeObjectFieldStart("aliases");
      if (!aliases.isEmpty()) {
        json.writeArrayFieldStart("en");
        for (String alias : aliases) {
          json.writeStartObject();
          json.writeStringField("language", "en");
          json.writeStringField("value", alias);
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeEndObject();
      json.writeObjectFieldStart("claims");
      itemClaims(json, "P31", instanceOf);
      itemClaims(json, "P279", subclassOf);
      for (Map.Entry<String, String> relation : relations.entrySet()) {
        itemClaims(json, relation.getKey(), List.of(relation.getValue()));
      }
      for (String property : List.of("P569", "P214", "P646")) { // born, VIAF, Freebase: skipped unread
        json.writeArrayFieldStart(property);
        json.writeStartObject();
        json.writeObjectFieldStart("mainsnak");
        json.writeStringField("snaktype", "value");
        json.writeStringField("property", property);
        json.writeObjectFieldStart("datavalue");
        json.writeStringField("value", Long.toHexString(random.nextLong()));
        json.writeStringField("type", "string");
        json.writeEndObject();
        json.writeEndObject();
        json.writeStringField("type", "statement");
        json.writeStringField("rank", "normal");
        json.writeArrayFieldStart("references");
        json.writeStartObject();
        json.writeStringField("hash", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
      }
      json.writeEndObject();
      json.writeObjectFieldStart("sitelinks");
      for (int s = 0; s < sitelinks; s++) {
        String site = s == 0 ? "enwiki" : "wiki" + s;
        json.writeObjectFieldStart(site);
        json.writeStringField("site", site);
        json.writeStringField("title", label);
        json.writeArrayFieldStart("badges");
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeNumberField("lastrevid", random.nextInt(1_000_000_000));
      json.writeEndObject();
    }
    return text.toString();
  }

  private static void monolingual(JsonGenerator json, String language, String value) throws IOException {
    json.writeObjectFieldStart(language);
    json.writeStringField("language", language);
    json.writeStringField("value", value);
    json.writeEndObject();
  }

  private static void itemClaims(JsonGenerator json, String property, List<String> targets) throws IOException {
    if (targets.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart(property);
    for (String target : targets) {
      json.writeStartObject();
      json.writeObjectFieldStart("mainsnak");
      json.writeStringField("snaktype", "value");
      json.writeStringField("property", property);
      json.writeObjectFieldStart("datavalue");
      json.writeObjectFieldStart("value");
      json.writeStringField("entity-type", "item");
      json.writeNumberField("numeric-id", Long.parseLong(target.substring(1)));
      json.writeStringField("id", target);
      json.writeEndObject();
      json.writeStringField("type", "wikibase-entityid");
      json.writeEndObject();
      json.writeStringField("datatype", "wikibase-item");
      json.writeEndObject();
      json.writeStringField("type", "statement");
      json.writeStringField("rank", "normal");
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
