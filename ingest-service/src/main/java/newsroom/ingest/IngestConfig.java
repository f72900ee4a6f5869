package newsroom.ingest;

import newsroom.service.KafkaSettings;
import newsroom.service.Settings;

/** ingest-service settings (environment variables, documented defaults). */
public record IngestConfig(KafkaSettings kafka, int port, long maxBodyBytes, int ackTimeoutMs) {

  public static IngestConfig from(Settings settings) {
    IngestConfig config = new IngestConfig(
        KafkaSettings.from(settings),
        settings.integer("INGEST_PORT", 8081, 0, 65_535, "HTTP port of the ingest API (0 = any free port)"),
        settings.bytes("INGEST_MAX_BODY_BYTES", 5L * 1024 * 1024,
            "Largest request body accepted; larger requests get 413"),
        settings.integer("INGEST_ACK_TIMEOUT_MS", 15_000, 1_000, 300_000,
            "How long to wait for Kafka to acknowledge an article before answering 503"));
    settings.validate();
    return config;
  }
}
