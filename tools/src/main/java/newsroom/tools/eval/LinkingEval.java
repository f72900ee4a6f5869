package newsroom.tools.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import newsroom.enrich.Enricher;
import newsroom.enrich.entities.CoreNlpRecognizer;
import newsroom.enrich.entities.Recognizers;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.events.Entity;
import newsroom.events.Mention;
import newsroom.events.TextField;
import newsroom.kb.ImportedEntities;
import newsroom.kb.KnowledgeBase;
import newsroom.kb.KnowledgeBaseVersions;
import newsroom.service.ServiceHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom eval linking --data FILE.jsonl}: end-to-end entity linking as enrich-service
 * does it, on the News-Fair layout (text, evaluation_span, labels with character spans and Wikidata
 * ids). A hit needs the exact span and the same QID; only mentions inside evaluation_span count;
 * gold NIL and coreference mentions (pronouns, "the company") are not expected.
 */
@Command(name = "linking", mixinStandardHelpOptions = true,
    description = "Score entity linking (span + Wikidata QID) on a News-Fair style JSONL file.")
final class LinkingEval implements Callable<Integer> {
  private static final Pattern QID = Pattern.compile("Q\\d+");

  @Option(names = "--data", required = true, description = "JSONL file, e.g. ../shared/eval/entity-linking/news-fair-v2.benchmark.jsonl")
  Path file;
  @Option(names = "--errors", description = "Also list the links made that the gold data does not have, by kind (for diagnosis)")
  boolean errors;
  @Option(names = "--kb", description = "Also link against the knowledge base imported into this folder (./newsroom kb import)")
  Path kbDir;

  /** A linked mention: character span and QID. */
  record Link(int start, int end, String qid) {}

  @Override
  public Integer call() throws IOException {
    if (!Files.exists(file)) {
      System.err.println("newsroom eval linking: " + file + " not found");
      return 2;
    }
    List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    System.err.println("loading the NER model …");
    KnowledgeBase kb = KnowledgeBase.starter();
    ImportedEntities imported = null;
    if (kbDir != null) {
      imported = new KnowledgeBaseVersions(kbDir).openCurrent().orElse(null);
      if (imported == null) {
        System.err.println("newsroom eval linking: no imported knowledge base in " + kbDir + "; run ./newsroom kb import first");
        return 2;
      }
      kb = kb.withImported(imported);
      System.err.printf("linking against the starter KB over imported version %s (%,d entities)%n", imported.version(), imported.size());
    }
    Enricher enricher = new Enricher(Recognizers.englishOnly(CoreNlpRecognizer.loadDefault()), Clock.systemUTC(), kb);
    List<JsonNode> docs = new ArrayList<>();
    for (String line : lines) {
      docs.add(ServiceHttp.JSON.readTree(line));
    }
    Score score = score(docs, enricher, errors);
    System.out.printf("%n%d documents, %d gold links, %d links made, %d correct%n", docs.size(), score.expected(), score.made(),
        score.correct());
    System.out.printf("end-to-end micro: precision %.3f, recall %.3f, F1 %.3f%n", score.precision(), score.recall(), score.f1());
    System.out.printf("precision of the links made: %s%n", score.made() == 0 ? "n/a (no knowledge-base links made)"
        : String.format("%.3f", score.precision()));
    if (errors) {
      System.out.println("\nlinks not in the gold data (kind: text → linked id [gold]):");
      score.wrong().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(e -> System.out.println("  " + e.getKey() + " ×" + e.getValue()));
    }
    System.out.printf("%.1f documents/s (recognition and linking, one thread)%n", docs.size() / score.seconds());
    if (imported != null) {
      imported.close();
    }
    return 0;
  }

  /** Links made, correct and expected; the wrong ones by kind when asked for; the time taken. */
  record Score(int made, int correct, int expected, Map<String, Integer> wrong, double seconds) {
    double precision() {
      return made == 0 ? 0 : (double) correct / made;
    }

    double recall() {
      return expected == 0 ? 0 : (double) correct / expected;
    }

    double f1() {
      return precision() + recall() == 0 ? 0 : 2 * precision() * recall() / (precision() + recall());
    }
  }

  /** Scores {@code enricher}'s links on News-Fair documents. */
  static Score score(List<JsonNode> docs, Enricher enricher, boolean describeErrors) {
    int correct = 0;
    int made = 0;
    int expected = 0;
    Map<String, Integer> wrong = new TreeMap<>();
    long nanos = 0;
    for (JsonNode doc : docs) {
      int from = doc.path("evaluation_span").get(0).asInt();
      int to = doc.path("evaluation_span").get(1).asInt();
      Set<Link> gold = gold(doc, from, to);
      long start = System.nanoTime();
      ArticleEnriched enriched = enricher.enrich(article(doc), 1, 1);
      nanos += System.nanoTime() - start;
      Set<Link> predicted = predicted(enriched, from, to);
      made += predicted.size();
      expected += gold.size();
      for (Link link : predicted) {
        if (gold.contains(link)) {
          correct++;
        } else if (describeErrors) {
          wrong.merge(describe(doc, link), 1, Integer::sum);
        }
      }
    }
    return new Score(made, correct, expected, wrong, nanos / 1e9);
  }

  /** Why a link made is not a gold link: another id at that span, an unlabelled span, or a different span. */
  private static String describe(JsonNode doc, Link link) {
    String text = doc.path("text").asText().substring(link.start(), link.end());
    for (JsonNode label : doc.path("labels")) {
      int start = label.path("span").get(0).asInt();
      int end = label.path("span").get(1).asInt();
      if (start == link.start() && end == link.end()) {
        return "other id: " + text + " → " + link.qid() + " [" + label.path("entity_id").asText()
            + (label.path("coref").asBoolean(false) ? ", coref" : "") + "]";
      }
      if (start < link.end() && link.start() < end) {
        return "span differs: " + text + " → " + link.qid() + " [" + doc.path("text").asText().substring(start, end) + "]";
      }
    }
    return "unlabelled: " + text + " → " + link.qid();
  }

  static Set<Link> gold(JsonNode doc, int from, int to) {
    Set<Link> links = new HashSet<>();
    for (JsonNode label : doc.path("labels")) {
      int start = label.path("span").get(0).asInt();
      int end = label.path("span").get(1).asInt();
      String qid = label.path("entity_id").asText();
      if (start >= from && end <= to && QID.matcher(qid).matches() && !label.path("coref").asBoolean(false)) {
        links.add(new Link(start, end, qid));
      }
    }
    return links;
  }

  static Set<Link> predicted(ArticleEnriched enriched, int from, int to) {
    Set<Link> links = new HashSet<>();
    for (Entity entity : enriched.getEntities()) {
      if (!QID.matcher(entity.getId()).matches()) {
        continue; // a local id is not a link
      }
      for (Mention mention : entity.getMentions()) {
        boolean namesIt = mention.getType() == null; // a demonym ("Russians" of Russia) is not a name of the entity
        if (namesIt && mention.getField() == TextField.BODY && mention.getStart() >= from && mention.getEnd() <= to) {
          links.add(new Link(mention.getStart(), mention.getEnd(), entity.getId()));
        }
      }
    }
    return links;
  }

  /** The document as enrich-service sees it: offsets of the body are offsets of {@code text}. */
  private static ArticleIngested article(JsonNode doc) {
    return ArticleIngested.newBuilder().setId("doc-" + doc.path("id").asText()).setSource("eval")
        .setTitle(doc.path("title").asText("")).setBody(doc.path("text").asText())
        .setIngestedAt(Instant.EPOCH).setContentHash("-").setContentFormat(ContentFormat.TEXT).build();
  }
}
