package newsroom.enrich.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import newsroom.enrich.Enricher;
import newsroom.enrich.topics.MediaTopics;
import newsroom.events.AlertSubscription;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.events.TopicAssignment;
import org.junit.jupiter.api.Test;

class AlertQueryTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private final MediaTopics vocabulary = MediaTopics.load();

  private static ArticleEnriched article(String source, String title, String body, String... qcodes) {
    return inLanguage(null, source, title, body, qcodes);
  }

  private static ArticleEnriched inLanguage(String language, String source, String title, String body, String... qcodes) {
    ArticleIngested article = ArticleIngested.newBuilder().setId("a").setSource(source).setTitle(title).setBody(body)
        .setLanguage(language).setIngestedAt(NOW).setContentHash("h").setContentFormat(ContentFormat.TEXT).build();
    return Enricher.copyOf(Enricher.pending(article, 1, 1)).setTopics(List.of(qcodes).stream()
        .map(q -> new TopicAssignment(q, q, 1f, List.of())).toList()).build();
  }

  private boolean matches(AlertSubscription.Builder subscription, ArticleEnriched event) {
    AlertQuery query = AlertQuery.of(subscription.setId("x").setName("x").setUpdatedAt(NOW).build());
    return query.matches(event, AlertQuery.Text.of(event.getArticle()), vocabulary);
  }

  @Test
  void theQueryReadsAsSearchDoes() {
    ArticleEnriched event = article("wire", "Road bridge opens", "The new road bridge over the Tumen River opened.");
    assertThat(matches(AlertSubscription.newBuilder().setQuery("\"road bridge\" Tumen"), event)).isTrue();
    assertThat(matches(AlertSubscription.newBuilder().setQuery("\"bridge road\""), event)).isFalse();
    assertThat(matches(AlertSubscription.newBuilder().setQuery("bridge -Tumen"), event)).isFalse();
    assertThat(matches(AlertSubscription.newBuilder().setQuery("ferry OR tumen"), event)).isTrue();
    assertThat(matches(AlertSubscription.newBuilder().setQuery("the"), event)).isTrue(); // stop words constrain nothing
  }

  @Test
  void aWordAlsoMatchesOtherFormsOfItInTheArticlesLanguageAsSearchDoes() {
    ArticleEnriched spanish = inLanguage("es", "wire", "Acuerdo sobre el gasoducto", "El Gobierno firmó el acuerdo.");
    assertThat(matches(AlertSubscription.newBuilder().setQuery("acuerdos gasoductos"), spanish)).isTrue();
    assertThat(matches(AlertSubscription.newBuilder().setQuery("acuerdos puertos"), spanish)).isFalse();
    ArticleEnriched english = article("wire", "Bridges open", "The new road bridge opened.");
    assertThat(matches(AlertSubscription.newBuilder().setQuery("bridge opening"), english)).isTrue();
  }

  @Test
  void sourcesAreAlternativesAndABroaderTopicCoversItsNarrowerOnes() {
    ArticleEnriched event = article("wire-a", "Bridge", "A bridge.", "medtop:20000341"); // road transport
    assertThat(matches(AlertSubscription.newBuilder().setSources(List.of("wire-b", "wire-a")), event)).isTrue();
    assertThat(matches(AlertSubscription.newBuilder().setSources(List.of("wire-b")), event)).isFalse();
    assertThat(matches(AlertSubscription.newBuilder().setTopics(List.of("medtop:04000000")), event)).isTrue(); // economy
    assertThat(matches(AlertSubscription.newBuilder().setTopics(List.of("medtop:20000341")), event)).isTrue();
    assertThat(matches(AlertSubscription.newBuilder().setTopics(List.of("medtop:11000000")), event)).isFalse();
  }
}
