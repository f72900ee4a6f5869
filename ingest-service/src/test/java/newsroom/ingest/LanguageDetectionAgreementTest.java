package newsroom.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reading the start of an article first must decide as reading the longer sample did, on real text
 * in several languages: the BBC articles (English) and the CoNLL-2002 / GermEval newswire (Spanish,
 * Dutch, German) in ../shared/eval, each undeclared and declared English (a CMS that says "en" for
 * every page), where the text must still win.
 */
class LanguageDetectionAgreementTest {
  private static final Path SHARED = Path.of(System.getProperty("newsroom.shared.dir", "../../shared"), "eval");
  private static final LanguageDetection LANGUAGES = new LanguageDetection();

  record Text(String expected, String title, String body) {}

  @Test
  void theStartOfAnArticleDecidesAsTheLongerSampleDid() throws IOException {
    assumeTrue(Files.isDirectory(SHARED.resolve("topics-bbc")) && Files.isDirectory(SHARED.resolve("ner-multilingual")),
        "../shared/eval is absent: skipping the language detection agreement check");
    List<Text> texts = new ArrayList<>(bbc());
    for (String language : List.of("es", "nl", "de")) {
      texts.addAll(newswire(language));
    }
    int decisions = 0;
    int disagreements = 0;
    int settled = 0;
    List<String> examples = new ArrayList<>();
    for (Text text : texts) {
      for (String declared : Arrays.asList(null, "en")) {
        String full = text.title() + "\n" + text.body();
        String reference = LANGUAGES.decide(full.length() > LanguageDetection.FULL_SAMPLE
            ? full.substring(0, LanguageDetection.FULL_SAMPLE) : full, declared);
        String detected = LANGUAGES.detect(text.title(), text.body(), declared);
        decisions++;
        if (LANGUAGES.settledByStart(full, declared).isPresent()) {
          settled++;
        }
        if (!reference.equals(detected)) {
          disagreements++;
          if (examples.size() < 5) {
            examples.add(reference + " → " + detected + " (declared " + declared + "): " + text.title());
          }
        }
      }
    }
    System.out.printf("language detection: %d decisions on %d texts, %d differ from the longer sample's, %d settled by"
        + " the start%n", decisions, texts.size(), disagreements, settled);
    assertThat(texts.size()).isGreaterThan(1_500);
    assertThat(disagreements).as("decisions that changed: " + examples).isLessThanOrEqualTo(decisions / 1_000);
    // The saving is real: most undeclared or rightly declared articles are settled by their start.
    assertThat(settled).isGreaterThan(decisions / 2);
  }

  private static List<Text> bbc() throws IOException {
    List<Text> texts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SHARED.resolve("topics-bbc"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        int newline = content.indexOf('\n');
        if (newline > 0) {
          texts.add(new Text("en", content.substring(0, newline).strip(), content.substring(newline + 1).strip()));
        }
      }
    }
    return texts;
  }

  /** Consecutive sentences of a CoNLL file as articles of 300 to 2,500 characters (the first sentence as the title). */
  private static List<Text> newswire(String language) throws IOException {
    List<Text> texts = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    StringBuilder sentence = new StringBuilder();
    for (String line : Files.readAllLines(SHARED.resolve("ner-multilingual/" + language + ".dev.conll"), UTF_8)) {
      if (line.isBlank() || line.startsWith("-DOCSTART-")) {
        if (!sentence.isEmpty()) {
          sentences.add(sentence.toString());
          sentence.setLength(0);
        }
        continue;
      }
      sentence.append(sentence.isEmpty() ? "" : " ").append(line.split(" ")[0]);
    }
    int target = 300;
    StringBuilder body = new StringBuilder();
    for (int i = 1; i < sentences.size(); i++) {
      body.append(body.isEmpty() ? "" : " ").append(sentences.get(i));
      if (body.length() >= target) {
        texts.add(new Text(language, sentences.get(i - 1), body.toString()));
        body.setLength(0);
        target = target >= 2_500 ? 300 : target + 400; // short and long articles alike
        i++;
      }
    }
    return texts;
  }
}
