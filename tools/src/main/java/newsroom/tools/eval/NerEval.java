package newsroom.tools.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import newsroom.enrich.Enricher;
import newsroom.enrich.entities.CoreNlpRecognizer;
import newsroom.enrich.entities.RecognitionLanguage;
import newsroom.enrich.entities.Recognizers;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.events.Entity;
import newsroom.events.EntityType;
import newsroom.events.Mention;
import newsroom.events.TextField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom eval ner --conll FILE}: named-entity recognition as enrich-service does it
 * (model, then resolution), scored with CoNLL conventions: exact spans, micro P/R/F1 per type and
 * overall. Each CoNLL document becomes an article: its first sentence the title, the rest the body.
 */
@Command(name = "ner", mixinStandardHelpOptions = true,
    description = "Score entity recognition on a CoNLL-2003 or CoNLL-2002 file (token … tag, IOB tags).")
final class NerEval implements Callable<Integer> {
  @Option(names = "--conll", required = true, description = "CoNLL-2003 file, e.g. ../shared/eval/ner/eng.testa.conll")
  Path file;
  @Option(names = "--errors", description = "Also print the most frequent misses and false alarms (for diagnosis)")
  boolean errors;
  @Option(names = "--language", defaultValue = "en", paramLabel = "CODE",
      description = "Language of the file, recognised as enrich-service recognises it (en, es, de, fr, it; default: ${DEFAULT-VALUE})")
  String language;

  /** A gold or predicted entity: type and token range [start, end). */
  record Span(String type, int start, int end) {}

  /** One document: tokens with their gold tags, split into sentences. */
  record Doc(List<List<String>> sentences, List<List<String>> tags) {
    List<Doc> bySentence() {
      List<Doc> docs = new ArrayList<>();
      for (int i = 0; i < sentences.size(); i++) {
        docs.add(new Doc(List.of(sentences.get(i)), List.of(tags.get(i))));
      }
      return docs;
    }
  }

  @Override
  public Integer call() throws IOException {
    if (!Files.exists(file)) {
      System.err.println("newsroom eval ner: " + file + " not found");
      return 2;
    }
    Optional<RecognitionLanguage> recognised = RecognitionLanguage.of(language);
    if (recognised.isEmpty() || !recognised.get().installed()) {
      System.err.println("newsroom eval ner: no recognition model for language '" + language + "' in this build ("
          + RecognitionLanguage.ENGLISH.code() + ", es and de by default; fr and it with ./mvnw -Pmore-languages package)");
      return 2;
    }
    List<Doc> docs = read(file);
    if (docs.size() == 1 && docs.getFirst().sentences().size() > 1 && !Files.readString(file).contains("-DOCSTART-")) {
      // GermEval is sentence by sentence, and CoNLL-2002 Spanish lost its document boundaries.
      System.err.println("no -DOCSTART- lines: every sentence is scored as a document of its own");
      docs = docs.getFirst().bySentence();
    }
    System.err.println("loading the NER model …");
    Enricher enricher = new Enricher(Recognizers.of(CoreNlpRecognizer.loadDefault(),
        EnumSet.of(RecognitionLanguage.ENGLISH, recognised.get())), Clock.systemUTC());
    Map<String, int[]> counts = new TreeMap<>(); // type → {tp, fp, fn}
    Map<String, Integer> missed = new java.util.HashMap<>();
    Map<String, Integer> falseAlarms = new java.util.HashMap<>();
    long tokens = 0;
    long nanos = 0;
    int done = 0;
    for (Doc doc : docs) {
      Layout layout = Layout.of(doc);
      long start = System.nanoTime();
      ArticleEnriched enriched = enricher.enrich(layout.article(recognised.get().code()), 1, 1);
      nanos += System.nanoTime() - start;
      tokens += layout.tokenCount();
      Set<Span> gold = gold(doc);
      Set<Span> predicted = layout.predicted(enriched);
      score(gold, predicted, counts);
      if (errors) {
        List<String> words = doc.sentences().stream().flatMap(List::stream).toList();
        gold.stream().filter(g -> !predicted.contains(g)).forEach(g -> missed.merge(describe(g, words), 1, Integer::sum));
        predicted.stream().filter(p -> !gold.contains(p)).forEach(p -> falseAlarms.merge(describe(p, words), 1, Integer::sum));
      }
      if (++done % 500 == 0) {
        System.err.printf("  %d/%d documents%n", done, docs.size());
      }
    }
    print(counts);
    if (errors) {
      System.out.println("\nmost missed: " + top(missed));
      System.out.println("\nmost false alarms: " + top(falseAlarms));
    }
    System.out.printf("%n%d documents, %d tokens, %.0f tokens/s (recognition and resolution, one thread)%n",
        docs.size(), tokens, tokens / (nanos / 1e9));
    return 0;
  }

  private static String describe(Span span, List<String> words) {
    return span.type() + " " + String.join(" ", words.subList(span.start(), span.end()));
  }

  private static String top(Map<String, Integer> counts) {
    return String.join(", ", counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(40).map(e -> e.getKey() + " ×" + e.getValue()).toList());
  }

  static List<Doc> read(Path file) throws IOException {
    List<Doc> docs = new ArrayList<>();
    List<List<String>> sentences = new ArrayList<>();
    List<List<String>> tags = new ArrayList<>();
    List<String> sentence = new ArrayList<>();
    List<String> sentenceTags = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] cols = line.strip().split("\\s+");
      if (line.isBlank() || cols[0].equals("-DOCSTART-")) {
        if (!sentence.isEmpty()) {
          sentences.add(sentence);
          tags.add(sentenceTags);
          sentence = new ArrayList<>();
          sentenceTags = new ArrayList<>();
        }
        if (cols[0].equals("-DOCSTART-") && !sentences.isEmpty()) {
          docs.add(new Doc(sentences, tags));
          sentences = new ArrayList<>();
          tags = new ArrayList<>();
        }
        continue;
      }
      sentence.add(cols[0]);
      sentenceTags.add(cols[cols.length - 1]);
    }
    if (!sentence.isEmpty()) {
      sentences.add(sentence);
      tags.add(sentenceTags);
    }
    if (!sentences.isEmpty()) {
      docs.add(new Doc(sentences, tags));
    }
    return docs;
  }

  /** Gold spans from IOB1/IOB2 tags (conlleval's rules for where an entity starts and ends). */
  static Set<Span> gold(Doc doc) {
    Set<Span> spans = new HashSet<>();
    int offset = 0;
    for (List<String> tags : doc.tags()) {
      String type = null;
      int start = 0;
      for (int i = 0; i <= tags.size(); i++) {
        String tag = i < tags.size() ? tags.get(i) : "O";
        String tagType = tag.equals("O") ? null : tag.substring(2);
        boolean begins = tagType != null && (tag.startsWith("B-") || !tagType.equals(type));
        if (type != null && (tagType == null || begins)) {
          spans.add(new Span(type, offset + start, offset + i));
          type = null;
        }
        if (begins) {
          type = tagType;
          start = i;
        }
      }
      offset += tags.size();
    }
    return spans;
  }

  private static void score(Set<Span> gold, Set<Span> predicted, Map<String, int[]> counts) {
    for (Span span : predicted) {
      counts.computeIfAbsent(span.type(), t -> new int[3])[gold.contains(span) ? 0 : 1]++;
    }
    for (Span span : gold) {
      if (!predicted.contains(span)) {
        counts.computeIfAbsent(span.type(), t -> new int[3])[2]++;
      }
    }
  }

  private static void print(Map<String, int[]> counts) {
    System.out.printf("%n%-8s %9s %7s %7s %7s%n", "type", "precision", "recall", "F1", "gold");
    int[] all = new int[3];
    for (var entry : counts.entrySet()) {
      int[] c = entry.getValue();
      line(entry.getKey(), c);
      for (int i = 0; i < 3; i++) {
        all[i] += c[i];
      }
    }
    line("overall", all);
  }

  private static void line(String type, int[] c) {
    double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
    double r = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
    double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
    System.out.printf("%-8s %9.3f %7.3f %7.3f %7d%n", type, p, r, f, c[0] + c[2]);
  }

  /**
   * The document as an article: title = first sentence, body = the other sentences, one line each
   * (one paragraph), and where every token sits in those texts. A document of one sentence is all
   * body, under a title that names nothing: a title is only searched for names the body has.
   */
  record Layout(String title, String body, int[] tokenStart, int[] tokenEnd, boolean[] inTitle) {
    static Layout of(Doc doc) {
      int n = doc.sentences().stream().mapToInt(List::size).sum();
      int[] starts = new int[n];
      int[] ends = new int[n];
      boolean[] inTitle = new boolean[n];
      StringBuilder title = new StringBuilder();
      StringBuilder body = new StringBuilder();
      int index = 0;
      boolean oneSentence = doc.sentences().size() == 1;
      if (oneSentence) {
        title.append('-');
      }
      for (int s = 0; s < doc.sentences().size(); s++) {
        boolean inHeadline = s == 0 && !oneSentence;
        StringBuilder target = inHeadline ? title : body;
        if (s > 1) {
          body.append('\n');
        }
        List<String> sentence = doc.sentences().get(s);
        for (int t = 0; t < sentence.size(); t++) {
          if (t > 0) {
            target.append(' ');
          }
          starts[index] = target.length();
          target.append(sentence.get(t));
          ends[index] = target.length();
          inTitle[index] = inHeadline;
          index++;
        }
      }
      return new Layout(title.toString(), body.toString(), starts, ends, inTitle);
    }

    int tokenCount() {
      return tokenStart.length;
    }

    ArticleIngested article(String language) {
      return ArticleIngested.newBuilder().setId("conll").setSource("conll").setTitle(title).setLanguage(language)
          .setBody(body.isEmpty() ? "." : body).setIngestedAt(Instant.EPOCH).setContentHash("-")
          .setContentFormat(ContentFormat.TEXT).build();
    }

    private static String conllType(EntityType type) {
      return switch (type) {
        case PERSON -> "PER";
        case ORGANIZATION -> "ORG";
        case LOCATION -> "LOC";
        default -> "MISC";
      };
    }

    /** Mentions mapped back to token ranges (a mention must start and end on token edges to count). */
    Set<Span> predicted(ArticleEnriched enriched) {
      Set<Span> spans = new HashSet<>();
      for (Entity entity : enriched.getEntities()) {
        for (Mention mention : entity.getMentions()) {
          String type = conllType(mention.getType() != null ? mention.getType() : entity.getType());
          boolean title = mention.getField() == TextField.TITLE;
          int first = -1;
          int last = -1;
          for (int i = 0; i < tokenStart.length; i++) {
            if (inTitle[i] == title && tokenStart[i] == mention.getStart()) {
              first = i;
            }
            if (inTitle[i] == title && tokenEnd[i] == mention.getEnd()) {
              last = i;
            }
          }
          if (first >= 0 && last >= first) {
            spans.add(new Span(type, first, last + 1));
          }
        }
      }
      return spans;
    }
  }
}
