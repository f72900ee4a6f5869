package newsroom.local;

/** Where the integration tests find Kafka and Elasticsearch. */
interface Infra {
  String kafkaBootstrap();

  String elasticsearchUrl();
}
