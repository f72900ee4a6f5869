package newsroom.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicClassifiersTest {
  private static final String BRIDGE = "Russia and North Korea opened a road bridge across the Tumen river, a sign of "
      + "their military alliance as troops fight in the war against Ukraine. The ministers and the president "
      + "signed a treaty; diplomats said the government would expand trade and transport links.";

  @Test
  void theVocabularyHasTheSeventeenTopLevelTopics() {
    assertThat(MediaTopics.load().topLevel()).hasSize(17);
    assertThat(MediaTopics.load().get("medtop:11000000").orElseThrow().name()).isEqualTo("politics");
  }

  @Test
  void theDefaultIsMultiLabelAndExplainsItself() {
    List<TopicScore> topics = DeskLexiconClassifier.load().classify(TopicText.terms(BRIDGE));
    assertThat(topics).extracting(TopicScore::qcode).contains("medtop:11000000", "medtop:16000000");
    assertThat(topics.get(0).evidence()).isNotEmpty();
    assertThat(topics.stream().mapToDouble(TopicScore::confidence).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void oneDeskTermDecidesABriefButNotAnArticle() {
    DeskLexiconClassifier lexicon = DeskLexiconClassifier.load();
    String brief = "Vardanyan agreed a new deal with Zelenograd on Friday.";
    assertThat(lexicon.classify(TopicText.terms(brief))).extracting(TopicScore::qcode).containsExactly("medtop:04000000");

    // The same sentence in a long text about nothing a desk lists: one stray desk word is not enough.
    String filler = " The morning was grey and the sky was pale, quiet and calm.";
    List<String> article = TopicText.terms(brief + filler.repeat(20));
    assertThat(article.size()).isGreaterThanOrEqualTo(100);
    assertThat(lexicon.classify(article)).isEmpty();
  }

  @Test
  void explicitArticlesGetMoreSpecificTopicsWithTheirEvidence() {
    List<TopicScore> details = new DetailedTopics(MediaTopics.load()).find(TopicText.terms(BRIDGE
        + " Trucks and passenger trains will use the road bridge, and freight will follow."));
    assertThat(details).extracting(TopicScore::qcode).contains("medtop:20000337", "medtop:20000341"); // transport, road transport
    TopicScore transport = details.stream().filter(d -> d.qcode().equals("medtop:20000337")).findFirst().orElseThrow();
    assertThat(transport.name()).isEqualTo("transport");
    assertThat(transport.evidence()).contains("bridg", "freight");
  }

  @Test
  void anArticleWithoutDeskVocabularyGetsNoTopic() {
    assertThat(DeskLexiconClassifier.load().classify(TopicText.terms("Lorem ipsum dolor sit amet."))).isEmpty();
  }

  @Test
  void spanishGermanFrenchAndItalianHaveLexiconsOfTheirOwnThatSayTheyAreLessSure() {
    String[][] items = {
        {"es", "medtop:15000000", "El equipo local ganó la final de la copa con un gol en el último minuto y el entrenador felicitó a los jugadores."},
        {"de", "medtop:04000000", "Die Aktien des Konzerns fielen an der Börse, nachdem das Unternehmen Verluste im dritten Quartal meldete."},
        {"fr", "medtop:07000000", "À l'hôpital, les médecins et les infirmières soignent les patients atteints de la maladie ; un vaccin est attendu."},
        {"it", "medtop:02000000", "I carabinieri hanno arrestato due uomini accusati di rapina; il giudice ha convalidato l'arresto in tribunale."},
    };
    for (String[] item : items) {
      DeskLexiconClassifier lexicon = DeskLexiconClassifier.forLanguage(item[0]).orElseThrow();
      List<TopicScore> topics = lexicon.classify(TopicText.terms(item[2], item[0]));
      assertThat(topics).as(item[0]).extracting(TopicScore::qcode).containsExactly(item[1]);
      assertThat(topics.get(0).confidence()).as("unmeasured, so halved").isEqualTo(0.5);
      assertThat(topics.get(0).evidence()).isNotEmpty();
      assertThat(lexicon.name()).isEqualTo("desk-lexicon-" + item[0] + "-1");
    }
    assertThat(DeskLexiconClassifier.forLanguage("de-AT")).map(DeskLexiconClassifier::name).contains("desk-lexicon-de-1");
    assertThat(DeskLexiconClassifier.forLanguage("nl")).as("no lexicon: no invented topics").isEmpty();
    assertThat(DeskLexiconClassifier.forLanguage("en")).as("English has the shipped default").isEmpty();
  }

  @Test
  void aGermanCompoundCountsForTheDeskOfItsLastPart() {
    DeskLexiconClassifier german = DeskLexiconClassifier.forLanguage("de").orElseThrow();
    List<TopicScore> election = german.classify(TopicText.terms("Vor der Bundestagswahl: Kanzlerkandidaten im Streit.", "de"));
    assertThat(election).extracting(TopicScore::qcode).containsExactly("medtop:11000000");
    assertThat(election.get(0).evidence()).contains("bundestagswahl");
    // Both parts need four letters: "Beispiel" is no "Spiel"; "Schauspieler" is listed as itself.
    assertThat(german.classify(TopicText.terms("Ein Beispiel aus dem Alltag.", "de"))).isEmpty();
    assertThat(german.classify(TopicText.terms("Der Schauspieler lacht.", "de")))
        .extracting(TopicScore::qcode).containsExactly("medtop:01000000");
  }

  @Test
  void aTrainedModelLearnsTheDesksAndSurvivesSavingAndLoading() throws Exception {
    List<TrainedTopicModel.Example> examples = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      examples.add(new TrainedTopicModel.Example(TopicText.terms("the striker scored a goal in the cup final " + i),
          "medtop:15000000"));
      examples.add(new TrainedTopicModel.Example(TopicText.terms("shares fell as the bank reported quarterly profit " + i),
          "medtop:04000000"));
      examples.add(new TrainedTopicModel.Example(TopicText.terms("the minister lost the vote in parliament " + i),
          "medtop:11000000"));
    }
    TrainedTopicModel model = TrainedTopicModel.train(examples, Instant.parse("2026-11-26T00:00:00Z"));
    StringWriter saved = new StringWriter();
    model.save(saved);
    TrainedTopicModel loaded = TrainedTopicModel.load(new StringReader(saved.toString()));

    List<TopicScore> scores = loaded.classify(TopicText.terms("a late goal won the final"));
    assertThat(scores.get(0).qcode()).isEqualTo("medtop:15000000");
    assertThat(scores.get(0).evidence()).contains("goal");
    assertThat(loaded.name()).isEqualTo("trained:2026-11-26T00:00:00Z");
    assertThat(loaded.classify(TopicText.terms("bank profit shares")).get(0).qcode()).isEqualTo("medtop:04000000");
  }
}
