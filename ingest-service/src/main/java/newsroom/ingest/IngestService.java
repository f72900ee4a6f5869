package newsroom.ingest;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import newsroom.schemas.Topics;
import newsroom.service.KafkaHealth;
import newsroom.service.ServiceHttp;

/** A running ingest-service: the HTTP API in front of the Kafka producer. */
public final class IngestService implements AutoCloseable {
  private final ArticlePublisher publisher;
  private final KafkaHealth kafkaHealth;
  private final Javalin http;

  private IngestService(IngestConfig config) {
    config.kafka().ensureTopics(List.of(Topics.ARTICLES_INGESTED, Topics.INGEST_REJECTED));
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    this.publisher = new ArticlePublisher(config);
    this.kafkaHealth = new KafkaHealth(config.kafka().bootstrapServers());
    ArticleParser parser = new ArticleParser(ServiceHttp.JSON, new LanguageDetection());
    IngestApi api = new IngestApi(config, parser, publisher, Clock.systemUTC(), metrics);
    this.http = ServiceHttp.start("ingest-service", config.port(), metrics, new ServiceHttp.Health(() -> true, kafkaHealth::reachable), api::routes);
  }

  public static IngestService start(IngestConfig config) {
    return new IngestService(config);
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
    publisher.close();
    kafkaHealth.close();
  }
}
