package newsroom.enrich.related;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Document frequencies of keyword candidates over the recent corpus, in bounded space. Every count,
 * the number of documents among them, halves every {@code halfLife} documents: lazily, since each
 * value carries the epoch it was written in. Keyword scores depend on the ratio of a term's frequency
 * to the documents, which halving both keeps; what fades is what the corpus no longer uses. A sweep
 * deletes the terms whose count has decayed below a quarter (a term seen once, two half-lives ago),
 * visiting twice as many terms as each article adds (oldest first, like a clock hand, survivors to
 * the back), so the store holds about the vocabulary of the last two or three half-lives however long
 * the stream runs. Counts keep fractions when they halve (8 bits of them): rounding a term seen three
 * times down to one would make it rarer than it is. Values pack the count (high bits, fixed point) and
 * the epoch (low 16 bits, compared modulo 2^16).
 *
 * <p>Every article looks up and writes hundreds of terms, so this is a state store of its own: a layer
 * over a logged RocksDB store that keeps the counts in memory (a few MB) and writes the terms changed
 * since the last commit through to the store, and so to its changelog, when Kafka Streams commits:
 * each term once per commit, within the commit's transaction. The copy in memory is read from the
 * store on first use, after a restart has restored the store from its changelog.
 */
public final class DocumentFrequencies implements StateStore {
  static final long DEFAULT_HALF_LIFE = 20_000;
  private static final String DOCUMENTS = "\u0000documents";
  /** Every document ever counted: the clock of the epochs. */
  private static final String SEEN = "\u0000seen";
  private static final int EPOCH_BITS = 16;
  private static final long EPOCH_MASK = (1L << EPOCH_BITS) - 1;
  private static final int FRACTION_BITS = 8;
  private static final double ONE = 1 << FRACTION_BITS;
  /** A term whose count decayed below this is forgotten. */
  private static final double FORGOTTEN = 0.25;

  private final KeyValueStore<String, Long> store;
  private final long halfLife;
  private final Map<String, Long> terms = new HashMap<>();
  private final ArrayDeque<String> sweepOrder = new ArrayDeque<>(); // every term once, the least recently visited first
  private final Set<String> changed = new HashSet<>();                // since the last commit
  private boolean loaded;
  private boolean counted; // since the last commit
  private long documents;
  private long seen;

  DocumentFrequencies(KeyValueStore<String, Long> store, long halfLife) {
    this.store = store;
    this.halfLife = halfLife;
  }

  /** The store, logged, in RocksDB, with this layer over it. */
  public static StoreBuilder<DocumentFrequencies> builder(String name) {
    StoreBuilder<KeyValueStore<String, Long>> inner =
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long());
    return new StoreBuilder<>() {
      @Override
      public StoreBuilder<DocumentFrequencies> withCachingEnabled() {
        throw new UnsupportedOperationException("the counts are held in memory already");
      }

      @Override
      public StoreBuilder<DocumentFrequencies> withCachingDisabled() {
        return this;
      }

      @Override
      public StoreBuilder<DocumentFrequencies> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
      }

      @Override
      public StoreBuilder<DocumentFrequencies> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
      }

      @Override
      public DocumentFrequencies build() {
        return new DocumentFrequencies(inner.build(), DEFAULT_HALF_LIFE);
      }

      @Override
      public Map<String, String> logConfig() {
        return inner.logConfig();
      }

      @Override
      public boolean loggingEnabled() {
        return inner.loggingEnabled();
      }

      @Override
      public String name() {
        return inner.name();
      }
    };
  }

  double documents() {
    load();
    return decayed(documents);
  }

  double frequency(String term) {
    load();
    Long value = terms.get(term);
    return value == null ? 0 : decayed(value);
  }

  /** Counts one more document, which contains these terms (with their frequencies before it). */
  void count(Map<String, Double> frequenciesBefore) {
    load();
    int added = 0;
    for (var term : frequenciesBefore.entrySet()) {
      if (terms.put(term.getKey(), packed(term.getValue() + 1)) == null) {
        sweepOrder.addLast(term.getKey());
        added++;
      }
      changed.add(term.getKey());
    }
    documents = packed(documents() + 1);
    seen++;
    counted = true;
    sweep(2 * added);
  }

  private void load() {
    if (loaded) {
      return;
    }
    try (KeyValueIterator<String, Long> all = store.all()) {
      all.forEachRemaining(entry -> {
        switch (entry.key) {
          case DOCUMENTS -> documents = entry.value;
          case SEEN -> seen = entry.value;
          default -> {
            terms.put(entry.key, entry.value);
            sweepOrder.addLast(entry.key);
          }
        }
      });
    }
    loaded = true;
  }

  /** Writes what changed since the last commit to the store (a forgotten term as a delete). */
  private void writeBack() {
    if (!counted) {
      return;
    }
    for (String term : changed) {
      Long value = terms.get(term);
      if (value == null) {
        store.delete(term);
      } else {
        store.put(term, value);
      }
    }
    changed.clear();
    store.put(DOCUMENTS, documents);
    store.put(SEEN, seen);
    counted = false;
  }

  private long epoch() {
    return seen / halfLife;
  }

  private double decayed(long value) {
    long age = (epoch() - (value & EPOCH_MASK)) & EPOCH_MASK;
    return age >= Long.SIZE - EPOCH_BITS ? 0 : ((value >>> EPOCH_BITS) >> age) / ONE;
  }

  private long packed(double count) {
    return (Math.round(count * ONE) << EPOCH_BITS) | (epoch() & EPOCH_MASK);
  }

  /** Visits the next {@code visits} terms of the sweep order and deletes those decayed to nothing. */
  private void sweep(int visits) {
    for (int i = 0; i < visits && !sweepOrder.isEmpty(); i++) {
      String term = sweepOrder.pollFirst();
      if (decayed(terms.get(term)) < FORGOTTEN) {
        terms.remove(term);
        changed.add(term);
      } else {
        sweepOrder.addLast(term);
      }
    }
  }

  // The state store: this layer first, then the store it writes to.

  @Override
  public String name() {
    return store.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    store.init(context, root);
  }

  @Override
  public void flush() {
    writeBack();
    store.flush();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    writeBack();
    store.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return store.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return store.managesOffsets();
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public boolean persistent() {
    return store.persistent();
  }

  @Override
  public boolean isOpen() {
    return store.isOpen();
  }

  @Override
  public Position getPosition() {
    return store.getPosition();
  }
}
