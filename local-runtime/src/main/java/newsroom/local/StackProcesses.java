package newsroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processes of a stack started by {@code ./newsroom up}, recorded in {@value #FILE} under its data
 * folder (one {@code name pid [url]} line each, the URL a service's), so that {@code ./newsroom bench}
 * can tell what each one costs and reach every service instance.
 */
public final class StackProcesses {
  static final String FILE = "processes";

  private StackProcesses() {}

  public static void write(Path home, Map<String, Long> pids, Map<String, String> urls) throws IOException {
    StringBuilder lines = new StringBuilder();
    pids.forEach((name, pid) -> lines.append(name).append(' ').append(pid)
        .append(urls.containsKey(name) ? " " + urls.get(name) : "").append('\n'));
    Files.writeString(home.resolve(FILE), lines);
  }

  /** The base URL of each running service of the stack in {@code home}, by name. */
  public static Map<String, String> urls(Path home) throws IOException {
    Map<String, String> urls = new LinkedHashMap<>();
    Map<String, ProcessHandle> running = read(home);
    for (String line : lines(home)) {
      String[] parts = line.strip().split(" ");
      if (parts.length == 3 && running.containsKey(parts[0])) {
        urls.put(parts[0], parts[2]);
      }
    }
    return urls;
  }

  private static List<String> lines(Path home) throws IOException {
    Path file = home.resolve(FILE);
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  public static void forget(Path home) {
    try {
      Files.deleteIfExists(home.resolve(FILE));
    } catch (IOException e) {
      // a stale file names processes that are gone: read() skips them
    }
  }

  /** The running processes of the stack in {@code home}, by name; empty when no stack runs there. */
  public static Map<String, ProcessHandle> read(Path home) throws IOException {
    Map<String, ProcessHandle> running = new LinkedHashMap<>();
    for (String line : lines(home)) {
      String[] parts = line.strip().split(" ");
      if (parts.length >= 2 && parts[1].matches("\\d+")) {
        ProcessHandle.of(Long.parseLong(parts[1])).filter(ProcessHandle::isAlive).ifPresent(p -> running.put(parts[0], p));
      }
    }
    return running;
  }

  /** CPU time of a process and everything it started (Elasticsearch runs behind runuser and a script). */
  public static Duration cpu(ProcessHandle process) {
    return tree(process).map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
  }

  /** Resident memory of a process and everything it started, in bytes (Linux {@code /proc}); empty elsewhere. */
  public static Optional<Long> residentBytes(ProcessHandle process) {
    long total = 0;
    for (ProcessHandle p : tree(process).toList()) {
      try {
        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"));
        for (String line : status) {
          if (line.startsWith("VmRSS:")) {
            total += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
          }
        }
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
    return Optional.of(total);
  }

  private static Stream<ProcessHandle> tree(ProcessHandle process) {
    return Stream.concat(Stream.of(process), process.descendants());
  }
}
