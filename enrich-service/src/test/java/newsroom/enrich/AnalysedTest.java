package newsroom.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AnalysedTest {
  private static final EventSerdes SERDES = EventSerdes.withoutRegistry();
  private static final Serde<Analysed> ANALYSED = Analysed.serde(SERDES.of(ArticleEnriched.class));
  private static final ArticleEnriched EVENT = Enricher.pending(ArticleIngested.newBuilder().setId("a").setSource("wire")
      .setTitle("Opinion | The bridge opens – Example News").setBody("The new bridge over the river opens to traffic today.")
      .setIngestedAt(Instant.EPOCH).setContentHash("h").setContentFormat(ContentFormat.TEXT).build(), 1, 1);

  @Test
  void theEnvelopeCarriesTheEventTermsAndFingerprintAcross() {
    Analysed analysed = Analysed.of(EVENT, List.of("bridg", "open", "traffic"));
    Analysed read = ANALYSED.deserializer().deserialize("t", ANALYSED.serializer().serialize("t", analysed));
    assertThat(read.event()).isEqualTo(EVENT);
    assertThat(read.topicTerms()).containsExactly("bridg", "open", "traffic");
    assertThat(read.fingerprint().exactHash()).isEqualTo(analysed.fingerprint().exactHash());
    assertThat(read.fingerprint().titleKey()).isEqualTo("the bridge opens");
    assertThat(read.fingerprint().signature()).isEqualTo(analysed.fingerprint().signature());
  }

  @Test
  void anArticleWithoutTermsOrABareEventWrittenBeforeTheEnvelopeIsReadToo() {
    Analysed noTerms = new Analysed(EVENT, null, null);
    Analysed read = ANALYSED.deserializer().deserialize("t", ANALYSED.serializer().serialize("t", noTerms));
    assertThat(read).isEqualTo(noTerms);
    Analysed bare = ANALYSED.deserializer().deserialize("t", SERDES.write(Topics.ARTICLES_ENRICHED, EVENT));
    assertThat(bare.event()).isEqualTo(EVENT);
    assertThat(bare.topicTerms()).isNull();
    assertThat(bare.fingerprint()).isNull();
  }

  @Test
  void bytesOfAnotherKindAreRejectedWithAReason() {
    assertThatThrownBy(() -> ANALYSED.deserializer().deserialize("t", new byte[] {'N', 9, 0}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("newer enrich-service");
    byte[] cut = ANALYSED.serializer().serialize("t", Analysed.of(EVENT, List.of("bridg")));
    assertThatThrownBy(() -> ANALYSED.deserializer().deserialize("t", java.util.Arrays.copyOf(cut, cut.length - 9)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("not a readable analysed article");
  }
}
