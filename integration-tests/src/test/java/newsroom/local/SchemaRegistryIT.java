package newsroom.local;

import static newsroom.schemas.SampleEvents.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import java.util.Map;
import java.util.UUID;
import newsroom.events.ArticleIngested;
import newsroom.schemas.EventSerde;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.SchemaEvolution;
import newsroom.schemas.SchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The event serdes against a real schema registry (Apicurio Registry, through its Confluent-compatible
 * API): what a consumer built against this release reads when producers have moved on, and what the
 * registry refuses.
 */
class SchemaRegistryIT {
  private final SchemaRegistry registry = new SchemaRegistry(LocalInfra.shared().schemaRegistryUrl());
  private final EventSerde<ArticleIngested> serde = EventSerdes.using(registry).of(ArticleIngested.class);
  private final String topic = "registry-it-" + UUID.randomUUID();

  @Test
  void writesTheConfluentWireFormatWithTheSchemaRegisteredUnderTheTopicsSubject() {
    byte[] bytes = serde.serialize(topic, article());

    assertThat(bytes[0]).as("Confluent magic byte").isZero();
    long id = ((bytes[1] & 0xFFL) << 24) | ((bytes[2] & 0xFFL) << 16) | ((bytes[3] & 0xFFL) << 8) | (bytes[4] & 0xFFL);
    assertThat(new Schema.Parser().parse(registry.schema(id))).isEqualTo(ArticleIngested.getClassSchema());
    assertThat(registry.subjects()).contains(topic + "-value");
    assertThat(registry.compatibility(topic + "-value")).isEqualTo(SchemaRegistry.COMPATIBILITY);
    assertThat(serde.deserialize(topic, bytes)).isEqualTo(article());
  }

  @Test
  void readsEventsWrittenBeforeTheRegistryAndAfterIt() {
    byte[] before = EventSerdes.withoutRegistry().of(ArticleIngested.class).serialize(topic, article());
    byte[] after = serde.serialize(topic, article());

    assertThat(before[0]).isEqualTo((byte) 0xC3);
    assertThat(serde.deserialize(topic, before)).isEqualTo(article());
    assertThat(serde.deserialize(topic, after)).isEqualTo(article());
  }

  /** The stall of single-object encoding (EventSerdeTest) is gone: the writer's schema comes from the registry. */
  @Test
  void aConsumerBuiltAgainstThisReleaseReadsEventsOfALaterOne() {
    Schema later = SchemaEvolution.withOptionalField(ArticleIngested.getClassSchema(), "added_later");
    GenericRecord event = SchemaEvolution.copy(article(), later);
    event.put("added_later", "a value this build has never heard of");
    AvroKafkaSerializer<GenericRecord> laterProducer = new AvroKafkaSerializer<>(registry);
    laterProducer.configure(Map.of(SchemaResolverConfig.REGISTRY_URL, registry.url(),
        SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true, SchemaResolverConfig.DEREFERENCE_SCHEMA, true,
        SerdeConfig.USE_ID, IdOption.contentId.name()), false);

    byte[] bytes = laterProducer.serialize(topic, event);

    assertThat(serde.deserialize(topic, bytes)).isEqualTo(article());
  }

  @Test
  void theRegistryRefusesAnIncompatibleChange() {
    serde.serialize(topic, article()); // registers the release's schema
    Schema incompatible = SchemaBuilder.record("ArticleIngested").namespace("newsroom.events").fields()
        .requiredString("id").requiredLong("word_count").endRecord(); // a new field without default

    assertThatThrownBy(() -> registry.register(topic + "-value", incompatible.toString()))
        .isInstanceOf(SchemaRegistry.RegistryException.class).hasMessageContaining("incompatible");
  }
}
