package newsroom.tools;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import newsroom.service.ApiKeys;

/**
 * The API key of this checkout: {@code ./newsroom up} makes one with every scope on its first start
 * ({@code .newsroom/api-key}, readable by its owner only; its hash in {@code .newsroom/api-keys}),
 * and the other commands send it, unless {@code NEWSROOM_API_KEY} names another.
 */
final class LocalKey {
  static final String KEY_FILE = "api-key";
  static final String KEYS_FILE = "api-keys";

  private LocalKey() {}

  static Optional<String> key() {
    return key(Path.of(".newsroom"));
  }

  /** The key to send to the stack whose data folder is {@code data}. */
  static Optional<String> key(Path data) {
    String fromEnvironment = System.getenv("NEWSROOM_API_KEY");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(fromEnvironment.strip());
    }
    Path file = data.resolve(KEY_FILE);
    try {
      return Files.isReadable(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static HttpRequest.Builder authorize(HttpRequest.Builder request) {
    return authorize(request, Path.of(".newsroom"));
  }

  static HttpRequest.Builder authorize(HttpRequest.Builder request, Path data) {
    key(data).ifPresent(k -> request.header("Authorization", "Bearer " + k));
    return request;
  }

  /** The keys file the services of {@code up} read, with the local key added on first use. */
  static Path ensureKeysFile(Path data) throws IOException {
    Path keys = data.resolve(KEYS_FILE);
    if (!Files.exists(keys)) {
      String key = ApiKeys.generate();
      Path keyFile = data.resolve(KEY_FILE);
      Files.writeString(keyFile, key + "\n", StandardCharsets.UTF_8);
      restrict(keyFile);
      Files.writeString(keys, "# API keys of this local stack: name scopes sha256 requests-per-minute (./newsroom keys create adds one)\n"
          + ApiKeys.line("local", EnumSet.allOf(ApiKeys.Scope.class), key, 6_000) + "\n", StandardCharsets.UTF_8);
    }
    return keys;
  }

  static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own permissions apply
    }
  }
}
