package newsroom.index;

import newsroom.service.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: configuration from the environment, clean stop on SIGTERM. */
public final class IndexMain {
  private static final Logger LOG = LoggerFactory.getLogger(IndexMain.class);

  private IndexMain() {}

  public static void main(String[] args) {
    IndexConfig config = IndexConfig.from(Settings.fromEnvironment());
    IndexService service = IndexService.start(config);
    LOG.info("index-service listening on port {}", service.port());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("index-service stopping");
      service.close();
    }, "shutdown"));
  }
}
