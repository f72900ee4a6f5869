package newsroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary folders tests make are removed when done, so that test runs do not fill /tmp. */
final class TestFolders {
  private TestFolders() {}

  /** Deletes a file or a folder with everything in it; nothing when it is not there. */
  static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** The same at the end of a test run, where a folder left behind only costs disk: never throws. */
  static void deleteQuietly(Path path) {
    try {
      delete(path);
    } catch (IOException | RuntimeException e) {
      System.err.println("could not delete " + path + ": " + e.getMessage());
    }
  }
}
