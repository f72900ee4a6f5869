package newsroom.schemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The contract for consumers as an AsyncAPI 3.0 document, made from the topic catalogue ({@link Topics}):
 * every topic with its key, its value's Avro schema, its cleanup policy and what writes it, and how the
 * values are framed (the Confluent wire format, the schema id from the registry subject
 * {@code <topic>-value}). index-service serves it at {@code /asyncapi.json}.
 */
public final class AsyncApi {
  /** The Kafka bindings of AsyncAPI that name the schema id's place and encoding. */
  static final String KAFKA_BINDING_VERSION = "0.5.0";
  private static final String AVRO_SCHEMA_FORMAT = "application/vnd.apache.avro+json;version=1.9.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AsyncApi() {}

  /** The document for every topic of the catalogue. */
  public static String document() {
    return document(Topics.all());
  }

  /** The document for {@code topics}, as JSON. */
  public static String document(List<Topic<?, ?>> topics) {
    ObjectNode root = JSON.createObjectNode();
    root.put("asyncapi", "3.0.0");
    ObjectNode info = root.putObject("info");
    info.put("title", "Newsroom pipeline events");
    info.put("version", "1"); // the contract's; each schema's own versions are the registry's
    info.put("description", "The Kafka topics of the newsroom pipeline. Values are Avro in the Confluent wire format "
        + "(a zero byte, the schema's 4-byte id in the schema registry, the binary datum); each topic's value schema "
        + "is registered under the subject <topic>-value with compatibility " + SchemaRegistry.COMPATIBILITY
        + ". Keys are UTF-8 strings unless a topic says otherwise. Read enrich-service's topics with "
        + "isolation.level=read_committed.");
    ObjectNode servers = root.putObject("servers");
    ObjectNode kafka = servers.putObject("kafka");
    kafka.put("host", "localhost:9092");
    kafka.put("protocol", "kafka");
    kafka.put("description", "The brokers of ./newsroom up; the schema registry is at "
        + "http://localhost:8085/apis/ccompat/v7 (Confluent-compatible API).");
    ObjectNode channels = root.putObject("channels");
    ObjectNode operations = root.putObject("operations");
    ObjectNode messages = root.putObject("components").putObject("messages");
    for (Topic<?, ?> topic : topics) {
      String id = id(topic.name());
      String message = topic.valueType() == byte[].class ? id + "Record" : topic.valueType().getSimpleName();
      ObjectNode channel = channels.putObject(id);
      channel.put("address", topic.name());
      channel.put("description", topic.doc());
      channel.putObject("messages").putObject(message).put("$ref", "#/components/messages/" + message);
      ObjectNode binding = channel.putObject("bindings").putObject("kafka");
      binding.put("topic", topic.name());
      ArrayNode policy = binding.putObject("topicConfiguration").putArray("cleanup.policy");
      policy.add(topic.compacted() ? "compact" : "delete");
      binding.put("bindingVersion", KAFKA_BINDING_VERSION);

      ObjectNode operation = operations.putObject("write" + Character.toUpperCase(id.charAt(0)) + id.substring(1));
      operation.put("action", "send");
      operation.putObject("channel").put("$ref", "#/channels/" + id);
      operation.put("description", "Written by " + topic.writtenBy() + ".");

      if (!messages.has(message)) {
        messages.set(message, message(topic, message));
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode message(Topic<?, ?> topic, String name) {
    ObjectNode message = JSON.createObjectNode();
    ObjectNode binding = message.putObject("bindings").putObject("kafka");
    boolean stringKeys = topic.keySerde().getClass().equals(Serdes.String().getClass());
    binding.putObject("key").put("type", "string").put("description", stringKeys ? "UTF-8 text" : "the original record's key, unchanged");
    if (topic.valueType() == byte[].class) {
      message.put("name", name);
      message.put("contentType", "application/octet-stream");
      message.put("summary", "The record that could not be handled, its key and value unchanged, the reason in headers.");
      message.putObject("payload").put("type", "string").put("format", "binary");
    } else {
      Class<? extends SpecificRecord> type = topic.valueType().asSubclass(SpecificRecord.class);
      var schema = SpecificData.getForClass(type).getSchema(type);
      message.put("name", name);
      message.put("contentType", "application/octet-stream");
      message.put("summary", schema.getDoc());
      ObjectNode payload = message.putObject("payload");
      payload.put("schemaFormat", AVRO_SCHEMA_FORMAT);
      try {
        payload.set("schema", JSON.readTree(schema.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      binding.put("schemaIdLocation", "payload");
      binding.put("schemaIdPayloadEncoding", "confluent");
      binding.put("schemaLookupStrategy", "TopicIdStrategy");
    }
    binding.put("bindingVersion", KAFKA_BINDING_VERSION);
    return message;
  }

  /** A channel id AsyncAPI accepts: news.articles.enriched becomes newsArticlesEnriched. */
  static String id(String topic) {
    StringBuilder id = new StringBuilder();
    boolean upper = false;
    for (char c : topic.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        id.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return id.toString();
  }
}
