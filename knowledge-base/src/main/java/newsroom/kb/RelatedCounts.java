package newsroom.kb;

import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.cursors.IntIntCursor;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.RandomAccessInput;

/**
 * How many imported entities are related to each entity (its party's members, a county's towns, a
 * country's millions): what a tie through that entity says when linking. Counted while importing,
 * written beside the index as {@value #FILE} (the count n, then n QID numbers ascending, then their
 * counts) and read memory-mapped by binary search: a few hundred bytes touched per lookup, nothing
 * loaded up front.
 */
public final class RelatedCounts implements Closeable {
  public static final String FILE = "related-counts";
  private static final RelatedCounts NONE = new RelatedCounts(null, null, 0);

  private final IndexInput input;
  private final RandomAccessInput data;
  private final int size;

  private RelatedCounts(IndexInput input, RandomAccessInput data, int size) {
    this.input = input;
    this.data = data;
    this.size = size;
  }

  /** The counts written in {@code dir}; none (every count 0) for a version imported before they were kept. */
  static RelatedCounts open(Directory dir) throws IOException {
    if (Arrays.asList(dir.listAll()).contains(FILE)) {
      IndexInput input = dir.openInput(FILE, IOContext.DEFAULT);
      RandomAccessInput data = input.randomAccessSlice(0, input.length());
      return new RelatedCounts(input, data, data.readInt(0));
    }
    return NONE;
  }

  /** How many imported entities are related to {@code qid}. */
  int count(String qid) throws IOException {
    int key = number(qid);
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int found = data.readInt(Integer.BYTES * (1L + middle));
      if (found < key) {
        low = middle + 1;
      } else if (found > key) {
        high = middle - 1;
      } else {
        return data.readInt(Integer.BYTES * (1L + size + middle));
      }
    }
    return 0;
  }

  /** The number of a QID ("Q30" → 30); -1 for anything else. */
  public static int number(String qid) {
    if (qid.length() < 2 || qid.length() > 11 || qid.charAt(0) != 'Q') {
      return -1;
    }
    long n = 0;
    for (int i = 1; i < qid.length(); i++) {
      char c = qid.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n > Integer.MAX_VALUE ? -1 : (int) n;
  }

  @Override
  public void close() throws IOException {
    if (input != null) {
      input.close();
    }
  }

  /** Counts relations as an import's workers index entities (each adds a batch at a time), then writes them. */
  public static final class Counter {
    private final IntIntHashMap counts = new IntIntHashMap();

    /** Adds one batch's counts (QID number → relations to it). */
    public synchronized void add(IntIntHashMap batch) {
      for (IntIntCursor each : batch) {
        counts.addTo(each.key, each.value);
      }
    }

    /** Writes the counts into {@code dir} as {@value #FILE}. */
    public synchronized void write(Directory dir) throws IOException {
      int[] keys = counts.keys().toArray();
      Arrays.sort(keys);
      try (IndexOutput out = dir.createOutput(FILE, IOContext.DEFAULT)) {
        out.writeInt(keys.length);
        for (int key : keys) {
          out.writeInt(key);
        }
        for (int key : keys) {
          out.writeInt(counts.get(key));
        }
      }
    }
  }
}
