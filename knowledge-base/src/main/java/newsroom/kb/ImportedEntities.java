package newsroom.kb;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsroom.events.EntityType;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * A knowledge base imported from a Wikidata dump ({@code ./newsroom kb import}): a read-only Lucene
 * index, memory-mapped, so that the operating system keeps in memory only what linking touches and
 * every enrich-service instance on a machine shares those pages. Names are terms of the
 * {@value #NAME} field (in {@link KnowledgeBase#key} form); documents are sorted by popularity
 * (sitelinks, also a doc value), so a name of thousands of entities costs no more than its top few.
 */
public final class ImportedEntities implements Closeable {
  public static final String ID = "id";
  public static final String NAME = "name";
  public static final String KIND = "kind";
  public static final String SITELINKS = "sitelinks";
  public static final String LABEL = "label";
  public static final String ALIASES = "aliases";
  public static final String DESCRIPTION = "description";
  public static final String WIKIPEDIA = "enwiki";
  /** Ids of the entities it is related to (its country, party, employer, …), stored as {@link #relatedBytes}. */
  public static final String RELATED = "related";
  /** Separates aliases in the stored {@value #ALIASES} field. */
  public static final char ALIAS_SEPARATOR = '\u001f';
  /**
   * A name of more entities than this offers only its most popular ones as candidates; the others
   * are only counted ({@link #namesakes}). Popularity falls off so fast that the eleventh "John
   * Smith" rarely matters, and each one loaded costs a stored-fields read.
   */
  public static final int MAX_CANDIDATES = 10;
  /** Names (and ids) whose entities are kept loaded: news repeats names, and loading an entity decompresses a block. */
  private static final int CACHED_NAMES = 50_000;

  /**
   * An imported entity: the entry linking uses, and what ranks it: popularity, a description and
   * the ids of the entities it is related to.
   */
  public record Imported(KnowledgeBase.Entry entry, int sitelinks, String description, String wikipediaTitle,
                         List<String> related) {}

  private final DirectoryReader reader;
  private final RelatedCounts relatedCounts;
  private final String version;
  /** The most popular entities of a name, and how many entities have the name in all. */
  private record Named(List<Imported> top, int count) {}

  private final Map<String, Named> recent = lru();
  private final Map<String, Optional<Imported>> recentIds = lru();
  private final Map<String, Integer> recentRelatedCounts = lru();

  private ImportedEntities(DirectoryReader reader, RelatedCounts relatedCounts, String version) {
    this.reader = reader;
    this.relatedCounts = relatedCounts;
    this.version = version;
  }

  /** Opens the index in {@code dir} (one version of an imported knowledge base) read-only. */
  public static ImportedEntities open(Path dir, String version) throws IOException {
    FSDirectory directory = FSDirectory.open(dir);
    return new ImportedEntities(DirectoryReader.open(directory), RelatedCounts.open(directory), version);
  }

  public String version() {
    return version;
  }

  public int size() {
    return reader.numDocs();
  }

  /** The entities {@code key} (a name in {@link KnowledgeBase#key} form) names, most popular first, at most {@value #MAX_CANDIDATES}. */
  public List<Imported> named(String key) {
    return lookUp(key).top();
  }

  /** How many imported entities {@code key} names in all, {@link #named} or not. */
  public int namesakes(String key) {
    return lookUp(key).count();
  }

  private Named lookUp(String key) {
    Named known = recent.get(key);
    if (known == null) {
      known = load(key);
      recent.put(key, known);
    }
    return known;
  }

  private Named load(String key) {
    try {
      record Hit(LeafReader leaf, int doc, long sitelinks) {}
      List<Hit> hits = new ArrayList<>();
      int count = 0;
      BytesRef term = new BytesRef(key);
      for (LeafReaderContext context : reader.leaves()) {
        LeafReader leaf = context.reader();
        Terms terms = leaf.terms(NAME);
        if (terms == null) {
          continue;
        }
        TermsEnum names = terms.iterator();
        if (!names.seekExact(term)) {
          continue;
        }
        count += names.docFreq();
        PostingsEnum docs = names.postings(null, PostingsEnum.NONE);
        NumericDocValues popularity = leaf.getNumericDocValues(SITELINKS);
        // The index is sorted by popularity: a segment's first postings are its most popular entities.
        int taken = 0;
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS && taken++ < MAX_CANDIDATES; doc = docs.nextDoc()) {
          long sitelinks = popularity != null && popularity.advanceExact(doc) ? popularity.longValue() : 0;
          hits.add(new Hit(leaf, doc, sitelinks));
        }
      }
      hits.sort(Comparator.comparingLong(Hit::sitelinks).reversed());
      List<Imported> found = new ArrayList<>();
      for (Hit hit : hits.subList(0, Math.min(MAX_CANDIDATES, hits.size()))) {
        found.add(load(hit.leaf().storedFields().document(hit.doc())));
      }
      return new Named(List.copyOf(found), count);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the imported knowledge base " + version, e);
    }
  }

  /** The imported entity {@code id}, if the import kept it. */
  public Optional<Imported> get(String id) {
    Optional<Imported> known = recentIds.get(id);
    if (known == null) {
      known = loadId(id);
      recentIds.put(id, known);
    }
    return known;
  }

  /** How many imported entities are related to {@code id}: a relation to a country says little, one to a county much. */
  public int relatedCount(String id) {
    return recentRelatedCounts.computeIfAbsent(id, key -> {
      try {
        return relatedCounts.count(key);
      } catch (IOException e) {
        throw new UncheckedIOException("reading the imported knowledge base " + version, e);
      }
    });
  }

  private static <V> Map<String, V> lru() {
    return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > CACHED_NAMES;
      }
    });
  }

  private Optional<Imported> loadId(String id) {
    try {
      BytesRef term = new BytesRef(id);
      for (LeafReaderContext context : reader.leaves()) {
        Terms terms = context.reader().terms(ID);
        TermsEnum ids = terms == null ? null : terms.iterator();
        if (ids != null && ids.seekExact(term)) {
          PostingsEnum docs = ids.postings(null, PostingsEnum.NONE);
          int doc = docs.nextDoc();
          if (doc != DocIdSetIterator.NO_MORE_DOCS && (context.reader().getLiveDocs() == null || context.reader().getLiveDocs().get(doc))) {
            return Optional.of(load(context.reader().storedFields().document(doc)));
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the imported knowledge base " + version, e);
    }
  }

  private static Imported load(Document doc) {
    String aliases = doc.get(ALIASES);
    List<String> names = aliases == null || aliases.isEmpty() ? List.of()
        : Arrays.asList(aliases.split(String.valueOf(ALIAS_SEPARATOR)));
    KnowledgeBase.Entry entry = new KnowledgeBase.Entry(doc.get(ID), EntityType.valueOf(doc.get(KIND)), doc.get(LABEL),
        names, List.of(), List.of(), false);
    String description = doc.get(DESCRIPTION);
    BytesRef related = doc.getBinaryValue(RELATED);
    return new Imported(entry, doc.getField(SITELINKS).numericValue().intValue(),
        description == null ? "" : description, doc.get(WIKIPEDIA), related == null ? List.of() : related(related));
  }

  /**
   * Related QIDs as the index stores them: their numbers as variable-length ints, a third of the
   * bytes of the text, which the import writes (and re-sorts and merges) five million times.
   */
  public static BytesRef relatedBytes(List<String> qids) {
    byte[] bytes = new byte[qids.size() * 5];
    ByteArrayDataOutput out = new ByteArrayDataOutput(bytes);
    try {
      for (String qid : qids) {
        int number = RelatedCounts.number(qid);
        if (number >= 0) {
          out.writeVInt(number);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an array in memory: never
    }
    return new BytesRef(bytes, 0, out.getPosition());
  }

  private static List<String> related(BytesRef bytes) {
    ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
    List<String> qids = new ArrayList<>();
    while (!in.eof()) {
      qids.add("Q" + in.readVInt());
    }
    return List.copyOf(qids);
  }

  @Override
  public void close() throws IOException {
    relatedCounts.close();
    reader.close();
  }
}
