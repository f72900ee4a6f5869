package newsroom.service;

import java.util.List;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.SchemaRegistry;
import newsroom.schemas.Topic;

/**
 * Kafka settings every service reads the same way.
 *
 * @param singleObjectEvents write events in Avro single-object encoding, as releases before the registry did
 */
public record KafkaSettings(String bootstrapServers, int partitions, short replicas, String schemaRegistryUrl,
                            boolean singleObjectEvents) {
  /** Where {@code ./newsroom up} runs Apicurio Registry's Confluent-compatible API. */
  public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8085/apis/ccompat/v7";

  public KafkaSettings(String bootstrapServers, int partitions, short replicas, String schemaRegistryUrl) {
    this(bootstrapServers, partitions, replicas, schemaRegistryUrl, false);
  }

  public static KafkaSettings from(Settings settings) {
    return new KafkaSettings(
        settings.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "Kafka brokers, host:port[,host:port…]"),
        settings.integer("NEWSROOM_TOPIC_PARTITIONS", 3, 1, 1_000,
            "Partitions of the topics a service creates when they are missing"),
        (short) settings.integer("NEWSROOM_TOPIC_REPLICAS", 1, 1, 10,
            "Replication factor of the topics a service creates (use 3 on a real cluster)"),
        settings.string("SCHEMA_REGISTRY_URL", DEFAULT_SCHEMA_REGISTRY_URL,
            "The schema registry's Confluent-compatible API (Apicurio: http://HOST:PORT/apis/ccompat/v7; Confluent: its root)"),
        Boolean.TRUE.equals(settings.custom("NEWSROOM_EVENT_FORMAT", "confluent", "How events are written: confluent (the Confluent wire "
            + "format, schemas in the registry) or single-object (as releases before the registry wrote them, while "
            + "consumers built against those releases still read the topics); both are always read", format ->
            switch (format.strip()) {
              case "confluent" -> false;
              case "single-object" -> true;
              default -> throw new IllegalArgumentException("must be confluent or single-object");
            })));
  }

  /** The serdes of every event, through the schema registry. */
  public EventSerdes eventSerdes() {
    SchemaRegistry registry = new SchemaRegistry(schemaRegistryUrl);
    return singleObjectEvents ? EventSerdes.writingSingleObject(registry) : EventSerdes.using(registry);
  }

  /** Creates any of {@code topics} that does not exist yet. */
  public void ensureTopics(List<Topic<?, ?>> topics) {
    KafkaTopics.ensure(bootstrapServers, topics, partitions, replicas);
  }
}
