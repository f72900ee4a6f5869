package newsroom.kb.wikidata;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * A Wikidata JSON dump read line by line, whatever it is compressed with (gzip, bzip2 or nothing:
 * told by its first bytes, not its name), counting the bytes of the file read so far for progress.
 * {@link #close} must be called: a compressed dump is decompressed by a thread of its own.
 */
final class DumpFile implements AutoCloseable {
  private final CountingStream raw;
  private final InputStream text;
  private final long size;
  private byte[] buffer = new byte[1 << 20];
  private int start;
  private int end;
  private boolean eof;

  private DumpFile(Path path) throws IOException {
    size = Files.size(path);
    raw = new CountingStream(Files.newInputStream(path));
    BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
    buffered.mark(3);
    byte[] magic = buffered.readNBytes(3);
    buffered.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      text = new Decompressing(new GZIPInputStream(buffered, 1 << 16));
    } else if (magic.length == 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
      text = new Decompressing(new BZip2CompressorInputStream(buffered, true));
    } else {
      text = buffered;
    }
  }

  /**
   * Decompresses on a thread of its own, a few megabytes ahead of the reader: decompressing costs
   * about as much as parsing, and the two then run on two cores.
   */
  private static final class Decompressing extends InputStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
    private final Thread thread;
    private volatile IOException failure;
    private byte[] chunk = new byte[0];
    private int position;

    Decompressing(InputStream source) {
      thread = Thread.ofPlatform().daemon().name("dump-decompression").start(() -> {
        try (source) {
          while (true) {
            byte[] next = source.readNBytes(1 << 20);
            if (next.length == 0) {
              break;
            }
            chunks.put(next);
          }
        } catch (IOException e) {
          failure = e;
        } catch (InterruptedException e) {
          return; // closed
        }
        try {
          chunks.put(END);
        } catch (InterruptedException e) {
          // closed
        }
      });
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (position == chunk.length) {
        if (chunk == END) {
          return -1;
        }
        try {
          chunk = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while reading the dump");
        }
        position = 0;
        if (chunk == END) {
          if (failure != null) {
            throw failure;
          }
          return -1;
        }
      }
      int n = Math.min(length, chunk.length - position);
      System.arraycopy(chunk, position, into, offset, n);
      position += n;
      return n;
    }

    @Override
    public void close() {
      thread.interrupt();
    }
  }

  static DumpFile open(Path path) throws IOException {
    return new DumpFile(path);
  }

  /**
   * The next line as UTF-8 bytes (without its line break), or null at the end. Bytes, not a String:
   * most lines are only searched for a property id, and the JSON parser reads bytes fastest.
   * The array is reused by the next call.
   */
  Line readLine() throws IOException {
    int searched = start;
    while (true) {
      int i = indexOf(buffer, searched, end, (byte) '\n');
      if (i >= 0) {
        Line line = new Line(buffer, start, i - start);
        start = i + 1;
        return line;
      }
      searched = end - start; // where the search goes on once fill() has moved the line to the front
      if (eof) {
        if (start == end) {
          return null;
        }
        Line last = new Line(buffer, start, end - start);
        start = end;
        return last;
      }
      fill();
    }
  }

  private void fill() throws IOException {
    if (start > 0) { // keep the partial line at the front
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) { // one line longer than the buffer: grow it
      buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n = text.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  /** A line's bytes in a shared buffer. */
  record Line(byte[] bytes, int offset, int length) {
    /**
     * Whether the line contains {@code ascii}, a property id in quotes: its second byte ("P") is
     * searched for, being far rarer in JSON than the quote.
     */
    boolean contains(byte[] ascii) {
      int end = offset + length;
      for (int i = indexOf(bytes, offset + 1, end, ascii[1]); i >= 0; i = indexOf(bytes, i + 1, end, ascii[1])) {
        int at = i - 1;
        if (at + ascii.length <= end && Arrays.equals(bytes, at, at + ascii.length, ascii, 0, ascii.length)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /**
   * The index of the first {@code b} in {@code bytes[from, to)}, or -1. Eight bytes at a time: XOR
   * with {@code b} in every byte turns a match into a zero byte, and (x - 0x01…) & ~x & 0x80… sets
   * the high bit of the first one. The subclass pass does little but look for line breaks and
   * property ids in six gigabytes of text: this took it from 23 to 19.5 s on the 5-million benchmark.
   */
  static int indexOf(byte[] bytes, int from, int to, byte b) {
    long pattern = (b & 0xffL) * ONES;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long x = (long) LONGS.get(bytes, i) ^ pattern;
      long found = (x - ONES) & ~x & HIGH_BITS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Bytes of the file (compressed) read so far, and in all. */
  long bytesRead() {
    return raw.count;
  }

  long size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    text.close();
  }

  private static final class CountingStream extends FilterInputStream {
    private volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
