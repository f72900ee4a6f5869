package newsroom.ingest;

import java.lang.management.ManagementFactory;
import newsroom.service.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: configuration from the environment, clean stop on SIGTERM. */
public final class IngestMain {
  private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

  private IngestMain() {}

  public static void main(String[] args) {
    IngestConfig config = IngestConfig.from(Settings.fromEnvironment());
    IngestService service = IngestService.start(config);
    LOG.info("ingest-service listening on port {}, {} ms after the JVM started", service.port(),
        ManagementFactory.getRuntimeMXBean().getUptime());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("ingest-service stopping");
      service.close();
    }, "shutdown"));
  }
}
