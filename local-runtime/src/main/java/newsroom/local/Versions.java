package newsroom.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Kafka, Elasticsearch and Apicurio Registry versions, pinned once in the parent pom. */
public final class Versions {
  private static final Properties VERSIONS = new Properties();

  static {
    try (InputStream in = Versions.class.getResourceAsStream("/newsroom-versions.properties")) {
      VERSIONS.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Versions() {}

  public static String elasticsearch() {
    return VERSIONS.getProperty("elasticsearch.version");
  }

  public static String apicurioRegistry() {
    return VERSIONS.getProperty("apicurio-registry.version");
  }

  public static String kafka() {
    return VERSIONS.getProperty("kafka.version");
  }
}
