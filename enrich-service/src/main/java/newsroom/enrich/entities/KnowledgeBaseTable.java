package newsroom.enrich.entities;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseTable.class);

  private final AtomicReference<KnowledgeBase> current = new AtomicReference<>(KnowledgeBase.starter());
  private final AtomicReference<ImportedEntities> imported = new AtomicReference<>();

  @Override
  public KnowledgeBase get() {
    return current.get();
  }

  /** Links against the import published in {@code versions}, and each one published after it ({@link KnowledgeBaseVersions#follow}). */
  public Closeable follow(KnowledgeBaseVersions versions, Duration every) {
    return versions.follow(every, next -> {
      synchronized (this) { // not between a restore's reading of the import and its publishing of the KB
        imported.set(next);
        current.updateAndGet(kb -> kb.withImported(next));
      }
    });
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
