package newsroom.schemas;

import static newsroom.schemas.SampleEvents.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import newsroom.events.ArticleIngested;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The serde without a registry: the single-object encoding that releases before the registry wrote, which
 * every later release must still read. Its reads through a registry are tested against a real one
 * (integration-tests: SchemaRegistryIT).
 */
class EventSerdeTest {
  private final EventSerde<ArticleIngested> serde = EventSerdes.withoutRegistry().of(ArticleIngested.class);

  @Test
  void roundTrips() {
    ArticleIngested article = article();
    byte[] bytes = serde.serializer().serialize("t", article);
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(article);
  }

  @Test
  void nullIsATombstone() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void garbageIsASerializationExceptionThatSaysWhatWasExpected() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", "{\"id\":1}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not a readable ArticleIngested event");
  }

  @Test
  void aRegistryFramedEventWithoutARegistrySaysSo() {
    byte[] framed = {0, 0, 0, 0, 7, 2, 'x'};
    assertThatThrownBy(() -> serde.fromBytes(framed)).isInstanceOf(SerializationException.class)
        .hasMessageContaining("no registry is configured");
  }

  /**
   * Why events moved to a registry: a reader of single-object encoding knows only the schemas released
   * inside its own jar, so an event written with a newer schema (one optional field more, which
   * {@link SchemaCompatibilityTest} calls compatible) cannot be read by it, and a consumer stalls on it.
   */
  @Test
  void singleObjectEncodingCannotBeReadWithASchemaNewerThanTheReadersJar() throws Exception {
    Schema current = ArticleIngested.getClassSchema();
    Schema newer = SchemaEvolution.withOptionalField(current, "added_later");
    GenericRecord event = SchemaEvolution.copy(article(), newer);
    byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(event).array();

    assertThatThrownBy(() -> serde.fromBytes(bytes)).isInstanceOf(SerializationException.class)
        .hasMessageContaining("not a readable ArticleIngested event");
  }

  @Test
  void readsEventsWrittenWithAnOlderReleasedSchema() throws Exception {
    // An event written by a producer that still uses release 1 of the schema.
    Schema v1 = ReleasedSchemas.of(ArticleIngested.getClassSchema().getFullName()).get(0);
    GenericRecord old = new GenericData.Record(v1);
    for (Schema.Field field : v1.getFields()) {
      old.put(field.name(), field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null);
    }
    old.put("id", "u1");
    old.put("source", "wire");
    old.put("title", "T");
    old.put("body", "B");
    old.put("ingested_at", 1_000L);
    old.put("content_hash", "h");
    old.put("content_format", new GenericData.EnumSymbol(v1.getField("content_format").schema(), "TEXT"));
    var encoder = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1);
    byte[] bytes = encoder.encode(old).array();

    ArticleIngested read = serde.fromBytes(bytes);
    assertThat(read.getId()).isEqualTo("u1");
    assertThat(read.getSource()).isEqualTo("wire");
  }
}
