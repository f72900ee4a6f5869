package newsroom.kb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder a newsroom's imported knowledge bases live in: each import writes a new version under
 * {@code versions/} and then publishes it by replacing the one-line file {@code current} (an atomic
 * rename), so a reader either sees the old version or the complete new one. Enrich-service
 * instances watch {@code current} and switch over without a restart. A version being written has a
 * {@code .partial} suffix and is never published; the versions before the previous one are removed.
 */
public final class KnowledgeBaseVersions {
  private static final String CURRENT = "current";
  /** How long a replaced version stays open, so that work still using it finishes. */
  private static final Duration RETIRE_AFTER = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseVersions.class);
  private static final String PARTIAL = ".partial";
  private static final DateTimeFormatter VERSION_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private final Path dir;

  public KnowledgeBaseVersions(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The published version, if any. */
  public Optional<String> current() throws IOException {
    try {
      String version = Files.readString(dir.resolve(CURRENT), StandardCharsets.UTF_8).strip();
      return version.isEmpty() ? Optional.empty() : Optional.of(version);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The published version, opened read-only. */
  public Optional<ImportedEntities> openCurrent() throws IOException {
    Optional<String> version = current();
    return version.isEmpty() ? Optional.empty() : Optional.of(ImportedEntities.open(path(version.get()), version.get()));
  }

  public Path path(String version) {
    return dir.resolve("versions").resolve(version);
  }

  /**
   * Opens the published version now (if any), then checks every {@code every} whether another was
   * published, and hands each newly opened version to {@code use}; a replaced version is closed a
   * minute later, so that work still using it finishes. A version that cannot be opened is logged
   * and retried at the next check, the one in use staying. The returned handle stops checking and
   * closes the version in use.
   */
  public Closeable follow(Duration every, Consumer<ImportedEntities> use) {
    ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "knowledge-base-versions");
      thread.setDaemon(true);
      return thread;
    });
    AtomicReference<ImportedEntities> inUse = new AtomicReference<>();
    Runnable check = () -> {
      ImportedEntities open = inUse.get();
      try {
        Optional<String> published = current();
        if (published.isEmpty() || open != null && open.version().equals(published.get())) {
          return;
        }
        ImportedEntities next = ImportedEntities.open(path(published.get()), published.get());
        inUse.set(next);
        use.accept(next);
        LOG.info("knowledge base: imported version {} in use ({} entities)", next.version(), next.size());
        if (open != null) {
          checker.schedule(() -> {
            open.close();
            return null;
          }, RETIRE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("knowledge base: cannot open the published import in {} ({}); keeping {}", dir, e.getMessage(),
            open == null ? "none" : "version " + open.version());
      }
    };
    check.run();
    checker.scheduleWithFixedDelay(check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return () -> {
      checker.shutdownNow();
      ImportedEntities last = inUse.getAndSet(null);
      if (last != null) {
        last.close();
      }
    };
  }

  /** A fresh folder to write {@code version} into (an unfinished earlier attempt at it is removed). */
  public Path startWriting(String version) throws IOException {
    Path partial = dir.resolve("versions").resolve(version + PARTIAL);
    delete(partial);
    Files.createDirectories(partial);
    return partial;
  }

  /**
   * Makes a fully written version the current one, and removes all but it and the one before, and
   * what interrupted imports begun before it left (one import at a time writes to a folder).
   */
  public void publish(String version) throws IOException {
    Path partial = dir.resolve("versions").resolve(version + PARTIAL);
    Files.move(partial, path(version), StandardCopyOption.ATOMIC_MOVE);
    Optional<String> previous = current();
    Path next = dir.resolve(CURRENT + ".next");
    Files.writeString(next, version + "\n", StandardCharsets.UTF_8);
    Files.move(next, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (Stream<Path> versions = Files.list(dir.resolve("versions"))) {
      for (Path old : versions.toList()) {
        String name = old.getFileName().toString();
        // Instances still reading an old version keep their open files: removing only unlinks them.
        boolean abandoned = name.endsWith(PARTIAL) && name.compareTo(version) < 0;
        boolean superseded = !name.endsWith(PARTIAL) && !name.equals(version) && !previous.map(name::equals).orElse(false);
        if (abandoned || superseded) {
          delete(old);
        }
      }
    }
  }

  private static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Versions are named by their import time, so that they sort in order. */
  public static String versionAt(Instant time) {
    return VERSION_NAME.format(time);
  }
}
