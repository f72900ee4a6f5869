package newsroom.tools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import newsroom.service.ApiKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsroom keys create}: a new API key, and its line in the keys file the services read. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "API keys of the services.",
    subcommands = KeysCommand.Create.class)
final class KeysCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Make an API key; its hash goes into the keys file (NEWSROOM_API_KEYS_FILE), the key is shown once.")
  static final class Create implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "Who holds it (shown in logs and errors instead of the key)")
    String name;
    @Option(names = "--scopes", required = true, split = ",", description = "Any of: ingest, search, admin")
    Set<String> scopes;
    @Option(names = "--per-minute", defaultValue = "600", description = "Requests a minute (default: ${DEFAULT-VALUE})")
    int perMinute;
    @Option(names = "--file", defaultValue = ".newsroom/api-keys", description = "Keys file to add it to (default: ${DEFAULT-VALUE})")
    Path file;

    @Override
    public Integer call() throws Exception {
      Set<ApiKeys.Scope> granted = EnumSet.noneOf(ApiKeys.Scope.class);
      for (String scope : scopes) {
        try {
          granted.add(ApiKeys.Scope.valueOf(scope.strip().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          System.err.println("newsroom keys create: unknown scope '" + scope + "'; scopes are ingest, search, admin");
          return 2;
        }
      }
      if (!name.matches("[A-Za-z0-9._-]+") || perMinute < 1) {
        System.err.println("newsroom keys create: the name takes letters, digits, '.', '_' and '-'; --per-minute at least 1");
        return 2;
      }
      if (Files.exists(file) && ApiKeys.read(file).names().contains(name)) {
        System.err.println("newsroom keys create: " + file + " already has a key named " + name);
        return 2;
      }
      String key = ApiKeys.generate();
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, ApiKeys.line(name, granted, key, perMinute) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      System.out.println(key);
      System.err.printf("added key '%s' (%s, %d requests a minute) to %s; the services read it at start."
          + " This is the only time the key is shown.%n", name, String.join(",", scopes), perMinute, file);
      return 0;
    }
  }
}
