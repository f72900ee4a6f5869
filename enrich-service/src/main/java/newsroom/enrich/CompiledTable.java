package newsroom.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A compacted topic every instance reads whole into a global store, kept in memory ready to use
 * (each value compiled once): newsroom rules and subscriptions that apply to the next article.
 */
public final class CompiledTable<V, C> {
  private final String store;
  private final Function<V, C> compile;
  private final AtomicReference<Map<String, C>> entries = new AtomicReference<>(Map.of());

  public CompiledTable(String store, Function<V, C> compile) {
    this.store = store;
    this.compile = compile;
  }

  /** The latest entries, by key (an immutable snapshot). */
  public Map<String, C> all() {
    return entries.get();
  }

  public ProcessorSupplier<String, V, Void, Void> updater() {
    return () -> new Processor<>() {
      private KeyValueStore<String, V> values;

      @Override
      public void init(ProcessorContext<Void, Void> context) {
        values = context.getStateStore(store);
        Map<String, C> all = new LinkedHashMap<>();
        try (KeyValueIterator<String, V> it = values.all()) { // restored from the topic before this runs
          it.forEachRemaining(kv -> all.put(kv.key, compile.apply(kv.value)));
        }
        entries.set(Map.copyOf(all));
      }

      @Override
      public void process(Record<String, V> record) {
        Map<String, C> next = new LinkedHashMap<>(entries.get());
        if (record.value() == null) {
          values.delete(record.key());
          next.remove(record.key());
        } else {
          values.put(record.key(), record.value());
          next.put(record.key(), compile.apply(record.value()));
        }
        entries.set(Map.copyOf(next));
      }
    };
  }
}
