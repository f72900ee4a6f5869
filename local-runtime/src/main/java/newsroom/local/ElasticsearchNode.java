package newsroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Elasticsearch node (the official integ-test distribution from Maven Central), alone or one
 * of a local cluster ({@link ElasticsearchCluster}), run as its own process on the JDK this launcher runs on. Elasticsearch refuses to run as root, so
 * when we are root it runs as the unprivileged user {@value #SYSTEM_USER}, created on first use.
 */
public final class ElasticsearchNode implements AutoCloseable {
  public static final String SYSTEM_USER = "newsroom-es";

  private final Process process;
  private final int port;
  private final Path logFile;

  private ElasticsearchNode(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
  }

  /**
   * Unpacks the distribution under {@code workDir} (once), starts the node and waits until it
   * answers. Data and logs live in {@code workDir} and survive restarts.
   */
  public static ElasticsearchNode start(Path workDir, int httpPort, String heap, Path logFile) throws IOException {
    return launch(workDir, workDir, httpPort, heap, logFile, List.of(
        "-Enode.name=local",
        "-Ediscovery.type=single-node",
        "-Etransport.port=" + (httpPort + 100))).awaitHealthy();
  }

  /**
   * Node {@code node} (from 1) of a local cluster, sharing the distribution unpacked under
   * {@code workDir}; its data and logs are in {@code workDir/node-N}. Returns at once: a new cluster
   * elects its first master only once most of its nodes run ({@link #awaitHealthy()} waits for that).
   */
  public static ElasticsearchNode launch(Path workDir, ElasticsearchCluster cluster, int node, String heap, Path logFile)
      throws IOException {
    return launch(workDir, workDir.resolve("node-" + node), cluster.httpPort(node), heap, logFile, List.of(
        "-Enode.name=" + cluster.nodeName(node),
        "-Etransport.port=" + cluster.transportPort(node),
        "-Ediscovery.seed_hosts=" + cluster.seedHosts(),
        "-Ecluster.initial_master_nodes=" + cluster.initialMasterNodes()));
  }

  private static ElasticsearchNode launch(Path workDir, Path nodeDir, int httpPort, String heap, Path logFile,
                                         List<String> nodeSettings) throws IOException {
    Files.createDirectories(workDir);
    Path home = unpack(workDir);
    Path data = Files.createDirectories(nodeDir.resolve("data"));
    Path logs = Files.createDirectories(nodeDir.resolve("logs"));
    Path tmp = Files.createDirectories(nodeDir.resolve("tmp")); // not a new /tmp/elasticsearch-* at every start
    // Nodes of one distribution each need a config folder: they write their keystore there at start.
    Path config = nodeDir.equals(workDir) ? home.resolve("config") : copyOnce(home.resolve("config"), nodeDir.resolve("config"));
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      ensureSystemUser();
      run("chown", "-R", SYSTEM_USER, workDir.toString());
      requireAccess(workDir);
    }
    List<String> command = new ArrayList<>();
    if (root) {
      command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
    }
    command.addAll(List.of(home.resolve("bin/elasticsearch").toString(),
        "-Ecluster.name=newsroom-local",
        "-Expack.security.enabled=false",
        "-Ehttp.host=127.0.0.1",
        "-Etransport.host=127.0.0.1",
        "-Ehttp.port=" + httpPort,
        "-Epath.data=" + data,
        "-Epath.logs=" + logs,
        "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
    command.addAll(nodeSettings);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("ES_PATH_CONF", config.toString());
    builder.environment().put("ES_TMPDIR", tmp.toString());
    builder.environment().put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    return new ElasticsearchNode(builder.start(), httpPort, logFile);
  }

  /** The process started for the node (runuser or the launcher script); the JVM is among its descendants. */
  public long pid() {
    return process.pid();
  }

  public String url() {
    return "http://localhost:" + port;
  }

  /** Waits (up to two minutes) until the node answers and its cluster is at least yellow; stops the node if not. */
  public ElasticsearchNode awaitHealthy() throws IOException {
    try {
      Ports.awaitHttpOk("Elasticsearch", process, url() + "/_cluster/health?wait_for_status=yellow&timeout=2s",
          Duration.ofSeconds(120), logFile);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** SIGKILL to the node's JVM and the processes around it: a crash, not a shutdown. */
  public void kill() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    all.forEach(p -> p.onExit().join());
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Stops the node and every process it started (runuser, the launcher script, the JVM). */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : all) {
      try {
        handle.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
  }

  private static Path copyOnce(Path from, Path to) throws IOException {
    if (!Files.exists(to)) {
      Path staging = Files.createTempDirectory(to.getParent(), "config");
      try (var files = Files.walk(from)) {
        for (Path file : files.toList()) {
          Files.copy(file, staging.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(staging, to);
    }
    return to;
  }

  private static Path unpack(Path workDir) throws IOException {
    String version = Versions.elasticsearch();
    Path home = workDir.resolve("elasticsearch-" + version);
    if (Files.exists(home.resolve("bin/elasticsearch"))) {
      return home;
    }
    Path zip = Distributions.find("newsroom.elasticsearch.zip", "elasticsearch-" + version + ".zip");
    Path staging = Files.createTempDirectory(workDir, "unpack");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path target = staging.resolve(entry.getName()).normalize();
        if (!target.startsWith(staging)) {
          throw new IOException("unsafe path in " + zip + ": " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    // Zip entries carry no Unix modes here: the launch scripts and the bundled native tools need them.
    try (var files = Files.walk(staging)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String parent = file.getParent().getFileName().toString();
        if (parent.equals("bin") || file.toString().contains("/native/")) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
    Files.move(staging.resolve("elasticsearch-" + version), home);
    Files.delete(staging);
    return home;
  }

  private static void ensureSystemUser() throws IOException {
    if (run("id", "-u", SYSTEM_USER) != 0) {
      int status = run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER);
      if (status != 0) {
        throw new IllegalStateException("Elasticsearch cannot run as root and creating the user " + SYSTEM_USER
            + " failed; create it (useradd --system " + SYSTEM_USER + ") or run as a normal user");
      }
    }
  }

  private static void requireAccess(Path workDir) throws IOException {
    if (run("runuser", "-u", SYSTEM_USER, "--", "test", "-w", workDir.toString()) != 0) {
      throw new IllegalStateException("the Elasticsearch user " + SYSTEM_USER + " cannot reach " + workDir
          + " (a parent folder is not world-executable); put the data folder elsewhere with --data DIR");
    }
  }

  private static int run(String... command) throws IOException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + String.join(" ", command), e);
    }
  }
}
