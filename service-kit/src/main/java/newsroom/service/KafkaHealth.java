package newsroom.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import newsroom.schemas.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What readiness needs to know about Kafka, checked every {@value #EVERY_SECONDS} s in the
 * background (a probe never waits on the brokers): whether they answer, and for the topics this
 * service writes, which partitions cannot take a write now (no leader, or fewer replicas in sync
 * than the topic's {@code min.insync.replicas}: the service is not ready) and how many are
 * under-replicated (still writable, one failure away from refusing: reported, still ready).
 * Optionally a consumer group's lag per topic: records not yet committed, the same figure on every
 * instance of the stage (take the max across instances, not the sum).
 */
public final class KafkaHealth implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaHealth.class);
  private static final int EVERY_SECONDS = 2;
  /** A check older than this (brokers not answering in time) counts as unreachable. */
  private static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** The last check: partitions of the written topics, those under-replicated, those that refuse writes. */
  private record Snapshot(boolean reachable, long at, int partitions, int underReplicated, List<String> unwritable) {}

  private record Lag(String stage, String group, List<String> topics) {}

  private final Admin admin;
  private final List<String> written;
  private final List<Lag> lags = new ArrayList<>();
  private final Map<String, Long> lagByTopic = new ConcurrentHashMap<>();
  private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("kafka-health").daemon().factory());
  private volatile Snapshot last = new Snapshot(false, System.nanoTime(), 0, 0, List.of());

  /** Watches the partitions of {@code written}; call {@link #start} once lags are declared. */
  public KafkaHealth(String bootstrapServers, List<Topic<?, ?>> written) {
    this.admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
    this.written = written.stream().map(Topic::name).toList();
  }

  /** Also measures how far {@code group} is behind on {@code topics}, as gauge newsroom.consumer.lag{stage, topic}. */
  public KafkaHealth measureLag(String stage, String group, List<Topic<?, ?>> topics, MeterRegistry metrics) {
    List<String> names = topics.stream().map(Topic::name).toList();
    lags.add(new Lag(stage, group, names));
    for (String topic : names) {
      Gauge.builder("newsroom.consumer.lag", lagByTopic, m -> m.getOrDefault(stage + "/" + topic, -1L))
          .tags("stage", stage, "topic", topic)
          .description("Records of the topic the stage's consumer group has not committed yet (-1: unknown)")
          .register(metrics);
    }
    return this;
  }

  /** Starts the background checks and the partition gauges. */
  public KafkaHealth start(MeterRegistry metrics) {
    Gauge.builder("newsroom.kafka.partitions.under.replicated", () -> last.underReplicated())
        .description("Partitions of the topics this service writes with fewer replicas in sync than assigned")
        .register(metrics);
    Gauge.builder("newsroom.kafka.partitions.unwritable", () -> last.unwritable().size())
        .description("Partitions of the topics this service writes that refuse writes now (no leader, or below min.insync.replicas)")
        .register(metrics);
    checker.scheduleWithFixedDelay(this::check, 0, EVERY_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  /** The brokers answered lately and every written partition takes writes. */
  public boolean ready() {
    Snapshot now = last;
    return now.reachable() && System.nanoTime() - now.at() < STALE_NANOS && now.unwritable().isEmpty();
  }

  /** What /health/ready shows about Kafka. */
  public Map<String, Object> report() {
    Snapshot now = last;
    Map<String, Object> report = new LinkedHashMap<>();
    boolean fresh = now.reachable() && System.nanoTime() - now.at() < STALE_NANOS;
    report.put("kafka", fresh ? "reachable" : "unreachable");
    if (fresh) {
      report.put("partitions", now.partitions());
      report.put("under_replicated_partitions", now.underReplicated());
      report.put("unwritable_partitions", now.unwritable());
    }
    if (!lags.isEmpty()) {
      report.put("consumer_lag", new LinkedHashMap<>(lagByTopic));
    }
    return report;
  }

  private void check() {
    try {
      Set<String> described = new LinkedHashSet<>(written); // one request for the written and the lag topics
      lags.forEach(lag -> described.addAll(lag.topics()));
      Map<String, TopicDescription> topics = new HashMap<>();
      for (var topic : admin.describeTopics(described).topicNameValues().entrySet()) {
        try {
          topics.put(topic.getKey(), topic.getValue().get(5, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          if (written.contains(topic.getKey())) {
            throw e;
          } // a topic only read, not there yet: no lag to tell
        }
      }
      Map<String, Integer> minInSync = minInSync();
      int partitions = 0;
      int underReplicated = 0;
      List<String> unwritable = new ArrayList<>();
      for (String name : written) {
        TopicDescription topic = topics.get(name);
        for (TopicPartitionInfo partition : topic.partitions()) {
          partitions++;
          int inSync = partition.isr().size();
          if (inSync < partition.replicas().size()) {
            underReplicated++;
          }
          if (partition.leader() == null || partition.leader().isEmpty() || inSync < minInSync.getOrDefault(topic.name(), 1)) {
            unwritable.add(topic.name() + "-" + partition.partition());
          }
        }
      }
      if (!unwritable.isEmpty() && last.unwritable().isEmpty()) {
        LOG.warn("partitions refuse writes (no leader or too few replicas in sync): {}", unwritable);
      }
      last = new Snapshot(true, System.nanoTime(), partitions, underReplicated, List.copyOf(unwritable));
      for (Lag lag : lags) {
        measure(lag, topics);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      last = new Snapshot(false, System.nanoTime(), 0, 0, List.of());
    }
  }

  private Map<String, Integer> minInSync() throws Exception {
    List<ConfigResource> resources = written.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<String, Integer> min = new HashMap<>();
    for (Map.Entry<ConfigResource, Config> entry : admin.describeConfigs(resources).all().get(5, TimeUnit.SECONDS).entrySet()) {
      var value = entry.getValue().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
      min.put(entry.getKey().name(), value == null ? 1 : Integer.parseInt(value.value()));
    }
    return min;
  }

  /** Lag = committed offset to the end of each partition; a partition never committed counts from its start. */
  private void measure(Lag lag, Map<String, TopicDescription> topics) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(lag.group())
        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    for (String name : lag.topics()) {
      TopicDescription topic = topics.get(name);
      if (topic == null) {
        continue;
      }
      for (TopicPartitionInfo partition : topic.partitions()) {
        TopicPartition tp = new TopicPartition(topic.name(), partition.partition());
        latest.put(tp, OffsetSpec.latest());
        earliest.put(tp, OffsetSpec.earliest());
      }
    }
    ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED); // transactions' markers aside
    var ends = admin.listOffsets(latest, committedOnly).all().get(5, TimeUnit.SECONDS);
    var starts = admin.listOffsets(earliest, committedOnly).all().get(5, TimeUnit.SECONDS);
    Map<String, Long> byTopic = new HashMap<>();
    for (TopicPartition tp : latest.keySet()) {
      OffsetAndMetadata at = committed.get(tp);
      long from = at == null ? starts.get(tp).offset() : at.offset();
      byTopic.merge(tp.topic(), Math.max(0, ends.get(tp).offset() - from), Long::sum);
    }
    byTopic.forEach((topic, value) -> lagByTopic.put(lag.stage() + "/" + topic, value));
  }

  @Override
  public void close() {
    checker.shutdownNow();
    admin.close();
  }
}
