package newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules are the build's, not a convention: a copy of the project's poms with one rule
 * broken must fail Maven's validate phase with the rule's advice, and the real poms must pass.
 */
class DependencyRulesIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Outcome(int exit, String output) {}

  @Test
  void theProjectAsItIsKeepsEveryRule() throws Exception {
    Outcome outcome = validate("schemas", pom -> pom);
    assertThat(outcome.exit()).as(outcome.output()).isZero();
  }

  @Test
  void schemasCannotGainAServiceLibrary() throws Exception {
    Outcome outcome = validate("schemas", pom -> pom.replace("\n  </dependencies>",
        "\n    <dependency><groupId>io.javalin</groupId><artifactId>javalin</artifactId></dependency>\n  </dependencies>"));
    assertThat(outcome.exit()).isNotZero();
    assertThat(outcome.output()).contains("io.javalin:javalin", "schemas is what event consumers compile against");
  }

  @Test
  void aServiceCannotDependOnAnotherService() throws Exception {
    Outcome outcome = validate("index-service", pom -> pom.replace("\n  <dependencies>\n", """

          <dependencies>
            <dependency><groupId>newsroom</groupId><artifactId>ingest-service</artifactId><version>${project.version}</version></dependency>
        """));
    assertThat(outcome.exit()).isNotZero();
    assertThat(outcome.output()).contains("newsroom:ingest-service", "must not depend on another service");
  }

  @Test
  void theConsumerExampleCannotNeedMoreThanSchemas() throws Exception {
    Outcome outcome = validate("consumer-example", pom -> pom.replace("\n  </dependencies>", """

            <dependency><groupId>newsroom</groupId><artifactId>service-kit</artifactId></dependency>
          </dependencies>"""));
    assertThat(outcome.exit()).isNotZero();
    assertThat(outcome.output()).contains("newsroom:service-kit", "needs newsroom:schemas alone");
  }

  /**
   * Maven's validate phase (where the enforcer runs) on a copy of every pom, {@code module}'s edited
   * (the edits replace the top-level, two-space-indented dependency tags).
   */
  private static Outcome validate(String module, UnaryOperator<String> edit) throws IOException, InterruptedException {
    Path copy = Files.createTempDirectory("newsroom-rules");
    Files.copy(ROOT.resolve("mvnw"), copy.resolve("mvnw"));
    copy.resolve("mvnw").toFile().setExecutable(true);
    Files.createDirectories(copy.resolve(".mvn/wrapper"));
    Files.copy(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"), copy.resolve(".mvn/wrapper/maven-wrapper.properties"));
    try (Stream<Path> dirs = Files.list(ROOT)) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).toList()) {
        Path target = copy.resolve(ROOT.relativize(dir));
        Files.createDirectories(target);
        String pom = Files.readString(dir.resolve("pom.xml"), StandardCharsets.UTF_8);
        Files.writeString(target.resolve("pom.xml"), dir.getFileName().toString().equals(module) ? edit.apply(pom) : pom);
      }
    }
    Files.copy(ROOT.resolve("pom.xml"), copy.resolve("pom.xml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    List<String> command = new ArrayList<>(List.of(copy.resolve("mvnw").toString(), "-B", "-o", "validate", "-pl", module, "-am"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process maven = builder.start();
    String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(maven.waitFor(10, TimeUnit.MINUTES)).as("maven finished").isTrue();
    TestFolders.delete(copy);
    return new Outcome(maven.exitValue(), output);
  }
}
