package newsroom.local;

/** The pipeline on a real Kafka broker and a real Elasticsearch node started on this machine (what CI runs). */
class LocalPipelineIT extends PipelineTests {
  @Override
  Infra infra() {
    return LocalInfra.shared();
  }
}
