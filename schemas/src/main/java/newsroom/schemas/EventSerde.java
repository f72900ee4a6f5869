package newsroom.schemas;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of one event type. It writes the Confluent wire format (a zero byte, the registry's 4-byte
 * schema id, the Avro binary datum) through Apicurio's Avro serde and a {@link SchemaRegistry}, registering
 * the schema under {@code <topic>-value} on first use; any consumer of the Kafka ecosystem reads it.
 *
 * <p>It reads that format and also the one releases before the registry wrote, Avro single-object
 * encoding ({@code C3 01}, an 8-byte schema fingerprint, the datum), telling them apart by their first
 * bytes, so topics and changelogs written before an upgrade stay readable. Either way the writer's schema
 * is resolved against this build's: fields a reader does not know are skipped, missing ones take their
 * defaults.
 *
 * <p>Without a registry ({@link #withoutRegistry}) it writes single-object encoding: for tests of
 * topologies and for tools that run without one. A service writes it only when told to
 * ({@link #writingSingleObject}), while consumers built against releases before the registry still read
 * its topics; it reads both formats through the registry all the same.
 */
public final class EventSerde<T extends SpecificRecord> implements Serde<T> {
  private static final byte CONFLUENT_MAGIC = 0;
  private static final byte[] SINGLE_OBJECT_MARKER = {(byte) 0xC3, (byte) 0x01};

  private final Class<T> type;
  private final SchemaRegistry registry;
  private final boolean singleObject;
  private final BinaryMessageEncoder<T> singleObjectEncoder;
  private final BinaryMessageDecoder<T> singleObjectDecoder;
  private final AvroKafkaSerializer<T> registrySerializer;
  private final AvroKafkaDeserializer<T> registryDeserializer;

  static {
    // Avro only instantiates classes it trusts; the generated event classes are ours.
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
        ClassSecurityValidator.getGlobal(), cls -> cls.getPackageName().equals("newsroom.events")));
  }

  private EventSerde(Class<T> type, SchemaRegistry registry, boolean singleObject) {
    this.type = type;
    this.registry = registry;
    this.singleObject = singleObject || registry == null;
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    SchemaStore.Cache released = new SchemaStore.Cache();
    ReleasedSchemas.of(schema.getFullName()).forEach(released::addSchema);
    this.singleObjectEncoder = new BinaryMessageEncoder<>(model, schema);
    this.singleObjectDecoder = new BinaryMessageDecoder<>(model, schema, released);
    if (registry == null) {
      this.registrySerializer = null;
      this.registryDeserializer = null;
    } else {
      Map<String, Object> config = Map.of(
          SchemaResolverConfig.REGISTRY_URL, registry.url(),
          SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true,
          // one self-contained schema per subject (named types inline), as every Confluent-format reader expects
          SchemaResolverConfig.DEREFERENCE_SCHEMA, true,
          SerdeConfig.USE_ID, IdOption.contentId.name(), // the Confluent API's schema id
          KafkaSerdeConfig.ENABLE_HEADERS, false, // the id travels in the value, as the Confluent format has it
          AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
      this.registrySerializer = new AvroKafkaSerializer<>(registry);
      this.registrySerializer.configure(config, false);
      this.registryDeserializer = new AvroKafkaDeserializer<>(registry);
      this.registryDeserializer.configure(config, false);
    }
  }

  /** Writes the Confluent wire format with schemas in {@code registry}; reads both formats. */
  public static <T extends SpecificRecord> EventSerde<T> withRegistry(Class<T> type, SchemaRegistry registry) {
    return new EventSerde<>(type, registry, false);
  }

  /** Writes single-object encoding, as releases before the registry did; reads both formats through {@code registry}. */
  public static <T extends SpecificRecord> EventSerde<T> writingSingleObject(Class<T> type, SchemaRegistry registry) {
    return new EventSerde<>(type, registry, true);
  }

  /** Writes single-object encoding and reads it (and nothing else): for topology tests and offline tools. */
  public static <T extends SpecificRecord> EventSerde<T> withoutRegistry(Class<T> type) {
    return new EventSerde<>(type, null, true);
  }

  /** The value of a record of {@code topic} (null for a tombstone). */
  public byte[] serialize(String topic, T value) {
    if (value == null) {
      return null;
    }
    try {
      if (!singleObject) {
        return registrySerializer.serialize(topic, value);
      }
      ByteBuffer buffer = singleObjectEncoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      rethrowRegistryFailure(e);
      throw new SerializationException("cannot encode " + type.getSimpleName() + " for " + topic + ": " + e.getMessage(), e);
    }
  }

  /** The event in a record's value of {@code topic}, written in either format (null for a tombstone). */
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      if (bytes.length > 5 && bytes[0] == CONFLUENT_MAGIC) {
        if (registryDeserializer == null) {
          throw new SerializationException("a " + type.getSimpleName() + " event written with a schema registry ("
              + bytes.length + " bytes), and no registry is configured here to read its schema");
        }
        return registryDeserializer.deserialize(topic, bytes);
      }
      if (bytes.length > 10 && bytes[0] == SINGLE_OBJECT_MARKER[0] && bytes[1] == SINGLE_OBJECT_MARKER[1]) {
        return singleObjectDecoder.decode(bytes);
      }
      throw new SerializationException("not a readable " + type.getSimpleName() + " event (" + bytes.length
          + " bytes): neither the Confluent wire format (first byte 0) nor Avro single-object encoding (C3 01)");
    } catch (SerializationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      rethrowRegistryFailure(e);
      throw new SerializationException("not a readable " + type.getSimpleName() + " event (" + bytes.length + " bytes): "
          + e.getMessage(), e);
    }
  }

  /** A registry out of reach is no fault of the record: callers must be able to tell (wait, never dead-letter). */
  private static void rethrowRegistryFailure(Throwable error) {
    Optional<SchemaRegistry.RegistryException> registry = SchemaRegistry.RegistryException.in(error);
    if (registry.isPresent()) {
      throw registry.get();
    }
  }

  /** Reads a value without its topic (the Confluent format names its schema by id alone). */
  public T fromBytes(byte[] bytes) {
    return deserialize(null, bytes);
  }

  /** The registry subject of a topic's values (Apicurio's and Confluent's default: the topic name strategy). */
  public static String subject(String topic) {
    return topic + "-value";
  }

  /**
   * Registers this type's schema for {@code topic}'s values now (what the first write would do), so that
   * writes go on from the cache while the registry is out of reach. Without a registry: nothing to do.
   */
  public void register(String topic) {
    if (registry != null) {
      registry.register(subject(topic), SpecificData.getForClass(type).getSchema(type).toString());
    }
  }

  @Override
  public Serializer<T> serializer() {
    return new Serializer<>() {
      @Override
      public byte[] serialize(String topic, T value) {
        return EventSerde.this.serialize(topic, value);
      }

      @Override
      public byte[] serialize(String topic, Headers headers, T value) {
        return EventSerde.this.serialize(topic, value);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return new Deserializer<>() {
      @Override
      public T deserialize(String topic, byte[] bytes) {
        return EventSerde.this.deserialize(topic, bytes);
      }

      @Override
      public T deserialize(String topic, Headers headers, byte[] bytes) {
        return EventSerde.this.deserialize(topic, bytes);
      }
    };
  }
}
