package newsroom.kb.wikidata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the import keeps of one entity of a Wikidata JSON dump (one entity per line, the lines of a
 * JSON array): labels, aliases and descriptions in the chosen languages, the classes it is an
 * instance of (P31) or a subclass of (P279), the entities it is {@link #RELATIONS related} to, its
 * sitelink count and English Wikipedia title. Everything else of the line (other claims,
 * qualifiers, references) is skipped unread.
 */
public record WikidataEntity(String id, Map<String, String> labels, Map<String, List<String>> aliases,
                             Map<String, String> descriptions, List<String> instanceOf, List<String> subclassOf,
                             List<String> related, int sitelinks, String enwikiTitle) {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * The properties whose targets news names beside the entity, so that linking can tell namesakes
   * apart by the company they keep: where a place or organisation is (country, administrative
   * parent, location, headquarters, part of, capital), whom an organisation belongs to (parent,
   * owner, founder, chief executive, chair), what a person belongs to (citizenship, party,
   * employer, member of, team, position's jurisdiction), family, and who heads a country.
   */
  static final Set<String> RELATIONS = Set.of("P17", "P131", "P276", "P159", "P361", "P36", "P749", "P127", "P112",
      "P169", "P488", "P27", "P102", "P108", "P463", "P54", "P1001", "P26", "P22", "P25", "P40", "P35", "P6");

  /** The entity on a dump line (UTF-8 bytes); empty for the array's brackets, blank lines and non-items (properties, lexemes). */
  public static Optional<WikidataEntity> parse(byte[] line, int offset, int length, Set<String> languages) throws IOException {
    int start = offset;
    int end = offset + length;
    while (start < end && isSpace(line[start])) {
      start++;
    }
    while (end > start && (line[end - 1] == ',' || isSpace(line[end - 1]))) {
      end--;
    }
    if (start == end || line[start] != '{') {
      return Optional.empty(); // "[", "]" or nothing
    }
    try (JsonParser json = JSON.createParser(line, start, end - start)) {
      return new Reader(json, languages).entity();
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static final class Reader {
    private final JsonParser json;
    private final Set<String> languages;
    private String id;
    private String type;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, List<String>> aliases = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    private final List<String> instanceOf = new ArrayList<>();
    private final List<String> subclassOf = new ArrayList<>();
    private final List<String> related = new ArrayList<>();
    private int sitelinks;
    private String enwikiTitle;

    Reader(JsonParser json, Set<String> languages) {
      this.json = json;
      this.languages = languages;
    }

    Optional<WikidataEntity> entity() throws IOException {
      expect(json.nextToken(), JsonToken.START_OBJECT);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        switch (field) {
          case "id" -> id = json.getText();
          case "type" -> type = json.getText();
          case "labels" -> monolingual(value, labels);
          case "descriptions" -> monolingual(value, descriptions);
          case "aliases" -> aliases(value);
          case "claims" -> claims(value);
          case "sitelinks" -> sitelinks(value);
          default -> json.skipChildren();
        }
      }
      if (!"item".equals(type) || id == null) {
        return Optional.empty();
      }
      return Optional.of(new WikidataEntity(id, labels, aliases, descriptions, instanceOf, subclassOf, related, sitelinks, enwikiTitle));
    }

    /** {"en": {"language": "en", "value": "…"}, …}: the values of the chosen languages. */
    private void monolingual(JsonToken start, Map<String, String> into) throws IOException {
      if (start != JsonToken.START_OBJECT) {
        json.skipChildren(); // an entity with none is written as [] in some dumps
        return;
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String language = json.currentName();
        json.nextToken();
        if (languages.contains(language)) {
          String value = valueOf();
          if (value != null) {
            into.put(language, value);
          }
        } else {
          json.skipChildren();
        }
      }
    }

    private void aliases(JsonToken start) throws IOException {
      if (start != JsonToken.START_OBJECT) {
        json.skipChildren();
        return;
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String language = json.currentName();
        expect(json.nextToken(), JsonToken.START_ARRAY);
        if (!languages.contains(language)) {
          json.skipChildren();
          continue;
        }
        List<String> names = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
          String value = valueOf();
          if (value != null) {
            names.add(value);
          }
        }
        aliases.put(language, names);
      }
    }

    /** The "value" of the object the parser is at the start of; the parser ends at its end. */
    private String valueOf() throws IOException {
      String value = null;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        if (field.equals("value")) {
          value = json.getText();
        } else {
          json.skipChildren();
        }
      }
      return value;
    }

    private void claims(JsonToken start) throws IOException {
      if (start != JsonToken.START_OBJECT) {
        json.skipChildren();
        return;
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String property = json.currentName();
        expect(json.nextToken(), JsonToken.START_ARRAY);
        List<String> into = property.equals("P31") ? instanceOf : property.equals("P279") ? subclassOf
            : RELATIONS.contains(property) ? related : null;
        if (into == null) {
          json.skipChildren();
          continue;
        }
        while (json.nextToken() == JsonToken.START_OBJECT) {
          statement(into);
        }
      }
    }

    /** One statement: its main snak's item id, unless the statement is deprecated or has no value. */
    private void statement(List<String> into) throws IOException {
      String target = null;
      boolean deprecated = false;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        if (field.equals("mainsnak")) {
          target = snakTarget();
        } else if (field.equals("rank")) {
          deprecated = "deprecated".equals(json.getText());
        } else {
          json.skipChildren();
        }
      }
      if (target != null && !deprecated) {
        into.add(target);
      }
    }

    private String snakTarget() throws IOException {
      String target = null;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (field.equals("datavalue") && value == JsonToken.START_OBJECT) {
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String inner = json.currentName();
            JsonToken innerValue = json.nextToken();
            if (inner.equals("value") && innerValue == JsonToken.START_OBJECT) {
              while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = json.currentName();
                json.nextToken();
                if (key.equals("id")) {
                  target = json.getText();
                } else {
                  json.skipChildren();
                }
              }
            } else {
              json.skipChildren();
            }
          }
        } else {
          json.skipChildren();
        }
      }
      return target;
    }

    private void sitelinks(JsonToken start) throws IOException {
      if (start != JsonToken.START_OBJECT) {
        json.skipChildren();
        return;
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String site = json.currentName();
        json.nextToken();
        sitelinks++;
        if (site.equals("enwiki")) {
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            if (field.equals("title")) {
              enwikiTitle = json.getText();
            } else {
              json.skipChildren();
            }
          }
        } else {
          json.skipChildren();
        }
      }
    }

    private void expect(JsonToken actual, JsonToken expected) throws IOException {
      if (actual != expected) {
        throw new IOException("expected " + expected + " but found " + actual + " at column " + json.currentLocation().getColumnNr());
      }
    }
  }
}
