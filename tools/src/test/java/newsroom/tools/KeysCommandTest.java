package newsroom.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import newsroom.service.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {
  @TempDir
  Path dir;

  private int run(ByteArrayOutputStream out, String... args) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return new CommandLine(NewsroomCli.class).execute(args);
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void aNewKeyIsShownOnceAndOnlyItsHashIsKept() throws Exception {
    Path file = dir.resolve("api-keys");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(run(out, "keys", "create", "--name", "sports-desk", "--scopes", "search,admin", "--per-minute", "120",
        "--file", file.toString())).isZero();
    String key = out.toString(StandardCharsets.UTF_8).strip();

    assertThat(Files.readString(file)).doesNotContain(key);
    ApiKeys.Key found = ApiKeys.read(file).find(key).orElseThrow();
    assertThat(found.name()).isEqualTo("sports-desk");
    assertThat(found.scopes()).containsExactlyInAnyOrder(ApiKeys.Scope.SEARCH, ApiKeys.Scope.ADMIN);
    assertThat(found.perMinute()).isEqualTo(120);

    assertThat(run(new ByteArrayOutputStream(), "keys", "create", "--name", "sports-desk", "--scopes", "search",
        "--file", file.toString())).isEqualTo(2); // names identify keys: no two alike
    assertThat(run(new ByteArrayOutputStream(), "keys", "create", "--name", "x", "--scopes", "publish",
        "--file", file.toString())).isEqualTo(2);
  }
}
