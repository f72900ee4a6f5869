package newsroom.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Kafka Connect worker as a data team runs one: its own process and class path, the
 * configuration of connect-example (src/main/connect) pointed at the test stack, Apicurio's Avro
 * converter as an isolated plugin and Apache Kafka's file sink. No code of ours runs in it.
 */
final class ConnectWorker implements AutoCloseable {
  private static final Path EXAMPLE = Path.of("../connect-example");
  private final Process process;
  private final Path folder;
  private final Path sinkFile;

  private ConnectWorker(Process process, Path folder, Path sinkFile) {
    this.process = process;
    this.folder = folder;
    this.sinkFile = sinkFile;
  }

  /** Starts the worker with the file sink of news.articles.enriched, read from its beginning by a group of its own. */
  static ConnectWorker fileSink(Infra infra, String name) throws IOException {
    Path folder = Files.createTempDirectory("newsroom-connect-");
    Path sinkFile = folder.resolve("enriched-articles.txt");
    Properties worker = load("worker.properties");
    worker.setProperty("bootstrap.servers", infra.kafkaBootstrap());
    worker.setProperty("offset.storage.file.filename", folder.resolve("offsets").toString());
    worker.setProperty("plugin.path", EXAMPLE.resolve("target/connect/plugins").toAbsolutePath().toString());
    worker.setProperty("listeners", "http://127.0.0.1:" + Ports.free());
    // The converter asks Apicurio's own API (v2) for the schema a record's id names.
    worker.setProperty("value.converter.apicurio.registry.url",
        infra.schemaRegistryUrl().replace("/apis/ccompat/v7", "/apis/registry/v2"));
    Properties sink = load("file-sink.properties");
    sink.setProperty("name", name);
    sink.setProperty("file", sinkFile.toString());
    Path workerFile = store(worker, folder.resolve("worker.properties"));
    Path sinkConfig = store(sink, folder.resolve("file-sink.properties"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", EXAMPLE.resolve("target/connect/lib").toAbsolutePath() + "/*",
        "org.apache.kafka.connect.cli.ConnectStandalone", workerFile.toString(), sinkConfig.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(folder.resolve("worker.log").toFile()).start();
    return new ConnectWorker(process, folder, sinkFile);
  }

  /**
   * What the sink wrote so far of the article {@code id}'s event (Connect's Struct text of it, up to the next
   * record), or "" while it has not; fails if the worker exited.
   */
  String record(String id) throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("the Connect worker exited with " + process.exitValue() + ":\n" + log());
    }
    String landed = Files.exists(sinkFile) ? Files.readString(sinkFile) : "";
    int start = landed.indexOf("id=" + id);
    if (start < 0) {
      return "";
    }
    int next = landed.indexOf("Struct{article=", start);
    return landed.substring(start, next < 0 ? landed.length() : next);
  }

  String log() throws IOException {
    return Files.readString(folder.resolve("worker.log"));
  }

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(EXAMPLE.resolve("src/main/connect").resolve(name))) {
      properties.load(in);
    }
    return properties;
  }

  private static Path store(Properties properties, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file)) {
      properties.store(out, null);
    }
    return file;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    TestFolders.deleteQuietly(folder);
  }
}
