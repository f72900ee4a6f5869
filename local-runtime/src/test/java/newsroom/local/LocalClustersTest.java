package newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalClustersTest {
  @Test
  void aKafkaClusterOfThreeKeepsThreeReplicasAndNeedsTwoInSync() {
    KafkaCluster cluster = KafkaCluster.create(3, 9092);
    assertThat(cluster.bootstrapServers()).isEqualTo("localhost:9092,localhost:9094,localhost:9096");
    assertThat(cluster.voters()).isEqualTo("1@localhost:9093,2@localhost:9095,3@localhost:9097");
    assertThat(cluster.replicas()).isEqualTo((short) 3);
    assertThat(cluster.minInSyncReplicas()).isEqualTo(2);
    assertThat(KafkaCluster.parse(cluster.toString())).isEqualTo(cluster); // how a node process learns its cluster
  }

  @Test
  void smallerClustersKeepWhatTheyCan() {
    assertThat(KafkaCluster.create(1, 9092).minInSyncReplicas()).isEqualTo(1);
    assertThat(KafkaCluster.create(2, 9092).replicas()).isEqualTo((short) 2);
    assertThat(KafkaCluster.create(2, 9092).minInSyncReplicas()).isEqualTo(1);
    assertThat(KafkaCluster.create(5, 9092).replicas()).isEqualTo((short) 3);
    assertThatThrownBy(() -> KafkaCluster.create(0, 9092)).hasMessageContaining("at least one broker");
  }

  @Test
  void anElasticsearchClusterNamesEveryNodeToItsClients() {
    ElasticsearchCluster cluster = new ElasticsearchCluster(2, 9200);
    assertThat(cluster.urls()).isEqualTo("http://localhost:9200,http://localhost:9201");
    assertThat(cluster.transportPort(2)).isEqualTo(9301);
    assertThat(cluster.seedHosts()).isEqualTo("127.0.0.1:9300,127.0.0.1:9301");
    assertThat(cluster.initialMasterNodes()).isEqualTo("local-1,local-2");
  }
}
