package newsroom.tools;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import newsroom.enrich.entities.EntityLinker;
import newsroom.enrich.entities.EntityResolver;
import newsroom.enrich.entities.Span;
import newsroom.events.Entity;
import newsroom.events.EntityType;
import newsroom.kb.ImportedEntities;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBaseVersions;
import newsroom.kb.wikidata.WikidataImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom bench kb}: the imported knowledge base at scale, on a generated dump of Wikidata's
 * shape ({@link SyntheticWikidataDump}): import rate, size on disk, memory, time to open, and what
 * linking against it adds to a 500-word article (CPU time of the linker, with the same mentions,
 * against the starter KB alone and over the import).
 */
@Command(name = "kb", mixinStandardHelpOptions = true,
    description = "Import a generated Wikidata dump of realistic shape and measure import rate, size, memory and linking cost.")
final class KnowledgeBaseBench implements Callable<Integer> {
  @Option(names = "--entities", defaultValue = "5000000", description = "Entities in the generated dump (default: ${DEFAULT-VALUE})")
  int entities;
  @Option(names = "--articles", defaultValue = "2000", description = "Articles linked to measure the cost (default: ${DEFAULT-VALUE})")
  int articles;
  @Option(names = "--dir", defaultValue = ".newsroom-kb-bench", description = "Folder for the dump and the knowledge base (default: ${DEFAULT-VALUE})")
  Path dir;
  @Option(names = "--fresh", description = "Generate the dump again even if one of this size is there")
  boolean fresh;
  @Option(names = "--link-only", description = "Skip the import and measure linking against the version imported last,"
      + " in this fresh process: its memory is then what an enrich-service pays for the knowledge base")
  boolean linkOnly;

  private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  @Override
  public Integer call() throws Exception {
    if (entities < 1 || articles < 1) {
      System.err.println("newsroom bench kb: --entities and --articles take a positive number");
      return 2;
    }
    Files.createDirectories(dir);
    KnowledgeBaseVersions versions = new KnowledgeBaseVersions(dir.resolve("kb"));
    if (linkOnly) {
      if (versions.current().isEmpty()) {
        System.err.println("newsroom bench kb: nothing imported in " + versions.dir() + " yet; run it once without --link-only");
        return 2;
      }
    } else {
      importDump(versions);
    }
    System.gc();
    long rssBeforeOpen = rssBytes();
    Instant opening = Instant.now();
    try (ImportedEntities imported = versions.openCurrent().orElseThrow()) {
      Duration openTime = Duration.between(opening, Instant.now());
      KnowledgeBase starter = KnowledgeBase.starter();
      KnowledgeBase withImport = starter.withImported(imported);
      List<Article> generated = articles(articles, new Random(7));
      link(articles(200, new Random(8)), starter, 200); // warm the code up (not the names) before measuring
      link(articles(200, new Random(9)), withImport, 200);
      double starterMs = link(generated, starter, generated.size());
      double coldMs = link(generated, withImport, generated.size()); // every name looked up for the first time or so
      double importedMs = link(generated, withImport, generated.size()); // the names now cached, as a stream's repeat
      long linked = generated.stream().mapToLong(a -> link(a, withImport).stream().filter(Entity::getLinked).count()).sum();
      long rssAfter = rssBytes();
      Runtime runtime = Runtime.getRuntime();

      System.out.printf(Locale.ROOT, "%nknowledge base version %s (%,d entities) opened in %d ms; process resident memory"
              + " %.0f MB before opening, %.0f MB after linking %,d articles (heap in use %.0f MB)%n", imported.version(),
          imported.size(), openTime.toMillis(), rssBeforeOpen / 1e6, rssAfter / 1e6, generated.size(),
          (runtime.totalMemory() - runtime.freeMemory()) / 1e6);
      System.out.printf(Locale.ROOT, "  linking a 500-word article with %d mentions: %.3f ms of CPU with the starter KB;"
              + " over the import %.3f ms the first time its names are seen (%.3f ms added), %.3f ms once they are cached"
              + " (%.3f ms added); %,d of %,d entities linked%n", MENTIONS, starterMs, coldMs, coldMs - starterMs, importedMs,
          importedMs - starterMs, linked, generated.stream().mapToLong(a -> a.spans().size()).sum());
    }
    return 0;
  }

  /** Generates the dump unless there is one of this size, imports it, and prints the import's figures. */
  private void importDump(KnowledgeBaseVersions versions) throws java.io.IOException {
    Path dump = dir.resolve("dump-" + entities + ".json.gz");
    if (fresh || !Files.exists(dump)) {
      Instant started = Instant.now();
      System.err.printf("generating %,d entities into %s …%n", entities, dump);
      SyntheticWikidataDump.write(dump, entities, 42, n -> System.err.printf("\r  %,d entities written", n));
      System.err.printf("\r  generated in %s: %.0f MB compressed%n", seconds(Duration.between(started, Instant.now())),
          Files.size(dump) / 1e6);
    }

    long cpuBefore = OS.getProcessCpuTime();
    Instant started = Instant.now();
    WikidataImport.Summary summary = new WikidataImport(new WikidataImport.Options(List.of("en", "es", "de"), 0))
        .run(dump, versions, (pass, lines, kept, read, total, elapsed) -> System.err.printf(Locale.ROOT,
            "\r  %s pass: %5.1f%% of the file, %,d lines   ", pass, 100.0 * read / Math.max(1, total), lines));
    Duration importTime = Duration.between(started, Instant.now());
    double importCpu = (OS.getProcessCpuTime() - cpuBefore) / 1e9;
    System.err.println();
    System.out.printf(Locale.ROOT, "%nknowledge base of %,d entities (of %,d dump lines; %s) imported in %s: %,.0f entities/s,"
            + " %,.0f dump lines/s, %.0f s of CPU%n", summary.kept(), summary.lines(), summary.byKind(), seconds(importTime),
        summary.kept() / secondsOf(importTime), summary.lines() / secondsOf(importTime), importCpu);
    System.out.printf(Locale.ROOT, "  passes: classes %s, entities %s; %,d classes under the roots%n",
        seconds(summary.classPass()), seconds(summary.entityPass()), summary.classes());
    System.out.printf(Locale.ROOT, "  on disk: %.0f MB (%.0f bytes an entity); dump %.0f MB compressed%n",
        summary.bytesOnDisk() / 1e6, (double) summary.bytesOnDisk() / Math.max(1, summary.kept()), Files.size(dump) / 1e6);
  }

  private static final int WORDS = 500;
  private static final int MENTIONS = 15;
  private static final String[] FILLER = ("the council said on tuesday that its plans for the new budget would be"
      + " published after talks with officials and residents who had raised concerns about costs and delays").split(" ");
  /** Starter-KB names; the others are drawn from the generator's name parts, as the dump's entities are. */
  private static final String[][] STARTER_NAMES = {{"PERSON", "Vladimir Putin"}, {"PERSON", "Kim Jong Un"},
      {"LOCATION", "Paris"}, {"LOCATION", "Georgia"}, {"LOCATION", "Germany"}, {"ORGANIZATION", "United Nations"},
      {"ORGANIZATION", "Reuters"}};

  private static String[] mention(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> STARTER_NAMES[random.nextInt(STARTER_NAMES.length)];
      case 1, 2 -> new String[] {"PERSON", SyntheticWikidataDump.personName(random)};
      case 3 -> new String[] {"LOCATION", SyntheticWikidataDump.placeName(random)};
      default -> new String[] {"ORGANIZATION", SyntheticWikidataDump.organisationName(random)};
    };
  }

  record Article(String body, List<Span> spans) {}

  /** 500-word articles with 15 mentions each: names the generated dump repeats, starter names and unknown ones. */
  private static List<Article> articles(int n, Random random) {
    List<Article> articles = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      StringBuilder body = new StringBuilder();
      List<Span> spans = new ArrayList<>();
      int mentionEvery = WORDS / MENTIONS;
      for (int w = 0; w < WORDS; w++) {
        if (w % mentionEvery == mentionEvery / 2 && spans.size() < MENTIONS) {
          String[] name = mention(random);
          int start = body.length();
          body.append(name[1]);
          spans.add(Span.of(EntityType.valueOf(name[0]), body.toString(), start, body.length()));
        } else {
          body.append(FILLER[random.nextInt(FILLER.length)]);
        }
        body.append(w % 20 == 19 ? ". " : " ");
      }
      articles.add(new Article(body.toString(), spans));
    }
    return articles;
  }

  /** Milliseconds of this thread's CPU per article, linking the first {@code n}. */
  private static double link(List<Article> articles, KnowledgeBase kb, int n) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      link(articles.get(i % articles.size()), kb);
    }
    return (threads.getCurrentThreadCpuTime() - before) / 1e6 / n;
  }

  private static List<Entity> link(Article article, KnowledgeBase kb) {
    return new EntityLinker().link("", article.body(), new EntityResolver().resolve("", article.body(), article.spans()), kb);
  }

  private static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (java.io.IOException e) {
      // not Linux: reported as 0
    }
    return 0;
  }

  private static double secondsOf(Duration d) {
    return Math.max(0.001, d.toMillis() / 1000.0);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
