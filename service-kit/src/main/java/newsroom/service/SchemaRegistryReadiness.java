package newsroom.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.SchemaRegistry;
import newsroom.schemas.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the schemas of the topics a service writes, in the background, trying again every
 * {@value #EVERY_SECONDS} s while the registry is out of reach; the service is not ready until every one
 * is registered, and says why. Once they are, its writes go on from the serdes' cache whether or not the
 * registry answers (reported, still ready).
 */
public final class SchemaRegistryReadiness implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryReadiness.class);
  private static final int EVERY_SECONDS = 2;

  private final EventSerdes serdes;
  private final List<Topic<?, ?>> pending;
  private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("schema-registry").daemon().factory());
  private final CompletableFuture<Void> registeredAll = new CompletableFuture<>();
  private volatile String problem = "not checked yet";
  private volatile boolean registered;
  private volatile boolean reachable;

  public SchemaRegistryReadiness(EventSerdes serdes, List<Topic<?, ?>> written) {
    this.serdes = serdes;
    this.pending = new ArrayList<>(written);
    checker.scheduleWithFixedDelay(this::check, 0, EVERY_SECONDS, TimeUnit.SECONDS);
  }

  private void check() {
    SchemaRegistry registry = serdes.registry();
    if (registered) {
      reachable = registry.reachable();
      return;
    }
    try {
      while (!pending.isEmpty()) {
        serdes.register(pending.getFirst());
        pending.removeFirst();
      }
      registered = true;
      reachable = true;
      registeredAll.complete(null);
      LOG.info("schemas registered in the schema registry at {}", registry.url());
    } catch (SchemaRegistry.RegistryException e) {
      if (!e.getMessage().equals(problem)) {
        LOG.warn("waiting for the schema registry: {}", e.getMessage());
      }
      problem = e.getMessage();
    } catch (RuntimeException e) {
      problem = "registering the schema of " + pending.getFirst().name() + " failed: " + e.getMessage();
      LOG.error(problem, e);
    }
  }

  /** Completes once every written topic's schema is registered (what a stream processor waits for to start). */
  public CompletableFuture<Void> registered() {
    return registeredAll;
  }

  /** Every written topic's schema is registered: the service can write. */
  public boolean ready() {
    return registered;
  }

  /** What /health/ready shows of the registry. */
  public Map<String, Object> report() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("schemaRegistry", registered
        ? (reachable ? "ready" : "out of reach; writing with the schemas already registered")
        : "waiting: " + problem);
    return report;
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
