package newsroom.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A real schema registry: Apicurio Registry (the Quarkus application Maven Central serves as
 * {@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all}), run as its own process on the JDK this
 * launcher runs on. Its storage is KafkaSQL: every schema lives in a Kafka topic ({@value #JOURNAL_TOPIC}),
 * so the registry survives restarts and several instances share one state. The services reach it through
 * its Confluent-compatible API ({@link #url()}).
 */
public final class SchemaRegistryNode implements AutoCloseable {
  /** The Kafka topic KafkaSQL keeps the registry's state in. */
  public static final String JOURNAL_TOPIC = "kafkasql-journal";
  /** What a registry checks new versions of a subject against when the subject sets nothing itself. */
  public static final String GLOBAL_COMPATIBILITY = "FULL_TRANSITIVE";

  private final ChildProcess process;
  private final String host;
  private final int port;

  private SchemaRegistryNode(ChildProcess process, String host, int port) {
    this.process = process;
    this.host = host;
    this.port = port;
  }

  /**
   * Unpacks the application under {@code workDir} (once), starts it on {@code port} of localhost (its health on
   * {@code port + 1}) with its state in the Kafka cluster at {@code kafkaBootstrap}, and returns at once.
   */
  public static SchemaRegistryNode launch(Path workDir, int port, String kafkaBootstrap, String heap, Path logFile)
      throws IOException {
    return launch(workDir, "localhost", port, kafkaBootstrap, heap, logFile);
  }

  /** {@link #launch}, listening on {@code host}: an address of this machine that network namespaces reach too. */
  public static SchemaRegistryNode launch(Path workDir, String host, int port, String kafkaBootstrap, String heap,
                                          Path logFile) throws IOException {
    String bind = host.equals("localhost") ? "127.0.0.1" : host;
    Files.createDirectories(workDir);
    Path home = unpack(workDir);
    ChildProcess process = ChildProcess.jar("the schema registry", heap, home.resolve("quarkus-run.jar"), home, List.of(
        "-Djava.io.tmpdir=" + Files.createDirectories(workDir.resolve("tmp")),
        "-Dquarkus.http.host=" + bind,
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.management.host=" + bind,
        "-Dquarkus.management.port=" + (port + 1),
        "-Dapicurio.storage.kind=kafkasql",
        "-Dapicurio.kafkasql.bootstrap.servers=" + kafkaBootstrap,
        "-Dapicurio.kafkasql.topic=" + JOURNAL_TOPIC), logFile).start();
    return new SchemaRegistryNode(process, host, port);
  }

  /** {@link #launch}, then waits until it is ready and sets its global compatibility. */
  public static SchemaRegistryNode start(Path workDir, int port, String kafkaBootstrap, String heap, Path logFile)
      throws IOException {
    return launch(workDir, port, kafkaBootstrap, heap, logFile).awaitReady();
  }

  /** The Confluent-compatible API: what SCHEMA_REGISTRY_URL names. */
  public String url() {
    return "http://" + host + ":" + port + "/apis/ccompat/v7";
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.alive();
  }

  /**
   * Waits (up to three minutes: KafkaSQL first reads its whole journal) until the registry is ready, then
   * makes {@value #GLOBAL_COMPATIBILITY} its global compatibility (Apicurio's default is none); stops it if not.
   */
  public SchemaRegistryNode awaitReady() throws IOException {
    try {
      process.awaitReady("http://" + host + ":" + (port + 1) + "/health/ready", Duration.ofSeconds(180));
      setGlobalCompatibility();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  private void setGlobalCompatibility() throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/config")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + GLOBAL_COMPATIBILITY + "\"}")).build();
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the schema registry refused its global compatibility (HTTP "
            + response.statusCode() + ": " + response.body() + "); see " + process.logFile());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while configuring the schema registry", e);
    }
  }

  /** SIGKILL: a crash, not a shutdown. */
  public void kill() throws InterruptedException {
    process.kill();
  }

  /** SIGTERM, then SIGKILL after 30 s. */
  @Override
  public void close() {
    process.close();
  }

  private static Path unpack(Path workDir) throws IOException {
    String version = Versions.apicurioRegistry();
    Path home = workDir.resolve("apicurio-registry-" + version);
    if (Files.exists(home.resolve("quarkus-run.jar"))) {
      return home;
    }
    Path archive = Distributions.find("newsroom.apicurio.tgz", "apicurio-registry-app-" + version + "-all.tar.gz");
    Path staging = Files.createTempDirectory(workDir, "unpack");
    try (InputStream file = Files.newInputStream(archive);
         TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        Path target = staging.resolve(entry.getName()).normalize();
        if (!target.startsWith(staging)) {
          throw new IOException("unsafe path in " + archive + ": " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.move(staging, home);
    return home;
  }
}
