package newsroom.kb.wikidata;

import com.carrotsearch.hppc.IntIntHashMap;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import newsroom.events.EntityType;
import newsroom.kb.ImportedEntities;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBaseVersions;
import newsroom.kb.RelatedCounts;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;

/**
 * Turns a Wikidata JSON dump into a version of the newsroom's imported knowledge base, in two
 * streaming passes (the dump is never held in memory): the first collects the subclass tree
 * (P279), which the second needs to tell what each item is an instance of ({@link EntityClasses});
 * the second keeps the people, organisations, places and events with a label in the chosen
 * languages and at least the given number of sitelinks. An interrupted import leaves only a
 * {@code .partial} folder, which the next run replaces: the import is restartable, and the
 * published version stays in use meanwhile.
 */
public final class WikidataImport {
  /** What to keep: names in {@code languages} (the first with a label gives the entity's name), entities with ≥ {@code minSitelinks}. */
  public record Options(List<String> languages, int minSitelinks) {
    public Options {
      languages = List.copyOf(languages);
      if (languages.isEmpty()) {
        throw new IllegalArgumentException("at least one language is needed");
      }
    }
  }

  /** Told every few seconds and at the end of each pass. */
  public interface Progress {
    void report(String pass, long lines, long kept, long bytesRead, long bytesTotal, Duration elapsed);
  }

  public record Summary(String version, long lines, long kept, Map<EntityType, Long> byKind, int classes,
                        Duration classPass, Duration entityPass, long bytesOnDisk, long skippedLines) {}

  private static final long REPORT_EVERY_NANOS = 2_000_000_000L;
  private static final byte[] P31 = "\"P31\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] P279 = "\"P279\"".getBytes(StandardCharsets.US_ASCII);
  /** Related entities kept per entity: enough for anyone's party, employer and places; a bound on the few with hundreds. */
  private static final int MAX_RELATED = 32;
  private final Options options;
  private final Set<String> languages;

  public WikidataImport(Options options) {
    this.options = options;
    this.languages = new LinkedHashSet<>(options.languages());
  }

  /** Imports {@code dump} as a new version of {@code versions} and publishes it. */
  public Summary run(Path dump, KnowledgeBaseVersions versions, Progress progress) throws IOException {
    Instant started = Instant.now();
    EntityClasses classes = classes(dump, progress);
    Duration classPass = Duration.between(started, Instant.now());

    String version = KnowledgeBaseVersions.versionAt(started);
    Path target = versions.startWriting(version);
    Instant entitiesStarted = Instant.now();
    Map<EntityType, LongAdder> byKind = new ConcurrentHashMap<>();
    LongAdder kept = new LongAdder();
    LongAdder skipped = new LongAdder();
    RelatedCounts.Counter relations = new RelatedCounts.Counter();
    long lines = 0;
    // Sorted by popularity, so that a name of thousands of entities ("John Smith") yields its most
    // popular ones first and linking reads no further.
    IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(256).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setIndexSort(new Sort(new SortField(ImportedEntities.SITELINKS, SortField.Type.LONG, true)));
    // Parsing and indexing take most of the time: batches of lines go to one worker per core (the
    // caller runs a batch itself when they are all busy, which also bounds the lines in memory).
    int cores = Runtime.getRuntime().availableProcessors();
    ThreadPoolExecutor workers = new ThreadPoolExecutor(cores, cores, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(cores * 2),
        Thread.ofPlatform().daemon().name("kb-import-", 1).factory(), new ThreadPoolExecutor.CallerRunsPolicy());
    List<Future<?>> pending = new ArrayList<>();
    try (DumpFile file = DumpFile.open(dump);
         IndexWriter writer = new IndexWriter(FSDirectory.open(target), config)) {
      long nextReport = System.nanoTime() + REPORT_EVERY_NANOS;
      List<byte[]> batch = new ArrayList<>(BATCH);
      DumpFile.Line line;
      while ((line = file.readLine()) != null) {
        lines++;
        if (line.contains(P31)) { // no instance-of claim, nothing to keep: not worth parsing
          batch.add(Arrays.copyOfRange(line.bytes(), line.offset(), line.offset() + line.length()));
          if (batch.size() == BATCH) {
            pending.add(submit(workers, batch, writer, classes, relations, kept, skipped, byKind));
            for (var done = pending.iterator(); done.hasNext(); ) {
              Future<?> work = done.next();
              if (work.isDone()) {
                await(work); // a failed batch fails the import now
                done.remove();
              }
            }
            batch = new ArrayList<>(BATCH);
          }
        }
        if ((lines & 1023) == 0 && System.nanoTime() > nextReport) {
          progress.report("entities", lines, kept.sum(), file.bytesRead(), file.size(), Duration.between(entitiesStarted, Instant.now()));
          nextReport = System.nanoTime() + REPORT_EVERY_NANOS;
        }
      }
      pending.add(submit(workers, batch, writer, classes, relations, kept, skipped, byKind));
      for (Future<?> work : pending) {
        await(work);
      }
      progress.report("entities", lines, kept.sum(), file.size(), file.size(), Duration.between(entitiesStarted, Instant.now()));
      writer.commit();
      relations.write(writer.getDirectory());
    } finally {
      workers.shutdownNow();
    }
    Map<EntityType, Long> kinds = new EnumMap<>(EntityType.class);
    byKind.forEach((kind, n) -> kinds.put(kind, n.sum()));
    Duration entityPass = Duration.between(entitiesStarted, Instant.now());
    writeAbout(target, dump, version, lines, kept.sum(), kinds, classes.size());
    versions.publish(version);
    return new Summary(version, lines, kept.sum(), kinds, classes.size(), classPass, entityPass,
        sizeOf(versions.path(version)), skipped.sum());
  }

  private static final int BATCH = 1_000;

  /** Parses and indexes a batch of lines on a worker; a line that is not valid JSON costs that entity only. */
  private Future<?> submit(ThreadPoolExecutor workers, List<byte[]> batch, IndexWriter writer, EntityClasses classes,
                           RelatedCounts.Counter relations, LongAdder kept, LongAdder skipped,
                           Map<EntityType, LongAdder> byKind) {
    return workers.submit(() -> {
      IntIntHashMap batchRelations = new IntIntHashMap();
      for (byte[] line : batch) {
        Optional<WikidataEntity> entity;
        try {
          entity = WikidataEntity.parse(line, 0, line.length, languages);
        } catch (IOException e) {
          skipped.increment();
          continue;
        }
        EntityType kind = entity.map(e -> classes.kindOf(e.instanceOf())).orElse(null);
        if (kind == null || entity.get().sitelinks() < options.minSitelinks()) {
          continue;
        }
        List<String> related = entity.get().related().stream().filter(id -> !id.equals(entity.get().id())).distinct()
            .limit(MAX_RELATED).toList();
        Document doc = document(entity.get(), kind, related);
        if (doc != null) {
          writer.addDocument(doc);
          kept.increment();
          byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
          related.stream().mapToInt(RelatedCounts::number).filter(n -> n >= 0).forEach(n -> batchRelations.addTo(n, 1));
        }
      }
      relations.add(batchRelations);
      return null;
    });
  }

  private static void await(Future<?> work) throws IOException {
    try {
      work.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("import interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("indexing failed", e.getCause());
    }
  }

  /** The first pass: the subclass edges of every class in the dump, closed under the roots. */
  private EntityClasses classes(Path dump, Progress progress) throws IOException {
    EntityClasses.Builder builder = new EntityClasses.Builder();
    Instant started = Instant.now();
    long lines = 0;
    try (DumpFile file = DumpFile.open(dump)) {
      long nextReport = System.nanoTime() + REPORT_EVERY_NANOS;
      DumpFile.Line line;
      while ((line = file.readLine()) != null) {
        lines++;
        if (line.contains(P279)) {
          try {
            WikidataEntity.parse(line.bytes(), line.offset(), line.length(), Set.of()).ifPresent(e -> builder.add(e.id(), e.subclassOf()));
          } catch (IOException e) {
            // counted in the second pass, where the same line fails again
          }
        }
        if ((lines & 1023) == 0 && System.nanoTime() > nextReport) {
          progress.report("classes", lines, builder.edges(), file.bytesRead(), file.size(), Duration.between(started, Instant.now()));
          nextReport = System.nanoTime() + REPORT_EVERY_NANOS;
        }
      }
      progress.report("classes", lines, builder.edges(), file.size(), file.size(), Duration.between(started, Instant.now()));
    }
    return builder.build();
  }

  /** The entity as the index holds it; null when it has no name in the chosen languages. */
  private Document document(WikidataEntity entity, EntityType kind, List<String> related) {
    String label = null;
    for (String language : options.languages()) {
      label = entity.labels().get(language);
      if (label != null) {
        break;
      }
    }
    if (label == null || label.isBlank() || label.length() > 200) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    entity.labels().values().forEach(names::add);
    entity.aliases().values().forEach(names::addAll);
    names.remove(label);
    List<String> aliases = new ArrayList<>();
    Document doc = new Document();
    doc.add(new StringField(ImportedEntities.ID, entity.id(), Field.Store.YES));
    Set<String> keys = new LinkedHashSet<>();
    keys.add(KnowledgeBase.key(label));
    for (String name : names) {
      String key = KnowledgeBase.key(name);
      if (!key.isEmpty() && name.length() <= 200 && name.indexOf(ImportedEntities.ALIAS_SEPARATOR) < 0) {
        aliases.add(name);
        keys.add(key);
      }
    }
    keys.remove("");
    if (keys.isEmpty()) {
      return null;
    }
    keys.forEach(key -> doc.add(new StringField(ImportedEntities.NAME, key, Field.Store.NO)));
    doc.add(new StoredField(ImportedEntities.LABEL, label));
    doc.add(new StoredField(ImportedEntities.KIND, kind.name()));
    doc.add(new StoredField(ImportedEntities.ALIASES, String.join(String.valueOf(ImportedEntities.ALIAS_SEPARATOR), aliases)));
    doc.add(new NumericDocValuesField(ImportedEntities.SITELINKS, entity.sitelinks()));
    doc.add(new StoredField(ImportedEntities.SITELINKS, entity.sitelinks()));
    String description = entity.descriptions().get("en");
    if (description == null) {
      description = options.languages().stream().map(entity.descriptions()::get).filter(d -> d != null).findFirst().orElse(null);
    }
    if (description != null) {
      doc.add(new StoredField(ImportedEntities.DESCRIPTION, description));
    }
    if (entity.enwikiTitle() != null) {
      doc.add(new StoredField(ImportedEntities.WIKIPEDIA, entity.enwikiTitle()));
    }
    if (!related.isEmpty()) {
      doc.add(new StoredField(ImportedEntities.RELATED, ImportedEntities.relatedBytes(related)));
    }
    return doc;
  }

  private void writeAbout(Path target, Path dump, String version, long lines, long kept, Map<EntityType, Long> byKind,
                          int classes) throws IOException {
    Properties about = new Properties();
    about.setProperty("version", version);
    about.setProperty("source", dump.toAbsolutePath().toString());
    about.setProperty("languages", String.join(",", options.languages()));
    about.setProperty("min-sitelinks", String.valueOf(options.minSitelinks()));
    about.setProperty("lines", String.valueOf(lines));
    about.setProperty("entities", String.valueOf(kept));
    about.setProperty("classes", String.valueOf(classes));
    byKind.forEach((kind, n) -> about.setProperty("entities." + kind.name().toLowerCase(java.util.Locale.ROOT), String.valueOf(n)));
    try (Writer out = Files.newBufferedWriter(target.resolve("about.properties"), StandardCharsets.UTF_8)) {
      about.store(out, "newsroom knowledge base imported from a Wikidata dump");
    }
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
