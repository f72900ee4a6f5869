package newsroom.local;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the archives of the servers the local stack runs (Elasticsearch, the schema registry) are found. */
final class Distributions {
  private Distributions() {}

  /**
   * The archive named by the system property {@code property} (the integration tests), else the one the
   * build copied beside the running module's classes (tools for newsroom.jar, whose libraries are in
   * target/lib/).
   */
  static Path find(String property, String fileName) {
    String configured = System.getProperty(property);
    if (configured != null) {
      return Path.of(configured);
    }
    try {
      Path code = Path.of(Distributions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // Beside target/classes, or beside target/lib/local-runtime-*.jar one level up.
      for (Path target : List.of(code.getParent(), code.getParent().getParent())) {
        if (Files.exists(target.resolve(fileName))) {
          return target.resolve(fileName);
        }
      }
      throw new IllegalStateException(fileName + " not found near " + code
          + "; build first: ./mvnw -pl tools -am package -DskipTests");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
