package newsroom.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM the launcher starts (on its own class path, or an application's jar), with its output in a log file. */
public final class ChildProcess implements AutoCloseable {
  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path logFile;
  private Path directory;
  private Process process;

  public ChildProcess(String name, String heap, String mainClass, List<String> args, Map<String, String> env, Path logFile) {
    this(name, env, logFile, java(heap));
    command.addAll(List.of(
        "--enable-native-access=ALL-UNNAMED",
        // every service jar carries its logback.xml; do not report that they all were found
        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"));
    command.addAll(jvmOptions(name));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
  }

  private ChildProcess(String name, Map<String, String> env, Path logFile, List<String> command) {
    this.name = name;
    this.env = env;
    this.logFile = logFile;
    this.command = new ArrayList<>(command);
  }

  /** An application's own jar ({@code java -jar}), run in {@code directory} with these system properties. */
  public static ChildProcess jar(String name, String heap, Path jar, Path directory, List<String> systemProperties,
                                 Path logFile) {
    List<String> command = java(heap);
    command.addAll(systemProperties);
    command.addAll(List.of("-jar", jar.toString()));
    ChildProcess child = new ChildProcess(name, Map.of(), logFile, command);
    child.directory = directory;
    return child;
  }

  private static List<String> java(String heap) {
    return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
  }

  /**
   * enrich-service keeps a large graph of long-lived objects (the NER model's feature index, about
   * 250 MB) and allocates fast: G1's concurrent marking re-traced that graph every few seconds (a
   * tenth of the process's CPU under load). The throughput collector does no concurrent work and
   * pauses for tens of milliseconds, which a stream processor can afford. The Dockerfile says the same.
   */
  public static List<String> jvmOptions(String service) {
    return service.startsWith("enrich-service") ? List.of("-XX:+UseParallelGC") : List.of();
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return logFile;
  }

  /** Runs the JVM through {@code launcher} (e.g. {@link NetworkNamespace#launcher()}); before {@link #start}. */
  public ChildProcess inside(List<String> launcher) {
    command.addAll(0, launcher);
    return this;
  }

  public ChildProcess start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().putAll(env);
    process = builder.start();
    return this;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public int exitCode() {
    return process.exitValue();
  }

  /**
   * Waits until {@code url} answers 200, failing early if the process dies. A process alive but not
   * ready in time has its threads' stacks written to its log first, to show where its start hangs.
   */
  public void awaitReady(String url, Duration timeout) throws IOException {
    try {
      Ports.awaitHttpOk(name, process, url, timeout, logFile);
    } catch (IllegalStateException e) {
      if (!process.isAlive() || !dumpThreads()) {
        throw e;
      }
      throw new IllegalStateException(e.getMessage() + " (its threads' stacks are at the end)", e);
    }
  }

  /** SIGQUIT: the JVM prints every thread's stack to its output, the log, and goes on. */
  private boolean dumpThreads() {
    try {
      boolean sent = new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor() == 0;
      Thread.sleep(1_000); // the JVM writes the dump on a thread of its own
      return sent;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL: the process gets no chance to clean up (crash tests). */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM (the service's clean shutdown), then SIGKILL after 30 s. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
