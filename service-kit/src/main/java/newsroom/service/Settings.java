package newsroom.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed, documented, validated configuration read from environment variables.
 *
 * <p>Each read names the variable, its default and what it means; every invalid value is
 * collected so that {@link #validate()} reports all mistakes at once, not the first.
 */
public final class Settings {
  /** One documented setting, as {@code --help} and the README list it. */
  public record Doc(String name, String defaultValue, String description) {}

  private final Map<String, String> values;
  private final List<Doc> docs = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  public Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Settings fromEnvironment() {
    return new Settings(System.getenv());
  }

  public String string(String name, String defaultValue, String description) {
    return read(name, defaultValue, description, value -> {
      if (value.isBlank()) {
        throw new IllegalArgumentException("must not be blank");
      }
      return value.trim();
    });
  }

  /** A setting without default: null when unset or blank. */
  public String optional(String name, String description) {
    docs.add(new Doc(name, "", description));
    String raw = values.get(name);
    return raw == null || raw.isBlank() ? null : raw.trim();
  }

  public int integer(String name, int defaultValue, int min, int max, String description) {
    Integer value = read(name, Integer.toString(defaultValue), description, text -> {
      int parsed = Integer.parseInt(text.trim());
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return parsed;
    });
    return value == null ? defaultValue : value;
  }

  public long bytes(String name, long defaultValue, String description) {
    Long value = read(name, Long.toString(defaultValue), description, text -> {
      long parsed = Long.parseLong(text.trim());
      if (parsed <= 0) {
        throw new IllegalArgumentException("must be a positive number of bytes");
      }
      return parsed;
    });
    return value == null ? defaultValue : value;
  }

  /** true or false (any case); anything else is a configuration error. */
  public boolean flag(String name, boolean defaultValue, String description) {
    Boolean value = read(name, Boolean.toString(defaultValue), description, raw -> switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    });
    return value == null ? defaultValue : value;
  }

  /** A setting {@code parse} makes sense of; its exceptions' messages become configuration errors (null then). */
  public <T> T custom(String name, String defaultValue, String description, Function<String, T> parse) {
    return read(name, defaultValue, description, parse);
  }

  private <T> T read(String name, String defaultValue, String description, Function<String, T> parse) {
    docs.add(new Doc(name, defaultValue, description));
    String raw = values.getOrDefault(name, defaultValue);
    try {
      return parse.apply(raw);
    } catch (RuntimeException e) {
      errors.add(name + "=" + raw + ": " + (e instanceof NumberFormatException ? "not a number" : e.getMessage()));
      return null;
    }
  }

  /** Throws one exception listing every invalid setting read so far. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid configuration (fix these environment variables): " + String.join("; ", errors));
    }
  }

  public List<Doc> docs() {
    return List.copyOf(docs);
  }
}
