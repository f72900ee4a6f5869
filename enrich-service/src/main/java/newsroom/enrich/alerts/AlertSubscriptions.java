package newsroom.enrich.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import newsroom.events.AlertSubscription;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Editors' standing queries (news.alerts.subscriptions, read whole by every instance as the global store {@value #STORE}). */
public final class AlertSubscriptions {
  public static final String STORE = "alert-subscriptions";

  private final AtomicReference<Map<String, AlertQuery>> queries = new AtomicReference<>(Map.of());

  List<AlertQuery> all() {
    return List.copyOf(queries.get().values());
  }

  AlertQuery get(String id) {
    return queries.get().get(id);
  }

  public ProcessorSupplier<String, AlertSubscription, Void, Void> updater() {
    return () -> new Processor<>() {
      private KeyValueStore<String, AlertSubscription> store;

      @Override
      public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
        Map<String, AlertQuery> all = new LinkedHashMap<>();
        try (KeyValueIterator<String, AlertSubscription> it = store.all()) { // restored from the topic before this runs
          it.forEachRemaining(kv -> all.put(kv.key, AlertQuery.of(kv.value)));
        }
        queries.set(Map.copyOf(all));
      }

      @Override
      public void process(Record<String, AlertSubscription> record) {
        Map<String, AlertQuery> next = new LinkedHashMap<>(queries.get());
        if (record.value() == null) {
          store.delete(record.key());
          next.remove(record.key());
        } else {
          store.put(record.key(), record.value());
          next.put(record.key(), AlertQuery.of(record.value()));
        }
        queries.set(Map.copyOf(next));
      }
    };
  }
}
