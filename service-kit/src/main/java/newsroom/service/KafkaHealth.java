package newsroom.service;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Answers "can we reach Kafka right now?" for readiness probes, at most once a second. */
public final class KafkaHealth implements AutoCloseable {
  private final Admin admin;
  private volatile long checkedAt;
  private volatile boolean reachable;

  public KafkaHealth(String bootstrapServers) {
    this.admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000));
  }

  public boolean reachable() {
    long now = System.nanoTime();
    if (now - checkedAt > TimeUnit.SECONDS.toNanos(1)) {
      try {
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).clusterId().get(2, TimeUnit.SECONDS);
        reachable = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reachable = false;
      } catch (Exception e) {
        reachable = false;
      }
      checkedAt = now;
    }
    return reachable;
  }

  @Override
  public void close() {
    admin.close();
  }
}
