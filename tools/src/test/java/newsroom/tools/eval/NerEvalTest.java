package newsroom.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NerEvalTest {
  @TempDir
  Path dir;

  @Test
  void readsDocumentsAndSpansWithConllevalRules() throws Exception {
    Path file = dir.resolve("mini.conll");
    Files.writeString(file, String.join("\n",
        "-DOCSTART- -X- -X- O", "",
        "West NNP B-NP I-MISC", "Indian NNP I-NP I-MISC", "Phil NNP I-NP I-PER", "Simmons NNP I-NP I-PER", "",
        "Leicestershire NNP B-NP I-ORG", "beat VBD B-VP O", "Somerset NNP B-NP I-ORG", "Essex NNP I-NP B-ORG", "",
        "-DOCSTART- -X- -X- O", "",
        "London NNP B-NP B-LOC", ""));
    List<NerEval.Doc> docs = NerEval.read(file);
    assertThat(docs).hasSize(2);
    assertThat(NerEval.gold(docs.get(0))).containsExactlyInAnyOrder(
        new NerEval.Span("MISC", 0, 2), new NerEval.Span("PER", 2, 4),
        new NerEval.Span("ORG", 4, 5), new NerEval.Span("ORG", 6, 7), new NerEval.Span("ORG", 7, 8));
    assertThat(NerEval.gold(docs.get(1))).containsExactly(new NerEval.Span("LOC", 0, 1));

    NerEval.Layout layout = NerEval.Layout.of(docs.get(0));
    assertThat(layout.title()).isEqualTo("West Indian Phil Simmons");
    assertThat(layout.body()).isEqualTo("Leicestershire beat Somerset Essex");
  }
}
