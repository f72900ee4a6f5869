package newsroom.enrich.entities;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import newsroom.events.KnowledgeBaseEntity;
import newsroom.kb.ImportedEntities;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBaseVersions;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base enrich-service links against: the starter KB overlaid by the newsroom's
 * entries in news.entities.kb, which every instance reads in full as a global store (named
 * {@value #STORE}), over the knowledge base imported from Wikidata when there is one. A correction
 * applies to the next article enriched, on every instance; a newly published import too, within
 * a check interval ({@link #follow}).
 */
public final class KnowledgeBaseTable implements Supplier<KnowledgeBase> {
  public static final String STORE = "entities-kb";
  /** How long a replaced import stays open, so that articles being linked against it finish. */
  private static final Duration RETIRE_AFTER = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseTable.class);

  private final AtomicReference<KnowledgeBase> current = new AtomicReference<>(KnowledgeBase.starter());
  private final AtomicReference<ImportedEntities> imported = new AtomicReference<>();

  @Override
  public KnowledgeBase get() {
    return current.get();
  }

  /**
   * Opens the import published in {@code versions} now (if any), then checks every {@code every}
   * whether another was published and switches to it; the returned handle stops that and closes it.
   */
  public Closeable follow(KnowledgeBaseVersions versions, Duration every) {
    ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "knowledge-base-versions");
      thread.setDaemon(true);
      return thread;
    });
    switchTo(versions, checker);
    checker.scheduleWithFixedDelay(() -> switchTo(versions, checker), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return () -> {
      checker.shutdownNow();
      ImportedEntities last = imported.getAndSet(null);
      if (last != null) {
        last.close();
      }
    };
  }

  private void switchTo(KnowledgeBaseVersions versions, ScheduledExecutorService retirer) {
    try {
      Optional<String> published = versions.current();
      ImportedEntities open = imported.get();
      if (published.isEmpty() || open != null && open.version().equals(published.get())) {
        return;
      }
      ImportedEntities next = ImportedEntities.open(versions.path(published.get()), published.get());
      synchronized (this) { // not between a restore's reading of the import and its publishing of the KB
        imported.set(next);
        current.updateAndGet(kb -> kb.withImported(next));
      }
      LOG.info("knowledge base: imported version {} in use ({} entities)", next.version(), next.size());
      if (open != null) {
        retirer.schedule(() -> {
          open.close();
          return null;
        }, RETIRE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (IOException | RuntimeException e) {
      // The version in use (or none) stays; the next check tries again.
      LOG.warn("knowledge base: cannot open the published import in {} ({}); keeping {}", versions.dir(), e.getMessage(),
          imported.get() == null ? "none" : "version " + imported.get().version());
    }
  }

  /** Keeps the global store and the in-memory KB in step with the topic. */
  public ProcessorSupplier<String, KnowledgeBaseEntity, Void, Void> updater() {
    return () -> new Processor<>() {
      private KeyValueStore<String, KnowledgeBaseEntity> store;

      @Override
      public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
        // The store was restored from the topic before this runs: start from what it holds.
        List<KnowledgeBase.Entry> entries = new ArrayList<>();
        try (KeyValueIterator<String, KnowledgeBaseEntity> all = store.all()) {
          all.forEachRemaining(kv -> entries.add(KnowledgeBase.Entry.of(kv.value)));
        }
        synchronized (KnowledgeBaseTable.this) {
          current.set(KnowledgeBase.starter().withAll(entries).withImported(imported.get()));
        }
        LOG.info("knowledge base: {} entries ({} from the newsroom)", current.get().size(), entries.size());
      }

      @Override
      public void process(Record<String, KnowledgeBaseEntity> record) {
        if (record.value() == null) {
          store.delete(record.key());
          current.updateAndGet(kb -> kb.without(record.key()));
          return;
        }
        KnowledgeBase.Entry entry = KnowledgeBase.Entry.of(record.value());
        List<String> problems = KnowledgeBase.problems(entry);
        if (!problems.isEmpty() || !entry.id().equals(record.key())) {
          LOG.warn("ignoring knowledge-base entry {}: {}", record.key(), problems.isEmpty() ? "key differs from id " + entry.id() : problems);
          return;
        }
        store.put(record.key(), record.value());
        current.updateAndGet(kb -> kb.with(entry));
      }
    };
  }
}
