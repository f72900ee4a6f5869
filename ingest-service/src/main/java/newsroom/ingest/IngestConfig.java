package newsroom.ingest;

import java.util.Arrays;
import java.util.Set;
import newsroom.service.AccessControl;
import newsroom.service.KafkaSettings;
import newsroom.service.Settings;

/** ingest-service settings (environment variables, documented defaults). */
public record IngestConfig(KafkaSettings kafka, int port, AccessControl access, long maxBodyBytes, int ackTimeoutMs, Feeds feeds) {

  /** Feed polling and page fetching. */
  public record Feeds(boolean polling, int workers, int defaultIntervalSeconds, int fetchTimeoutMs, long fetchMaxBytes,
                      Set<String> allowedHosts, int politenessMs, int silentMinSeconds, int silentFactor) {}


  public static IngestConfig from(Settings settings) {
    IngestConfig config = new IngestConfig(
        KafkaSettings.from(settings),
        settings.integer("INGEST_PORT", 8081, 0, 65_535, "HTTP port of the ingest API (0 = any free port)"),
        AccessControl.from(settings),
        settings.bytes("INGEST_MAX_BODY_BYTES", 5L * 1024 * 1024,
            "Largest request body accepted; larger requests get 413"),
        settings.integer("INGEST_ACK_TIMEOUT_MS", 15_000, 1_000, 300_000,
            "How long to wait for Kafka to acknowledge an article before answering 503"),
        new Feeds(
            settings.flag("INGEST_FEED_POLLING", true,
                "Take part in polling the subscribed feeds (the instances that do share them out)"),
            settings.integer("INGEST_FEED_WORKERS", 8, 1, 256, "Feeds and pages fetched at the same time"),
            settings.integer("INGEST_FEED_INTERVAL_SECONDS", 900, 10, 86_400, "Default poll interval of a new feed"),
            settings.integer("INGEST_FETCH_TIMEOUT_MS", 20_000, 1_000, 300_000, "Deadline of one feed or page fetch"),
            settings.bytes("INGEST_FETCH_MAX_BYTES", 5L * 1024 * 1024, "Largest feed or page read (after decompression)"),
            Set.copyOf(Arrays.stream(settings.string("INGEST_FETCH_ALLOWED_HOSTS", "-",
                    "Hosts that may resolve to private addresses (comma-separated; '-' for none)").split(","))
                .map(String::strip).filter(h -> !h.isEmpty() && !h.equals("-")).toList()),
            settings.integer("INGEST_POLITENESS_MS", 1_000, 0, 60_000, "Pause between two requests to the same host"),
            settings.integer("INGEST_FEED_SILENT_MIN_SECONDS", 21_600, 1, 30 * 86_400,
                "A feed is never called silent before this long without a new item"),
            settings.integer("INGEST_FEED_SILENT_FACTOR", 4, 1, 100,
                "…and only after this many times its usual interval between items")));
    settings.validate();
    return config;
  }
}
