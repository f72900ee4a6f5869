package newsroom.enrich.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import newsroom.enrich.Analysed;
import newsroom.enrich.Enricher;
import newsroom.enrich.StageTimers;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.EnrichmentInfo;
import newsroom.events.TopicAssignment;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adapts the shipped default's top-level topics to the corpus seen so far ({@link CorpusTopics}),
 * on the all-articles partition where every article passes. Articles decided by a newsroom's own
 * trained model pass unchanged. The corpus is logged in {@value #STORE} (key: arrival number; value:
 * an {@link Entry}) and replayed after a restart; the oldest beyond capacity are deleted.
 */
public final class TopicAdapter implements FixedKeyProcessor<String, Analysed, Analysed> {
  public static final String STORE = "topic-corpus";

  private final int capacity;
  private final boolean trainInBackground;
  private final StageTimers stages;
  private final MediaTopics vocabulary = MediaTopics.load();
  private ExecutorService trainer;
  private CorpusTopics corpus;
  private FixedKeyProcessorContext<String, Analysed> context;
  private KeyValueStore<String, String> store;
  private long next;

  /** {@code trainInBackground}: false in tests, so that every run decides the same. */
  public TopicAdapter(int capacity, boolean trainInBackground, StageTimers stages) {
    this.capacity = capacity;
    this.trainInBackground = trainInBackground;
    this.stages = stages;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Analysed> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    if (trainInBackground) {
      trainer = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("topic-corpus-training").factory());
      corpus = new CorpusTopics(capacity, stages.timed("topic training (background)", trainer));
    } else {
      corpus = new CorpusTopics(capacity, Runnable::run);
    }
    List<String> logged = new ArrayList<>();
    try (KeyValueIterator<String, String> all = store.all()) {
      all.forEachRemaining(entry -> {
        logged.add(entry.key);
        Entry read = Entry.parse(entry.value);
        corpus.remember(read.terms(), read.lexicon());
        next = Long.parseLong(entry.key) + 1;
      });
    }
    logged.subList(0, Math.max(0, logged.size() - capacity)).forEach(store::delete);
    corpus.trainIfDue();
  }

  @Override
  public void process(FixedKeyRecord<String, Analysed> record) {
    ArticleEnriched event = record.value().event();
    if (!DeskLexiconClassifier.NAME.equals(event.getEnrichment().getTopicModel())) {
      context.forward(record); // a newsroom's own model decided: it knows the newsroom better
      return;
    }
    ArticleIngested article = event.getArticle();
    List<String> terms = record.value().topicTerms() != null ? record.value().topicTerms()
        : TopicText.terms(article.getTitle() + "\n" + article.getBody());
    List<TopicScore> lexicon = new ArrayList<>();
    List<TopicAssignment> others = new ArrayList<>();
    for (TopicAssignment topic : event.getTopics()) {
      if (vocabulary.get(topic.getQcode()).filter(t -> t.level() == 1).isPresent()) {
        lexicon.add(new TopicScore(topic.getQcode(), topic.getName(), topic.getConfidence(), topic.getEvidence()));
      } else {
        others.add(topic); // more specific Media Topics and the newsroom's rules
      }
    }
    List<TopicAssignment> decided = new ArrayList<>(corpus.decide(terms, lexicon).stream()
        .map(t -> new TopicAssignment(t.qcode(), t.name(), (float) t.confidence(), t.evidence())).toList());
    decided.addAll(others);
    String model = corpus.name(DeskLexiconClassifier.NAME);
    if (event.getRevision() == 1 && event.getEventVersion() == 1) { // a revision or re-enrichment teaches nothing new
      learn(terms, lexicon);
    }
    context.forward(record.withValue(new Analysed(Enricher.copyOf(event).setTopics(decided)
        .setEnrichment(EnrichmentInfo.newBuilder(event.getEnrichment()).setTopicModel(model).build()).build(),
        terms, record.value().fingerprint())));
  }

  private void learn(List<String> terms, List<TopicScore> lexicon) {
    store.put(key(next), new Entry(lexicon, terms).text());
    if (next >= capacity) {
      store.delete(key(next - capacity));
    }
    next++;
    corpus.learn(terms, lexicon);
  }

  /** An article of the logged corpus: the lexicon's top-level topics (qcodes and confidences only) and its terms. */
  record Entry(List<TopicScore> lexicon, List<String> terms) {
    String text() {
      return String.join(" ", lexicon.stream().map(t -> t.qcode() + "=" + t.confidence()).toList())
          + "\t" + String.join(" ", terms);
    }

    /**
     * Reads {@code qcode=confidence …<tab>terms}. A bare qcode is a sure example logged by an earlier
     * version, which logged only those: it reads as confidence 1.
     */
    static Entry parse(String text) {
      int tab = text.indexOf('\t');
      List<TopicScore> lexicon = new ArrayList<>();
      for (String topic : words(text.substring(0, tab))) {
        int eq = topic.lastIndexOf('=');
        String qcode = eq < 0 ? topic : topic.substring(0, eq);
        lexicon.add(new TopicScore(qcode, qcode, eq < 0 ? 1.0 : Double.parseDouble(topic.substring(eq + 1)), List.of()));
      }
      return new Entry(lexicon, words(text.substring(tab + 1)));
    }

    private static List<String> words(String text) {
      return text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }
  }

  private static String key(long number) {
    return "%016d".formatted(number);
  }

  @Override
  public void close() {
    if (trainer != null) {
      trainer.shutdownNow();
    }
  }
}
