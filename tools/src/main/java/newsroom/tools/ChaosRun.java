package newsroom.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.enrich.EnrichConfig;
import newsroom.local.NetworkNamespace;
import newsroom.schemas.Topics;
import newsroom.service.ServiceHttp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A fault-injection run on a local cluster: distinct generated articles at a steady rate while each
 * service instance, the leader broker of the ingested articles' first partition and one
 * Elasticsearch node are SIGKILLed and started again, and (where network namespaces can be made)
 * one enrich instance is cut off the network for a while; then every accepted id is looked for in the
 * index and among the committed enriched events. A well-behaved client retries what was not
 * acknowledged (ids are stable, so a retry never duplicates). A feed subscribed meanwhile shows
 * whether feed polling moves to a live instance without a gap and without being doubled.
 */
public final class ChaosRun {
  /** Where instance ports start: far from {@code ./newsroom up}'s, so that both can run. */
  public static final int DEFAULT_BASE_PORT = 29_000;

  /**
   * What to run: the cluster's size, the traffic, and how many times each service instance is killed.
   * Ports: Kafka from {@code basePort}, Elasticsearch from +20 (transport +120), services from +30.
   */
  public record Plan(int brokers, int elasticsearchNodes, int instances, int articles, double rate, int killsPerInstance,
                     Duration downtime, Duration cut, Path home, int basePort) {}

  /** The instance the network cut isolates: enrich, whose transactions and tasks a partition tests hardest. */
  static final String CUT_SERVICE = "enrich-service-2";
  private static final String CUT = "network cut";

  /** One fault and how long the part took to be ready again, from the kill. */
  public record Fault(String what, Duration recovery) {}

  /** What came out. */
  public record Report(int accepted, int indexed, int lost, long extra, int enrichedEvents, int duplicated,
                       List<Fault> faults, Duration longestDelay, Duration medianDelay, double articlesPerSecond,
                       ChaosFeed.Polls feed, List<String> unhealthy) {
    public boolean clean() {
      return lost == 0 && extra == 0 && duplicated == 0 && unhealthy.isEmpty() && feed.steady();
    }
  }

  private final Plan plan;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String run = "chaos" + UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> searchableAt = new ConcurrentHashMap<>();
  private long start; // when the traffic begins, once the cluster runs
  private LocalStack stack;
  private NetworkNamespace namespace; // null: no network cut in this run
  private ChaosFeed feed;
  private String key;

  private ChaosRun(Plan plan, PrintStream out) {
    this.plan = plan;
    this.out = out;
  }

  /** Starts the cluster in {@code plan.home()}, runs the plan, stops the cluster and says what happened. */
  public static Report run(Plan plan, PrintStream out) throws Exception {
    return new ChaosRun(plan, out).run();
  }

  private Report run() throws Exception {
    int base = plan.basePort();
    LocalStack.Layout layout = new LocalStack.Layout(plan.home(), plan.brokers(), plan.elasticsearchNodes(),
        plan.instances(), base, base + 20, base + 30, base + 31, base + 32, base + 40, "256m", "384m", "256m", "1024m");
    stack = new LocalStack(layout, step -> out.println("chaos: starting " + step + " …"))
        .serviceSetting("INGEST_FETCH_ALLOWED_HOSTS", ChaosFeed.HOST);
    if (!plan.cut().isZero() && plan.brokers() > 1 && plan.instances() > 1) {
      Optional<String> why = NetworkNamespace.unavailable();
      if (why.isPresent()) {
        out.println("chaos: no network cut: " + why.get());
      } else {
        namespace = NetworkNamespace.create("nrc" + base, base / 100 % 256);
        stack.isolate(CUT_SERVICE, namespace);
      }
    }
    try (NetworkNamespace isolation = namespace; LocalStack started = stack.start(); ChaosFeed polled = new ChaosFeed()) {
      key = Files.readString(plan.home().resolve(LocalKey.KEY_FILE)).strip();
      feed = polled;
      feed.subscribe(http, stack.ingestUrl(1), key);
      start = System.nanoTime();
      out.printf("chaos %s: %d articles at %.1f/s; faults:%s%n", run, plan.articles(), plan.rate(),
          String.join(", ", plannedFaults()));
      ExecutorService threads = Executors.newCachedThreadPool();
      try {
        Future<?> traffic = threads.submit(() -> {
          send();
          return null;
        });
        Future<?> watcher = threads.submit(() -> {
          watchSearchable(traffic);
          return null;
        });
        List<Fault> faults = inject();
        traffic.get();
        watcher.get();
        return report(faults);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  // ---- traffic ----

  private void send() throws Exception {
    ArticleGenerator generator = new ArticleGenerator(new Random(run.hashCode()));
    AtomicInteger next = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    List<Future<?>> running = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      running.add(senders.submit(() -> {
        for (int n = next.getAndIncrement(); n < plan.articles(); n = next.getAndIncrement()) {
          long due = start + (long) (n / plan.rate() * 1e9);
          Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
          Map<String, Object> article;
          synchronized (generator) {
            article = generator.article(run, n);
          }
          acceptedAt.put(sendUntilAccepted(article, n), System.nanoTime());
        }
        return null;
      }));
    }
    for (Future<?> sender : running) {
      sender.get();
    }
    senders.shutdown();
  }

  /** Tries the instances in turn until one acknowledges (202); a killed one refuses, a slow one times out. */
  private String sendUntilAccepted(Map<String, Object> article, int n) throws InterruptedException {
    String json;
    try {
      json = ServiceHttp.JSON.writeValueAsString(article);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (int attempt = 0; ; attempt++) {
      String ingest = stack.ingestUrl(1 + (n + attempt) % plan.instances());
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest + "/v1/articles"))
            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202) {
          return ServiceHttp.JSON.readTree(response.body()).path("id").asText();
        }
      } catch (IOException e) {
        // that instance is down: the next one
      }
      Thread.sleep(Math.min(2_000, 100L * (attempt + 1)));
    }
  }

  /** Notes when each accepted article is first found by search (refreshed, not only stored), every two seconds. */
  private void watchSearchable(Future<?> traffic) throws Exception {
    Duration patience = Duration.ofMinutes(10);
    long lastNews = System.nanoTime();
    long lastProgress = 0;
    int lastSeen = 0;
    while (!traffic.isDone() || searchableAt.size() < acceptedAt.size()) {
      List<String> pending = acceptedAt.keySet().stream().filter(id -> !searchableAt.containsKey(id)).limit(1_000).toList();
      if (!pending.isEmpty()) {
        long now = System.nanoTime();
        found(pending).forEach(id -> searchableAt.putIfAbsent(id, now));
      }
      if (searchableAt.size() > lastSeen) {
        lastSeen = searchableAt.size();
        lastNews = System.nanoTime();
      } else if (traffic.isDone() && System.nanoTime() - lastNews > patience.toNanos()) {
        out.printf("chaos: nothing new became searchable in %d minutes; giving up%n", patience.toMinutes());
        return;
      }
      if (System.nanoTime() - lastProgress > 10e9) {
        lastProgress = System.nanoTime();
        out.printf("  %6.1f s  accepted %d/%d  searchable %d%n", (System.nanoTime() - start) / 1e9, acceptedAt.size(),
            plan.articles(), searchableAt.size());
      }
      Thread.sleep(2_000);
    }
  }

  /** Which of {@code ids} search finds now, asking each Elasticsearch node in turn until one answers. */
  private List<String> found(List<String> ids) {
    ObjectNode query = ServiceHttp.JSON.createObjectNode();
    var values = query.putObject("query").putObject("ids").putArray("values");
    ids.forEach(values::add);
    query.put("size", ids.size()).put("_source", false);
    JsonNode result = elasticsearch("/news-articles/_search", query.toString());
    List<String> found = new ArrayList<>();
    result.path("hits").path("hits").forEach(hit -> found.add(hit.path("_id").asText()));
    return found;
  }

  private JsonNode elasticsearch(String path, String body) {
    for (String node : stack.elasticsearchUrls().split(",")) {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node + path))
            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return ServiceHttp.JSON.readTree(response.body());
        }
      } catch (IOException e) {
        // that node is down: the next one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return ServiceHttp.JSON.createObjectNode();
  }

  // ---- faults ----

  private List<String> plannedFaults() {
    List<String> faults = new ArrayList<>();
    for (int round = 1; round <= plan.killsPerInstance(); round++) {
      for (int i = 1; i <= plan.instances(); i++) {
        for (String service : List.of("ingest-service", "enrich-service", "index-service")) {
          faults.add(service + (plan.instances() == 1 ? "" : "-" + i));
        }
      }
      if (round == 1 && plan.brokers() > 1) {
        faults.add("the leader broker");
      }
      if (round == 1) { // the services keep the schemas they use cached; new ones wait for it
        faults.add(plan.instances() == 1 ? "schema-registry" : "schema-registry-" + plan.instances());
      }
      if (round == 1 && plan.elasticsearchNodes() > 1) {
        faults.add("elasticsearch-" + plan.elasticsearchNodes());
      }
      if (round == 1 && namespace != null) {
        faults.add(CUT);
      }
    }
    return faults;
  }

  /** The faults one after another, spread over the first four fifths of the traffic. */
  private List<Fault> inject() throws Exception {
    List<String> planned = plannedFaults();
    double window = plan.articles() / plan.rate() * 0.8;
    List<Fault> done = new ArrayList<>();
    for (int f = 0; f < planned.size(); f++) {
      long due = start + (long) ((f + 1) * window / (planned.size() + 1) * 1e9);
      Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
      if (planned.get(f).equals(CUT)) {
        done.add(cut());
        continue;
      }
      String target = planned.get(f).equals("the leader broker") ? leaderBroker() : planned.get(f);
      long killed = System.nanoTime();
      stack.kill(target);
      Thread.sleep(plan.downtime().toMillis());
      stack.restart(target);
      Duration recovery = Duration.ofNanos(System.nanoTime() - killed);
      String what = "kill -9 " + target + (planned.get(f).equals("the leader broker") ? " (leader of "
          + Topics.ARTICLES_INGESTED.name() + "-0)" : "");
      done.add(new Fault(what, recovery));
      out.printf("chaos: %-60s ready again after %5.1f s%n", what, recovery.toMillis() / 1e3);
    }
    return done;
  }

  /**
   * Cuts the isolated instance off the brokers for longer than its group's session timeout, so that
   * its tasks move to the other instance and it comes back a zombie whose transactions are fenced.
   */
  private Fault cut() throws IOException {
    namespace.cut();
    try {
      Thread.sleep(plan.cut().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      namespace.restore();
    }
    long back = System.nanoTime();
    awaitEnrichGroupWhole();
    stack.awaitReady(CUT_SERVICE);
    Fault fault = new Fault("cut " + CUT_SERVICE + " off the network for " + plan.cut().toSeconds() + " s",
        Duration.ofNanos(System.nanoTime() - back));
    out.printf("chaos: %-60s back in its group %5.1f s after the link came back%n", fault.what(), fault.recovery().toMillis() / 1e3);
    return fault;
  }

  /**
   * Until the enrich group is stable with every instance in it: right after the link comes back the
   * cut instance still believes it is running, until the brokers tell it it was dropped.
   */
  private void awaitEnrichGroupWhole() {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
      while (System.nanoTime() < deadline) {
        try {
          var group = admin.describeConsumerGroups(List.of(EnrichConfig.DEFAULT_APPLICATION_ID)).all().get()
              .get(EnrichConfig.DEFAULT_APPLICATION_ID);
          // one member per stream thread: count the processes (the client id's prefix) instead
          long instances = group.members().stream().map(m -> m.clientId().replaceAll("-StreamThread-\\d+-consumer$", ""))
              .distinct().count();
          if (group.groupState() == GroupState.STABLE && instances == plan.instances()) {
            return;
          }
        } catch (ExecutionException e) {
          // the coordinator is moving: ask again
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.println("chaos: the enrich group did not get every instance back within 3 minutes");
  }

  private String leaderBroker() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
      int leader = admin.describeTopics(List.of(Topics.ARTICLES_INGESTED.name())).allTopicNames().get()
          .get(Topics.ARTICLES_INGESTED.name()).partitions().getFirst().leader().id();
      return "kafka-" + leader;
    }
  }

  // ---- the verdict ----

  private Report report(List<Fault> faults) throws Exception {
    Set<String> accepted = acceptedAt.keySet();
    int indexed = (int) accepted.stream().filter(searchableAt::containsKey).count();
    ObjectNode count = ServiceHttp.JSON.createObjectNode();
    count.putObject("query").putObject("prefix").put("canonical_url", "https://bench.newsroom.invalid/" + run + "/");
    long inIndex = elasticsearch("/news-articles/_count", count.toString()).path("count").asLong(-1);
    Map<String, Integer> events = enrichedEvents(accepted);
    int duplicated = events.values().stream().mapToInt(n -> n - 1).sum();
    List<Long> delays = new ArrayList<>();
    accepted.forEach(id -> {
      if (searchableAt.containsKey(id)) {
        delays.add(Math.max(0, searchableAt.get(id) - acceptedAt.get(id)));
      }
    });
    Collections.sort(delays);
    long last = searchableAt.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
    return new Report(accepted.size(), indexed, accepted.size() - indexed, Math.max(0, inIndex - indexed),
        events.values().stream().mapToInt(Integer::intValue).sum(), duplicated, faults,
        Duration.ofNanos(delays.isEmpty() ? 0 : delays.getLast()), Duration.ofNanos(delays.isEmpty() ? 0 : delays.get(delays.size() / 2)),
        accepted.size() / ((last - start) / 1e9), feed.polls(), unhealthy());
  }

  /** Committed enriched events per accepted id, read from the beginning to the end as it is now. */
  private Map<String, Integer> enrichedEvents(Set<String> ids) {
    Map<String, Integer> counts = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.ARTICLES_ENRICHED.name(), Duration.ofSeconds(30))
          .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (ids.contains(record.key())) {
            counts.merge(record.key(), 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  /**
   * The parts that are not ready at the end: a service's readiness, Elasticsearch's cluster health, a
   * broker's life. A service gets two minutes to become ready (the last fault may have just ended).
   */
  private List<String> unhealthy() throws InterruptedException {
    List<String> unhealthy = new ArrayList<>();
    stack.exited().forEach(p -> unhealthy.add(p.name() + " exited"));
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    for (var service : stack.serviceUrls().entrySet()) {
      String problem = notReady(service.getValue());
      while (problem != null && System.nanoTime() < deadline) {
        Thread.sleep(1_000);
        problem = notReady(service.getValue());
      }
      if (problem != null) {
        unhealthy.add(service.getKey() + " " + problem);
      }
    }
    String status = elasticsearchHealth();
    if (!status.equals("green")) {
      unhealthy.add("Elasticsearch cluster " + status);
    }
    return unhealthy;
  }

  /** Null when the service answers ready, else what is wrong. */
  private String notReady(String url) throws InterruptedException {
    try {
      int status = http.send(HttpRequest.newBuilder(URI.create(url + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 200 ? null : "not ready (" + status + ")";
    } catch (IOException e) {
      return "does not answer";
    }
  }

  private String elasticsearchHealth() {
    for (String node : stack.elasticsearchUrls().split(",")) {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node
            + "/_cluster/health?wait_for_status=green&timeout=60s")).timeout(Duration.ofSeconds(70)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return ServiceHttp.JSON.readTree(response.body()).path("status").asText("unknown");
      } catch (IOException e) {
        // the next node
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return "unreachable";
  }

  /** The report as the command prints it. */
  public static void print(Report report, PrintStream out) {
    out.printf("%nfaults (recovery: from the kill until ready again):%n");
    report.faults().forEach(f -> out.printf("  %-62s %6.1f s%n", f.what(), f.recovery().toMillis() / 1e3));
    out.printf("%naccepted %d, indexed %d: lost %d, extra %d%n", report.accepted(), report.indexed(), report.lost(),
        report.extra());
    out.printf("committed enriched events: %d for %d ids: duplicated %d%n", report.enrichedEvents(), report.accepted(),
        report.duplicated());
    out.printf("ingest-to-searchable delay: median %.1f s, longest %.1f s%n", report.medianDelay().toMillis() / 1e3,
        report.longestDelay().toMillis() / 1e3);
    out.printf("throughput: %.1f articles/s end to end%n", report.articlesPerSecond());
    ChaosFeed.Polls polls = report.feed();
    out.printf("a feed polled every %d s: %d polls, gaps %.1f to %.1f s (allowed %d to %d s: never two pollers,"
            + " a dead one's feeds taken over)%s%n", ChaosFeed.INTERVAL.toSeconds(), polls.count(),
        polls.shortestGap().toMillis() / 1e3, polls.longestGap().toMillis() / 1e3, ChaosFeed.SHORTEST_ALLOWED.toSeconds(),
        ChaosFeed.LONGEST_ALLOWED.toSeconds(), polls.steady() ? "" : ": NOT steady");
    out.println(report.unhealthy().isEmpty() ? "every part healthy at the end" : "unhealthy at the end: "
        + String.join("; ", report.unhealthy()));
    out.println(report.clean() ? "chaos: clean" : "chaos: NOT clean");
  }
}
