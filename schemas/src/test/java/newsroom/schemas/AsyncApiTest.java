package newsroom.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AsyncApiTest {
  private final JsonNode document = read(AsyncApi.document());

  @Test
  void describesEveryTopicOfTheCatalogueWithWhatWritesIt() {
    assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
    for (Topic<?, ?> topic : Topics.all()) {
      String id = AsyncApi.id(topic.name());
      assertThat(id).matches("[A-Za-z0-9_\\-]+");
      JsonNode channel = document.path("channels").path(id);
      assertThat(channel.path("address").asText()).as(topic.name()).isEqualTo(topic.name());
      assertThat(channel.path("bindings").path("kafka").path("topicConfiguration").path("cleanup.policy").get(0).asText())
          .isEqualTo(topic.compacted() ? "compact" : "delete");
      JsonNode operation = document.path("operations").path("write" + Character.toUpperCase(id.charAt(0)) + id.substring(1));
      assertThat(operation.path("action").asText()).isEqualTo("send");
      assertThat(operation.path("description").asText()).contains(topic.writtenBy());
    }
  }

  @Test
  void givesEachEventsAvroSchemaAndItsFraming() {
    for (Topic<?, ?> topic : Topics.all()) {
      if (topic.valueType() == byte[].class) {
        continue;
      }
      Class<? extends SpecificRecord> type = topic.valueType().asSubclass(SpecificRecord.class);
      JsonNode message = document.path("components").path("messages").path(type.getSimpleName());
      Schema described = new Schema.Parser().parse(message.path("payload").path("schema").toString());
      assertThat(described).isEqualTo(SpecificData.getForClass(type).getSchema(type));
      assertThat(message.path("bindings").path("kafka").path("schemaIdPayloadEncoding").asText()).isEqualTo("confluent");
    }
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
