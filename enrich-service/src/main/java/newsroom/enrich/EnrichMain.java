package newsroom.enrich;

import java.util.concurrent.CountDownLatch;
import newsroom.service.Settings;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: configuration from the environment, clean stop on SIGTERM, exit 1 if the app dies. */
public final class EnrichMain {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichMain.class);

  private EnrichMain() {}

  public static void main(String[] args) throws InterruptedException {
    EnrichConfig config = EnrichConfig.from(Settings.fromEnvironment());
    EnrichService service = EnrichService.start(config);
    LOG.info("enrich-service started; health and metrics on port {}", service.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("enrich-service stopping");
      service.close();
      stopped.countDown();
    }, "shutdown"));
    while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
      if (service.state() == KafkaStreams.State.ERROR) {
        LOG.error("Kafka Streams is in ERROR state; exiting so a supervisor restarts the service");
        System.exit(1);
      }
    }
  }
}
