package newsroom.enrich.alerts;

import java.util.List;
import newsroom.enrich.CompiledTable;
import newsroom.events.AlertSubscription;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/** Editors' standing queries (news.alerts.subscriptions, read whole by every instance as the global store {@value #STORE}). */
public final class AlertSubscriptions {
  public static final String STORE = "alert-subscriptions";

  private final CompiledTable<AlertSubscription, AlertQuery> queries = new CompiledTable<>(STORE, AlertQuery::of);

  List<AlertQuery> all() {
    return List.copyOf(queries.all().values());
  }

  AlertQuery get(String id) {
    return queries.all().get(id);
  }

  public ProcessorSupplier<String, AlertSubscription, Void, Void> updater() {
    return queries.updater();
  }
}
