package newsroom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @TempDir
  Path dir;

  @Test
  void aKeyIsFoundByItsHashWithItsScopesAndRate() throws Exception {
    String key = ApiKeys.generate();
    String line = ApiKeys.line("desk", EnumSet.of(ApiKeys.Scope.SEARCH, ApiKeys.Scope.ADMIN), key, 60);
    assertThat(line).doesNotContain(key).startsWith("desk search,admin sha256:").endsWith(" 60");
    Path file = Files.writeString(dir.resolve("keys"), "# the newsroom's keys\n\n" + line + "  # editors\n");

    ApiKeys keys = ApiKeys.read(file);
    ApiKeys.Key found = keys.find(" " + key + " ").orElseThrow();
    assertThat(found.name()).isEqualTo("desk");
    assertThat(found.scopes()).containsExactlyInAnyOrder(ApiKeys.Scope.SEARCH, ApiKeys.Scope.ADMIN);
    assertThat(found.perMinute()).isEqualTo(60);
    assertThat(keys.find(ApiKeys.generate())).isEmpty();
    assertThat(keys.find("")).isEmpty();
    assertThat(ApiKeys.generate()).isNotEqualTo(key).startsWith("nk_").hasSizeGreaterThan(40);
  }

  @Test
  void everyBadLineIsReportedWithItsNumber() throws Exception {
    String hash = "sha256:" + "a".repeat(64);
    Path file = Files.writeString(dir.resolve("keys"), String.join("\n", "ok search " + hash, "bad publish " + hash,
        "short search sha256:abc", "slow search " + hash + " none", "too many columns here now"));
    assertThatThrownBy(() -> ApiKeys.read(file)).hasMessageContaining("line 2: unknown scope 'publish'")
        .hasMessageContaining("line 3: the hash must be").hasMessageContaining("line 4: requests per minute")
        .hasMessageContaining("line 5: expected");
    Path twice = Files.writeString(dir.resolve("twice"), "a search " + hash + "\na admin " + hash + "\n");
    assertThatThrownBy(() -> ApiKeys.read(twice)).hasMessageContaining("same name");
  }
}
