package newsroom.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Schema;

/**
 * The schemas of every released version, kept as resources under {@code released/}.
 *
 * <p>{@code released/index.properties} maps a schema's full name to its released versions
 * (oldest first); each version is a standalone {@code .avsc} with its named types inlined.
 * Releasing adds a file and a version to the index; nothing is ever removed.
 */
public final class ReleasedSchemas {
  private static final Properties INDEX = load();

  private ReleasedSchemas() {}

  /** Released schemas of {@code fullName}, oldest first; empty for a schema never released. */
  public static List<Schema> of(String fullName) {
    String versions = INDEX.getProperty(fullName, "").trim();
    List<Schema> schemas = new ArrayList<>();
    if (versions.isEmpty()) {
      return schemas;
    }
    for (String version : versions.split(",")) {
      String path = "/newsroom/schemas/released/" + fullName + "-" + version.trim() + ".avsc";
      try (InputStream in = ReleasedSchemas.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("released schema missing from the jar: " + path);
        }
        schemas.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schemas;
  }

  private static Properties load() {
    Properties index = new Properties();
    try (InputStream in = ReleasedSchemas.class.getResourceAsStream("/newsroom/schemas/released/index.properties")) {
      if (in != null) {
        index.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return index;
  }
}
