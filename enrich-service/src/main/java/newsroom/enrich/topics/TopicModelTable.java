package newsroom.enrich.topics;

import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import newsroom.events.TopicModel;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic classifier in force: the newsroom's trained model from news.topics.models (read whole
 * by every instance as the global store {@value #STORE}), else the shipped default. A newly
 * published model applies to the next article, without a restart.
 */
public final class TopicModelTable implements Supplier<TopicClassifier> {
  public static final String STORE = "topic-models";
  public static final String ACTIVE = "active";
  private static final Logger LOG = LoggerFactory.getLogger(TopicModelTable.class);

  private final TopicClassifier fallback = DeskLexiconClassifier.load();
  private final AtomicReference<TopicClassifier> current = new AtomicReference<>(fallback);

  @Override
  public TopicClassifier get() {
    return current.get();
  }

  public ProcessorSupplier<String, TopicModel, Void, Void> updater() {
    return () -> new Processor<>() {
      private KeyValueStore<String, TopicModel> store;

      @Override
      public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
        use(store.get(ACTIVE)); // restored from the topic before this runs
      }

      @Override
      public void process(Record<String, TopicModel> record) {
        if (!ACTIVE.equals(record.key())) {
          LOG.warn("ignoring topic model under key {} (only '{}' is used)", record.key(), ACTIVE);
          return;
        }
        if (record.value() == null) {
          store.delete(ACTIVE);
        } else {
          store.put(ACTIVE, record.value());
        }
        use(record.value());
      }
    };
  }

  private void use(TopicModel model) {
    if (model == null) {
      current.set(fallback);
      return;
    }
    try {
      current.set(TrainedTopicModel.load(new StringReader(model.getModel())));
      LOG.info("topic classifier: {}", model.getName());
    } catch (IOException | RuntimeException e) {
      LOG.error("topic model {} is unreadable; keeping {}: {}", model.getName(), current.get().name(), e.getMessage());
    }
  }
}
