package newsroom.local;

/** Where the integration tests find Kafka, Elasticsearch and the schema registry. */
interface Infra {
  String kafkaBootstrap();

  /** The registry's Confluent-compatible API. */
  String schemaRegistryUrl();

  String elasticsearchUrl();
}
