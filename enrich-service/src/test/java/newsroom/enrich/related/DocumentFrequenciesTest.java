package newsroom.enrich.related;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class DocumentFrequenciesTest {
  private static KeyValueStore<String, Long> store() {
    KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("frequencies"),
        Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }

  private static void count(DocumentFrequencies frequencies, String... terms) {
    Map<String, Double> before = new HashMap<>();
    for (String term : terms) {
      before.put(term, frequencies.frequency(term));
    }
    frequencies.count(before);
  }

  @Test
  void countsHalveEveryHalfLifeAndTheirRatioToTheDocumentsStays() {
    DocumentFrequencies frequencies = new DocumentFrequencies(store(), 100);
    for (int i = 0; i < 99; i++) {
      count(frequencies, "election", i % 3 == 0 ? "recount" : "ballot");
    }
    assertThat(frequencies.documents()).isEqualTo(99);
    assertThat(frequencies.frequency("election")).isEqualTo(99);
    assertThat(frequencies.frequency("recount")).isEqualTo(33);
    count(frequencies, "election"); // the 100th document starts the next half-life
    assertThat(frequencies.documents()).isEqualTo(50);
    assertThat(frequencies.frequency("election")).isEqualTo(50);
    assertThat(frequencies.frequency("recount")).isEqualTo(16.5); // not rounded down to 16
  }

  @Test
  void aRestartReadsBackWhatWasCountedFromTheStore() {
    KeyValueStore<String, Long> store = store();
    DocumentFrequencies before = new DocumentFrequencies(store, 100);
    for (int i = 0; i < 150; i++) {
      count(before, "election", "turnout-" + (i % 7));
    }
    before.flush(); // a commit
    DocumentFrequencies after = new DocumentFrequencies(store, 100);
    assertThat(after.documents()).isEqualTo(before.documents());
    assertThat(after.frequency("election")).isEqualTo(before.frequency("election"));
    assertThat(after.frequency("turnout-3")).isEqualTo(before.frequency("turnout-3")).isPositive();
    count(after, "election"); // and goes on counting where the other stopped
    assertThat(after.frequency("election")).isEqualTo(before.frequency("election") + 1);
  }

  @Test
  void theStoreHoldsTheRecentVocabularyHoweverLongTheStreamRuns() {
    KeyValueStore<String, Long> store = store();
    DocumentFrequencies frequencies = new DocumentFrequencies(store, 100);
    List<Long> sizes = new ArrayList<>();
    for (int document = 0; document < 5_000; document++) {
      count(frequencies, "common", "rare-" + document, "other-" + document); // two new words every time
      if (document % 1_000 == 999) {
        frequencies.flush();
        sizes.add(size(store));
      }
    }
    // Three half-lives of new words (600) and a margin for the sweep's lag, not the 10,000 ever seen.
    assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThan(1_000));
    assertThat(frequencies.frequency("common")).isBetween(99.0, 200.0); // 199 halves to 99.5 at each new half-life
    assertThat(frequencies.frequency("rare-10")).isZero();
  }

  @Test
  void keywordsOfRealCopyHardlyChangeWhenTheCorpusStatisticsDecay() throws Exception {
    Path bbc = Path.of(System.getProperty("newsroom.shared.dir", "../../shared"), "eval/topics-bbc");
    assumeTrue(Files.isDirectory(bbc), "../shared/eval/topics-bbc is absent: skipping the keyword agreement check");
    List<String[]> articles = new ArrayList<>();
    try (Stream<Path> files = Files.walk(bbc)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
        int newline = Math.max(0, text.indexOf('\n'));
        articles.add(new String[] {text.substring(0, newline), text.substring(newline)});
      }
    }
    Collections.shuffle(articles, new Random(42)); // the folder lists them by desk
    // Half-lives of 200 and 500 articles, a hundred and forty times shorter than the service's (20,000).
    double harshest = agreement(articles, 200);
    double harsh = agreement(articles, 500);
    System.out.printf("keywords agreeing with the undecayed corpus's: %.3f (half-life 200), %.3f (500)%n", harshest, harsh);
    assertThat(harshest).isGreaterThan(0.85);
    assertThat(harsh).isGreaterThan(harshest);
  }

  /** Share of the keywords chosen with every article counted that are also chosen with decaying counts. */
  private static double agreement(List<String[]> articles, long halfLife) {
    DocumentFrequencies decaying = new DocumentFrequencies(store(), halfLife);
    DocumentFrequencies everything = new DocumentFrequencies(store(), Long.MAX_VALUE);
    int shared = 0;
    int chosen = 0;
    for (int i = 0; i < articles.size(); i++) {
      Map<String, Integer> candidates = Keywords.candidates(articles.get(i)[0], articles.get(i)[1], "en");
      Set<String> decayed = new HashSet<>(Keywords.choose(candidates, decaying, true, 8));
      List<String> exact = Keywords.choose(candidates, everything, true, 8);
      if (i >= 2 * halfLife) { // once the two corpora have had time to differ
        chosen += exact.size();
        shared += (int) exact.stream().filter(decayed::contains).count();
      }
    }
    return shared / (double) chosen;
  }

  private static long size(KeyValueStore<String, Long> store) {
    long size = 0;
    try (KeyValueIterator<String, Long> all = store.all()) {
      while (all.hasNext()) {
        all.next();
        size++;
      }
    }
    return size;
  }
}
