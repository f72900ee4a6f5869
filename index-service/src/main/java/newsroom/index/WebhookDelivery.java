package newsroom.index;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import newsroom.events.AlertEvent;
import newsroom.events.AlertSubscription;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.SchemaRegistry;
import newsroom.schemas.Topics;
import newsroom.service.KafkaSettings;
import newsroom.service.PublicAddressResolver;
import newsroom.service.ServiceHttp;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs the alerts of news.alerts to their subscription's webhook, signed: {@code
 * X-Newsroom-Signature: sha256=HEX}, the HMAC-SHA256 of {@code TIMESTAMP.BODY} with the alert's secret,
 * and {@code X-Newsroom-Timestamp} (seconds), so a receiver can check both origin and freshness.
 * Connections go only to public addresses (checked on the addresses connected to, like feed
 * fetching) unless the host is allowed. A failed delivery (no answer, 429 or 5xx) is retried with
 * exponential backoff and jitter, {@value #ATTEMPTS} attempts in all, without holding up other
 * alerts; other answers are final. Offsets are committed only past deliveries that are over, so a
 * restart delivers again what was in hand (at least once: receivers de-duplicate). The alert itself
 * stays on news.alerts either way.
 */
final class WebhookDelivery implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  static final int ATTEMPTS = 7;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final KafkaConsumer<String, AlertEvent> consumer;
  private final Function<String, AlertSubscription> subscriptions;
  private final HttpClient http;
  private final MeterRegistry metrics;
  private final PendingOffsets offsets = new PendingOffsets();

  WebhookDelivery(KafkaSettings kafka, EventSerdes serdes, String groupId, Function<String, AlertSubscription> subscriptions,
                  Set<String> allowedHosts, MeterRegistry metrics) throws Exception {
    this.subscriptions = subscriptions;
    this.metrics = metrics;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, groupId,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), // a new deployment does not replay old alerts to webhooks
        new StringDeserializer(), serdes.values(Topics.ALERTS).deserializer());
    this.http = new HttpClient();
    http.setSocketAddressResolver(new PublicAddressResolver(allowedHosts));
    http.setFollowRedirects(false); // a redirect could lead anywhere
    http.setConnectTimeout(TIMEOUT.toMillis());
    http.start();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(Topics.ALERTS.name()));
      while (!Thread.currentThread().isInterrupted()) {
        ConsumerRecords<String, AlertEvent> records;
        try {
          records = consumer.poll(Duration.ofSeconds(1));
        } catch (RecordDeserializationException e) {
          skipOrWait(e);
          continue;
        }
        for (ConsumerRecord<String, AlertEvent> record : records) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          AlertSubscription subscription = record.value() == null ? null : subscriptions.apply(record.value().getAlertId());
          if (subscription != null && subscription.getWebhookUrl() != null) {
            String body = ServiceHttp.toJson(json(record.value()));
            offsets.started(partition, record.offset());
            Thread.ofVirtual().start(() -> {
              try {
                deliver(subscription, body, 1);
              } finally {
                offsets.finished(partition, record.offset());
              }
            });
          }
          offsets.read(partition, record.offset());
        }
        // Only past deliveries that are over: a restart delivers the ones in hand again, never loses them.
        var committable = new java.util.HashMap<>(offsets.committable());
        committable.keySet().retainAll(consumer.assignment());
        consumer.commitSync(committable);
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /**
   * An alert that cannot be read: a registry out of reach is waited for (the consumer stays at the record
   * and reads it again); a record that is not an alert is skipped, with a warning.
   */
  private void skipOrWait(RecordDeserializationException e) {
    var registry = SchemaRegistry.RegistryException.in(e).filter(SchemaRegistry.RegistryException::retriable);
    if (registry.isPresent()) {
      LOG.warn("alerts wait for the schema registry: {}", registry.get().getMessage());
      sleep(2_000);
    } else {
      LOG.warn("skipping {}-{}@{}: not a readable alert ({})", e.topicPartition().topic(), e.topicPartition().partition(),
          e.offset(), e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }

    private void deliver(AlertSubscription subscription, String body, int attempt) {
    String url = subscription.getWebhookUrl();
    boolean retry;
    String outcome;
    try {
      String timestamp = Long.toString(System.currentTimeMillis() / 1000);
      ContentResponse response = http.POST(url).timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .headers(h -> h.put("X-Newsroom-Alert-Id", subscription.getId()).put("X-Newsroom-Timestamp", timestamp)
              .put("X-Newsroom-Signature", "sha256=" + sign(subscription.getWebhookSecret(), timestamp + "." + body)))
          .body(new StringRequestContent("application/json", body, StandardCharsets.UTF_8)).send();
      int status = response.getStatus();
      retry = status == 429 || status >= 500;
      outcome = status / 100 == 2 ? "delivered" : "HTTP " + status;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      retry = !(cause instanceof PublicAddressResolver.Refused);
      outcome = cause instanceof PublicAddressResolver.Refused ? "refused address" : cause.toString();
    }
    if (outcome.equals("delivered")) {
      metrics.counter("webhook.deliveries", "outcome", "delivered").increment();
    } else if (retry && attempt < ATTEMPTS) {
      long base = FIRST_RETRY.toMillis() << (attempt - 1);
      sleep(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
      deliver(subscription, body, attempt + 1);
    } else {
      metrics.counter("webhook.deliveries", "outcome", "failed").increment();
      LOG.warn("alert {}: webhook {} failed after {} attempt(s): {}", subscription.getId(), url, attempt, outcome);
    }
  }

  static String sign(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /** The alert as the webhook's JSON body (field names as in the AlertEvent schema). */
  static Map<String, Object> json(AlertEvent alert) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("alert_id", alert.getAlertId());
    body.put("alert_name", alert.getAlertName());
    body.put("kind", alert.getKind().name());
    body.put("story_id", alert.getStoryId());
    body.put("articles", alert.getArticles().stream().map(a -> {
      Map<String, Object> article = new LinkedHashMap<>();
      article.put("id", a.getId());
      article.put("title", a.getTitle());
      article.put("source", a.getSource());
      article.put("url", a.getUrl());
      article.put("published_at", a.getPublishedAt() == null ? null : a.getPublishedAt().toString());
      return article;
    }).toList());
    body.put("raised_at", alert.getRaisedAt().toString());
    return body;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      http.stop();
    } catch (Exception e) {
      LOG.warn("stopping the webhook client: {}", e.toString());
    }
  }
}
