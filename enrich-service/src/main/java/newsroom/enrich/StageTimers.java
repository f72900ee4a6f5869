package newsroom.enrich;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * CPU time of each stage of the topology, exported as {@code enrich_stage_cpu_seconds{stage=…}}, so that
 * {@code ./newsroom bench} can say where an article's cost goes. Kafka Streams runs the stages a record
 * is forwarded to inside the forwarding stage's call, so each stage records its own time only: what
 * the stages it called took is subtracted. Thread CPU time, not wall time: a busy machine makes a stage
 * wait, not cost more.
 */
public final class StageTimers {
  public static final String METRIC = "enrich.stage.cpu";
  /** Records nothing: for tests and tools that only want the results. */
  public static final StageTimers NONE = new StageTimers(null);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** CPU time of the stages called from the one running on this thread, so far. */
  private static final ThreadLocal<long[]> NESTED = ThreadLocal.withInitial(() -> new long[1]);

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public StageTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  public <T> T time(String stage, Supplier<T> work) {
    if (registry == null) {
      return work.get();
    }
    long[] nested = NESTED.get();
    long outer = nested[0];
    nested[0] = 0;
    long start = THREADS.getCurrentThreadCpuTime();
    try {
      return work.get();
    } finally {
      long spent = THREADS.getCurrentThreadCpuTime() - start;
      timer(stage).record(Math.max(0, spent - nested[0]), TimeUnit.NANOSECONDS);
      nested[0] = outer + spent;
    }
  }

  public void run(String stage, Runnable work) {
    time(stage, () -> {
      work.run();
      return null;
    });
  }

  private Timer timer(String stage) {
    return timers.computeIfAbsent(stage, s -> Timer.builder(METRIC).tag("stage", s)
        .description("CPU time spent in a stage of the enrich topology (excluding the stages it forwards to)")
        .register(registry));
  }

  /** Work handed to {@code executor}, timed as {@code stage} (background work, e.g. training). */
  public Executor timed(String stage, Executor executor) {
    return command -> executor.execute(() -> run(stage, command));
  }

  public <K, V, R> FixedKeyProcessorSupplier<K, V, R> timed(String stage, FixedKeyProcessorSupplier<K, V, R> supplier) {
    return () -> {
      FixedKeyProcessor<K, V, R> processor = supplier.get();
      return new FixedKeyProcessor<>() {
        @Override
        public void init(FixedKeyProcessorContext<K, R> context) {
          processor.init(context);
        }

        @Override
        public void process(FixedKeyRecord<K, V> record) {
          run(stage, () -> processor.process(record));
        }

        @Override
        public void close() {
          processor.close();
        }
      };
    };
  }

  public <K, V, KR, VR> ProcessorSupplier<K, V, KR, VR> timed(String stage, ProcessorSupplier<K, V, KR, VR> supplier) {
    return () -> {
      Processor<K, V, KR, VR> processor = supplier.get();
      return new Processor<>() {
        @Override
        public void init(ProcessorContext<KR, VR> context) {
          processor.init(context);
        }

        @Override
        public void process(Record<K, V> record) {
          run(stage, () -> processor.process(record));
        }

        @Override
        public void close() {
          processor.close();
        }
      };
    };
  }

  /** {@code serde} with its encoding and decoding timed as the stage "serdes". */
  public <T> Serde<T> timed(Serde<T> serde) {
    if (registry == null) {
      return serde;
    }
    Serializer<T> serializer = serde.serializer();
    Deserializer<T> deserializer = serde.deserializer();
    return Serdes.serdeFrom((topic, value) -> time("serdes", () -> serializer.serialize(topic, value)),
        (topic, bytes) -> time("serdes", () -> deserializer.deserialize(topic, bytes)));
  }
}
