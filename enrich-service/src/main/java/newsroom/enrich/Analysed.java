package newsroom.enrich;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import newsroom.enrich.duplicates.Fingerprint;
import newsroom.events.ArticleEnriched;
import newsroom.schemas.EventSerde;
import newsroom.schemas.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An enriched article on its way to the single all-articles partition, with what the parallel stage
 * already read off its text: the topic terms (the adaptation needs them again) and the duplicate
 * fingerprint. The single partition is the ceiling of any deployment, so what does not depend on its
 * state is done before it, in parallel. Either may be null (an article not in English has no topic
 * terms; a record written before this envelope has neither): the stage then reads the text itself.
 *
 * <p>Only the internal repartition topic carries it, in a format of its own: a marker, a version, the
 * event encoded as on news.articles.enriched, then the terms and the fingerprint.
 */
public record Analysed(ArticleEnriched event, List<String> topicTerms, Fingerprint fingerprint) {
  private static final byte MARKER = 'N';
  private static final byte VERSION = 1;
  /** Avro single-object encoding starts with these two bytes: the bare events written before the envelope. */
  private static final byte[] AVRO_MARKER = {(byte) 0xC3, 0x01};

  /** The article with everything the single partition can be spared, computed here. */
  public static Analysed of(ArticleEnriched event, List<String> topicTerms) {
    return new Analysed(event, topicTerms,
        Fingerprint.of(event.getArticle().getTitle(), event.getArticle().getBody()));
  }

  /** The envelope's serde; {@code events} encodes the event inside. */
  public static Serde<Analysed> serde(EventSerde<ArticleEnriched> events) {
    return new Serde<>() {
      @Override
      public Serializer<Analysed> serializer() {
        return (topic, value) -> value == null ? null : write(value, events);
      }

      @Override
      public Deserializer<Analysed> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes, events);
      }
    };
  }

  private static byte[] write(Analysed value, EventSerde<ArticleEnriched> events) {
    // Encoded as on news.articles.enriched, so that it names the schema registered there.
    byte[] event = events.serialize(Topics.ARTICLES_ENRICHED.name(), value.event());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(event.length + 4096);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(MARKER);
      out.writeByte(VERSION);
      out.writeInt(event.length);
      out.write(event);
      out.writeBoolean(value.topicTerms() != null);
      if (value.topicTerms() != null) {
        out.writeInt(value.topicTerms().size());
        for (String term : value.topicTerms()) {
          out.writeUTF(term);
        }
      }
      Fingerprint f = value.fingerprint();
      out.writeBoolean(f != null);
      if (f != null) {
        out.writeUTF(f.exactHash());
        out.writeUTF(f.titleKey());
        out.writeInt(f.signature().length);
        for (int h : f.signature()) {
          out.writeInt(h);
        }
      }
    } catch (IOException e) {
      throw new SerializationException("cannot write an analysed article: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  private static Analysed read(byte[] bytes, EventSerde<ArticleEnriched> events) {
    if (bytes.length >= 2 && bytes[0] == AVRO_MARKER[0] && bytes[1] == AVRO_MARKER[1]) {
      return new Analysed(events.fromBytes(bytes), null, null);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != MARKER || in.readByte() != VERSION) {
        throw new SerializationException("not an analysed article of version " + VERSION
            + " (" + bytes.length + " bytes): was it written by a newer enrich-service?");
      }
      byte[] event = new byte[in.readInt()];
      in.readFully(event);
      List<String> terms = null;
      if (in.readBoolean()) {
        int n = in.readInt();
        terms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          terms.add(in.readUTF());
        }
      }
      Fingerprint fingerprint = null;
      if (in.readBoolean()) {
        String exactHash = in.readUTF();
        String titleKey = in.readUTF();
        int[] signature = new int[in.readInt()];
        for (int i = 0; i < signature.length; i++) {
          signature[i] = in.readInt();
        }
        fingerprint = new Fingerprint(exactHash, signature, titleKey);
      }
      return new Analysed(events.fromBytes(event), terms, fingerprint);
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException s) {
        throw s;
      }
      throw new SerializationException("not a readable analysed article (" + bytes.length + " bytes): " + e.getMessage(), e);
    }
  }
}
