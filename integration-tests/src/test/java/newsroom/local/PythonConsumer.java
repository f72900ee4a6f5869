package newsroom.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * consumer-example/python/enriched_articles.py, run with a Python that has confluent-kafka and avro
 * (Debian's python3-confluent-kafka and python3-avro, which ./newsroom test installs where it runs as root).
 */
final class PythonConsumer {
  static final String MISSING = "no Python with confluent_kafka and avro (apt-get install python3-confluent-kafka "
      + "python3-avro python3-requests): the Python consumer test is skipped";
  private static final Path SCRIPT = Path.of("../consumer-example/python/enriched_articles.py");

  /** The process's exit code and what it printed. */
  record Run(int exitCode, String output) {}

  private PythonConsumer() {}

  /** A Python that can run the consumer: Debian's (where its packages go), else the one on PATH. */
  static Optional<String> python() {
    for (String python : List.of("/usr/bin/python3", "python3")) {
      try {
        Process probe = new ProcessBuilder(python, "-c", "import confluent_kafka.avro").redirectErrorStream(true).start();
        if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return Optional.of(python);
        }
      } catch (IOException e) {
        // not there: the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Reads the enriched events until {@code articleId}'s, or {@code patience} runs out. */
  static Run awaitArticle(String python, String bootstrap, String registryUrl, String articleId, Duration patience)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(python, SCRIPT.toString(), bootstrap, registryUrl, articleId,
        Long.toString(patience.toSeconds())).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes(); // until it exits
    process.waitFor();
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
