package newsroom.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import newsroom.kb.KnowledgeBaseVersions;
import newsroom.kb.wikidata.EntityClasses;
import newsroom.kb.wikidata.WikidataImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./newsroom kb import}: the newsroom's knowledge base from a Wikidata dump. */
@Command(name = "kb", mixinStandardHelpOptions = true, description = "The knowledge base entities are linked to.",
    subcommands = KbCommand.Import.class)
final class KbCommand {

  @Command(name = "import", mixinStandardHelpOptions = true, description = {
      "Import people, organisations, places and events from a Wikidata JSON dump (latest-all.json.gz or .bz2,"
          + " read as a stream) as a new version of the knowledge base, and publish it: running enrich-services"
          + " switch to it within a minute. The starter entries and the newsroom's corrections still win.",
      "Kinds are told by the classes an item is an instance of (P31), at any depth of subclass (P279) below:"
          + " human (person); location, geographic location or feature, administrative territorial entity,"
          + " human settlement, country, region (place); occurrence, event (event); organisation."})
  static final class Import implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Wikidata JSON dump, one entity per line (gzip, bzip2 or plain)")
    Path dump;
    @Option(names = "--languages", split = ",", defaultValue = "en,es,de",
        description = "Languages whose labels and aliases are names; the first with a label names the entity (default: ${DEFAULT-VALUE})")
    List<String> languages;
    @Option(names = "--min-sitelinks", defaultValue = "1",
        description = "Keep entities with at least this many Wikipedia (and sister project) pages (default: ${DEFAULT-VALUE})")
    int minSitelinks;
    @Option(names = "--kb-dir", defaultValue = ".newsroom/kb",
        description = "Knowledge base folder enrich-service reads (ENRICH_KB_DIR; default: ${DEFAULT-VALUE}, where ./newsroom up looks)")
    Path kbDir;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(dump)) {
        System.err.println("newsroom kb import: " + dump + " is not a file; download one from"
            + " https://dumps.wikimedia.org/wikidatawiki/entities/ (latest-all.json.gz)");
        return 2;
      }
      if (minSitelinks < 0 || languages.stream().anyMatch(l -> !l.strip().matches("[a-z]{2,3}(-[a-z0-9]+)*"))) {
        System.err.println("newsroom kb import: --languages takes Wikidata language codes such as en,es,de;"
            + " --min-sitelinks 0 or more");
        return 2;
      }
      System.err.printf("importing %s into %s (languages %s, at least %d sitelinks; classes under %d roots)%n", dump, kbDir,
          String.join(",", languages), minSitelinks, EntityClasses.ROOTS.values().stream().mapToInt(List::size).sum());
      WikidataImport.Summary summary = new WikidataImport(new WikidataImport.Options(
          languages.stream().map(String::strip).toList(), minSitelinks))
          .run(dump, new KnowledgeBaseVersions(kbDir), KbCommand::progress);
      System.err.printf("%nimported version %s: %,d entities kept of %,d lines %s, %,d classes; %s on disk;"
              + " classes pass %s, entities pass %s (%,.0f lines/s)%s%n",
          summary.version(), summary.kept(), summary.lines(), summary.byKind(), summary.classes(),
          megabytes(summary.bytesOnDisk()), seconds(summary.classPass()), seconds(summary.entityPass()),
          summary.lines() / Math.max(0.001, summary.entityPass().toMillis() / 1000.0),
          summary.skippedLines() == 0 ? "" : "; " + summary.skippedLines() + " unreadable lines skipped");
      return 0;
    }
  }

  private static void progress(String pass, long lines, long kept, long read, long total, Duration elapsed) {
    double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
    double share = total == 0 ? 1 : (double) read / total;
    long eta = share <= 0 ? 0 : (long) (seconds / share - seconds);
    System.err.printf(Locale.ROOT, "\r%s: %5.1f%%  %,d lines (%,.0f/s)  %,d %s  ETA %s   ", pass, 100 * share, lines,
        lines / seconds, kept, pass.equals("classes") ? "subclass edges" : "kept", seconds(Duration.ofSeconds(eta)));
  }

  private static String seconds(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
