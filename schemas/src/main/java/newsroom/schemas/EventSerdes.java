package newsroom.schemas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The serdes of every event type, all through one schema registry (or, in tests, none). */
public final class EventSerdes {
  private final SchemaRegistry registry;
  private final boolean singleObject;
  private final Map<Class<?>, EventSerde<?>> serdes = new ConcurrentHashMap<>();

  private EventSerdes(SchemaRegistry registry, boolean singleObject) {
    this.registry = registry;
    this.singleObject = singleObject;
  }

  /** Serdes writing the Confluent wire format, their schemas in {@code registry}. */
  public static EventSerdes using(SchemaRegistry registry) {
    return new EventSerdes(registry, false);
  }

  /** Serdes writing single-object encoding (see {@link EventSerde#writingSingleObject}), reading through {@code registry}. */
  public static EventSerdes writingSingleObject(SchemaRegistry registry) {
    return new EventSerdes(registry, true);
  }

  /** Serdes writing single-object encoding without a registry: for topology tests and offline tools. */
  public static EventSerdes withoutRegistry() {
    return new EventSerdes(null, true);
  }

  /** The registry these serdes write through, or null. */
  public SchemaRegistry registry() {
    return registry;
  }

  /** The serde of one event type. */
  @SuppressWarnings("unchecked")
  public <T extends SpecificRecord> EventSerde<T> of(Class<T> type) {
    return (EventSerde<T>) serdes.computeIfAbsent(type, t -> registry == null ? EventSerde.withoutRegistry(type)
        : singleObject ? EventSerde.writingSingleObject(type, registry) : EventSerde.withRegistry(type, registry));
  }

  /** The serde of a topic's values: its event type's, or raw bytes for the dead-letter topics. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <V> Serde<V> values(Topic<?, V> topic) {
    if (topic.valueType() == byte[].class) {
      return (Serde<V>) Serdes.ByteArray();
    }
    return (Serde<V>) of((Class) topic.valueType().asSubclass(SpecificRecord.class));
  }

  /** Registers the schema of {@code topic}'s values (nothing for raw-byte topics); see {@link EventSerde#register}. */
  public void register(Topic<?, ?> topic) {
    if (topic.valueType() != byte[].class) {
      of(topic.valueType().asSubclass(SpecificRecord.class)).register(topic.name());
    }
  }

  /** A record's value of {@code topic}, decoded (null for a tombstone). */
  public <V> V read(Topic<?, V> topic, byte[] value) {
    return values(topic).deserializer().deserialize(topic.name(), value);
  }

  /** A value for {@code topic}, encoded (null for a tombstone). */
  public <V> byte[] write(Topic<?, V> topic, V value) {
    return values(topic).serializer().serialize(topic.name(), value);
  }
}
