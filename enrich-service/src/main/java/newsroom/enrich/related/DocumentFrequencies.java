package newsroom.enrich.related;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Document frequencies of keyword candidates over the recent corpus, in bounded space. Every count,
 * the number of documents among them, halves every {@code halfLife} documents: lazily, since each
 * value carries the epoch it was written in. Keyword scores depend on the ratio of a term's frequency
 * to the documents, which halving both keeps; what fades is what the corpus no longer uses. A sweep
 * deletes the terms whose count has decayed below a quarter (a term seen once, two half-lives ago),
 * visiting twice as many stored terms as each article adds, so the store holds about the vocabulary
 * of the last two or three half-lives however long the stream runs. Counts keep fractions when they
 * halve (8 bits of them): rounding a term seen three times down to one would make it rarer than it is.
 * Values pack the count (high bits, fixed point) and the epoch (low 16 bits, compared modulo 2^16).
 */
final class DocumentFrequencies {
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
  private long seen;
  private String sweptTo;

  DocumentFrequencies(KeyValueStore<String, Long> store, long halfLife) {
    this.store = store;
    this.halfLife = halfLife;
    Long counted = store.get(SEEN);
    this.seen = counted == null ? 0 : counted;
  }

  double documents() {
    return decayed(store.get(DOCUMENTS));
  }

  double frequency(String term) {
    return decayed(store.get(term));
  }

  /** Counts one more document, which contains these terms (with their frequencies before it). */
  void count(Map<String, Double> frequenciesBefore) {
    int added = 0;
    for (var term : frequenciesBefore.entrySet()) {
      if (term.getValue() == 0) {
        added++;
      }
      put(term.getKey(), term.getValue() + 1);
    }
    put(DOCUMENTS, documents() + 1);
    store.put(SEEN, ++seen);
    sweep(2 * added);
  }

  private long epoch() {
    return seen / halfLife;
  }

  private double decayed(Long value) {
    if (value == null) {
      return 0;
    }
    long age = (epoch() - (value & EPOCH_MASK)) & EPOCH_MASK;
    return age >= Long.SIZE - EPOCH_BITS ? 0 : ((value >>> EPOCH_BITS) >> age) / ONE;
  }

  private void put(String key, double count) {
    store.put(key, (Math.round(count * ONE) << EPOCH_BITS) | (epoch() & EPOCH_MASK));
  }

  /** Deletes the terms decayed to nothing among the next {@code keys} stored ones, from where the last sweep stopped. */
  private void sweep(int keys) {
    if (keys == 0) {
      return;
    }
    List<String> forgotten = new ArrayList<>();
    int visited = 0;
    try (KeyValueIterator<String, Long> terms = sweptTo == null ? store.all() : store.range(sweptTo, null)) {
      while (visited < keys && terms.hasNext()) {
        KeyValue<String, Long> term = terms.next();
        visited++;
        if (!term.key.startsWith("\u0000") && decayed(term.value) < FORGOTTEN) {
          forgotten.add(term.key);
        }
        sweptTo = term.key;
      }
      if (!terms.hasNext()) {
        sweptTo = null; // round the store again from the start
      }
    }
    forgotten.forEach(store::delete);
  }
}
