package newsroom.enrich.duplicates;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.enrich.Analysed;
import newsroom.enrich.Enricher;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Marks exact copies (same normalised text under another id) and near copies (MinHash similarity
 * of 0.8, or 0.5 with the same headline once labels and site names are stripped) with the id of
 * the first copy. An exact copy of a near copy points at both: its twin ({@code duplicate_of}) and
 * the first copy of the group ({@code near_duplicate_of}), so that every copy names its group. It sees every article (it runs on a single partition), remembers the last
 * {@code window} of articles, and forgets older ones hourly.
 */
public final class DuplicateFinder implements FixedKeyProcessor<String, Analysed, ArticleEnriched> {
  public static final String BY_TEXT = "duplicates-by-text";
  public static final String SIGNATURES = "duplicates-signatures";
  public static final String BANDS = "duplicates-bands";
  public static final String TITLES = "duplicates-titles";
  public static final List<String> STORES = List.of(BY_TEXT, SIGNATURES, BANDS, TITLES);

  static final double NEAR = 0.8;
  static final double NEAR_WITH_SAME_TITLE = 0.5;
  /**
   * Below this many words a text is a near copy only under the same headline. In a short text one
   * changed word moves the shingle overlap by a tenth, and the 64-hash estimate errs by ±0.06:
   * 36 one-sentence items of a template that differ by a number (true overlap 0.74) were taken for
   * near copies in a quarter of their pairs.
   */
  static final int MIN_WORDS = 50;
  private static final int BUCKET_CAP = 16;

  private final Duration window;
  private final Counter exact;
  private final Counter near;
  private FixedKeyProcessorContext<String, ArticleEnriched> context;
  private KeyValueStore<String, String> byText;
  private KeyValueStore<String, String> signatures;
  private KeyValueStore<String, String> bands;
  private KeyValueStore<String, String> titles;

  public DuplicateFinder(Duration window, MeterRegistry metrics) {
    this.window = window;
    this.exact = metrics.counter("enrich.duplicates", "kind", "exact");
    this.near = metrics.counter("enrich.duplicates", "kind", "near");
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ArticleEnriched> context) {
    this.context = context;
    this.byText = context.getStateStore(BY_TEXT);
    this.signatures = context.getStateStore(SIGNATURES);
    this.bands = context.getStateStore(BANDS);
    this.titles = context.getStateStore(TITLES);
    context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::forgetOld);
  }

  @Override
  public void process(FixedKeyRecord<String, Analysed> analysed) {
    FixedKeyRecord<String, ArticleEnriched> record = analysed.withValue(analysed.value().event());
    ArticleEnriched event = record.value();
    ArticleIngested article = event.getArticle();
    String id = article.getId();
    long seen = article.getIngestedAt().toEpochMilli();
    Fingerprint fingerprint = analysed.value().fingerprint() != null ? analysed.value().fingerprint()
        : Fingerprint.of(article.getTitle(), article.getBody());

    Entry first = Entry.parse(byText.get(fingerprint.exactHash()));
    if (first != null && !first.id.equals(id)) {
      exact.increment();
      ArticleEnriched.Builder copy = Enricher.copyOf(event).setDuplicateOf(first.id);
      Signature original = Signature.parse(signatures.get(first.id));
      if (original != null && original.root != null) { // a copy of a near copy belongs to that group too
        Signature root = Signature.parse(signatures.get(original.root));
        copy.setNearDuplicateOf(original.root).setNearDuplicateSimilarity(root == null ? null
            : (float) Fingerprint.similarity(original.values, root.values));
      }
      context.forward(record.withValue(copy.build()));
      return; // a copy: it does not become a reference for others
    }
    if (first == null) {
      byText.put(fingerprint.exactHash(), new Entry(id, seen).text());
    }

    Entry sameTitle = fingerprint.titleKey().split(" ").length >= 3 ? Entry.parse(titles.get(fingerprint.titleKey())) : null;
    boolean tooShortToEstimate = words(article.getBody()) < MIN_WORDS;
    String best = null;
    double bestSimilarity = 0;
    String bestRoot = null;
    for (String candidate : candidates(fingerprint, sameTitle)) {
      Signature other = Signature.parse(signatures.get(candidate));
      if (candidate.equals(id) || other == null) {
        continue;
      }
      double similarity = Fingerprint.similarity(fingerprint.signature(), other.values);
      boolean titled = sameTitle != null && sameTitle.id.equals(candidate);
      if (!titled && tooShortToEstimate) {
        continue;
      }
      double needed = titled ? NEAR_WITH_SAME_TITLE : NEAR;
      if (similarity >= needed && similarity > bestSimilarity) {
        best = candidate;
        bestSimilarity = similarity;
        bestRoot = other.root == null ? candidate : other.root;
      }
    }
    Signature previous = Signature.parse(signatures.get(id));
    String root = best != null ? bestRoot : previous == null ? null : previous.root;
    signatures.put(id, new Signature(previous == null ? seen : previous.firstSeen, root, fingerprint.signature()).text());
    for (String band : fingerprint.bandKeys()) {
      bands.put(band, withMember(bands.get(band), id));
    }
    if (sameTitle == null && fingerprint.titleKey().split(" ").length >= 3) {
      titles.put(fingerprint.titleKey(), new Entry(id, seen).text());
    }
    if (best != null) {
      near.increment();
      context.forward(record.withValue(Enricher.copyOf(event).setNearDuplicateOf(root)
          .setNearDuplicateSimilarity((float) bestSimilarity).build()));
    } else {
      context.forward(record);
    }
  }

  private static int words(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean letter = Character.isLetterOrDigit(text.charAt(i));
      if (letter && !inWord) {
        words++;
      }
      inWord = letter;
    }
    return words;
  }

  private Set<String> candidates(Fingerprint fingerprint, Entry sameTitle) {
    Set<String> ids = new LinkedHashSet<>();
    if (sameTitle != null) {
      ids.add(sameTitle.id);
    }
    for (String band : fingerprint.bandKeys()) {
      String members = bands.get(band);
      if (members != null) {
        ids.addAll(List.of(members.split(" ")));
      }
    }
    return ids;
  }

  private static String withMember(String members, String id) {
    List<String> ids = new ArrayList<>();
    if (members != null) {
      for (String member : members.split(" ")) {
        if (!member.equals(id)) {
          ids.add(member);
        }
      }
    }
    ids.add(id);
    return String.join(" ", ids.subList(Math.max(0, ids.size() - BUCKET_CAP), ids.size()));
  }

  /** The bucket without {@code id}, or null when nobody else is in it. */
  private static String withoutMember(String members, String id) {
    List<String> ids = members == null ? List.of()
        : List.of(members.split(" ")).stream().filter(member -> !member.equals(id)).toList();
    return ids.isEmpty() ? null : String.join(" ", ids);
  }

  /** Forgets the articles first seen before the window, with their band memberships (else the bands would grow forever). */
  private void forgetOld(long now) {
    long cutoff = now - window.toMillis();
    Map<String, Signature> old = new HashMap<>();
    try (KeyValueIterator<String, String> all = signatures.all()) {
      all.forEachRemaining(kv -> {
        Signature signature = Signature.parse(kv.value);
        if (signature.firstSeen < cutoff) {
          old.put(kv.key, signature);
        }
      });
    }
    old.forEach((id, signature) -> {
      signatures.delete(id);
      for (String band : Fingerprint.bandKeys(signature.values)) {
        String rest = withoutMember(bands.get(band), id);
        if (rest == null) {
          bands.delete(band);
        } else {
          bands.put(band, rest);
        }
      }
    });
    for (KeyValueStore<String, String> store : List.of(byText, titles)) {
      List<String> expired = new ArrayList<>();
      try (KeyValueIterator<String, String> all = store.all()) {
        while (all.hasNext()) {
          KeyValue<String, String> kv = all.next();
          if (Entry.parse(kv.value).seen < cutoff) {
            expired.add(kv.key);
          }
        }
      }
      expired.forEach(store::delete);
    }
  }

  /** "id|millis": the first article with a text or a title. */
  private record Entry(String id, long seen) {
    static Entry parse(String text) {
      if (text == null) {
        return null;
      }
      int bar = text.lastIndexOf('|');
      return new Entry(text.substring(0, bar), Long.parseLong(text.substring(bar + 1)));
    }

    String text() {
      return id + "|" + seen;
    }
  }

  /** "firstSeen|root or -|signature": an article's MinHash and the first copy it belongs to. */
  private record Signature(long firstSeen, String root, int[] values) {
    static Signature parse(String text) {
      if (text == null) {
        return null;
      }
      String[] parts = text.split("\\|", 3);
      return new Signature(Long.parseLong(parts[0]), parts[1].equals("-") ? null : parts[1],
          Fingerprint.parseSignature(parts[2]));
    }

    String text() {
      return firstSeen + "|" + (root == null ? "-" : root) + "|" + Fingerprint.signatureText(values);
    }
  }
}
