package newsroom.local.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import newsroom.enrich.topics.TrainedTopicModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsroom topics train}: a topic model from a newsroom's desk-labelled archive. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Media Topic models.",
    subcommands = TopicsCommand.Train.class)
public final class TopicsCommand {

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train a topic model on a desk-labelled folder (labels.csv: path,category,title) and a desk → Media Topic mapping.")
  static final class Train implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Folder with labels.csv and the article files")
    Path dir;
    @Option(names = "--mapping", required = true, description = "CSV with columns dataset,category,medtop_qcode")
    Path mapping;
    @Option(names = "--dataset", required = true, description = "Which rows of the mapping to use (its 'dataset' column)")
    String dataset;
    @Option(names = "--out", defaultValue = "topic-model.txt", description = "Where to write the model (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(dir.resolve("labels.csv"))) {
        System.err.println("newsroom topics train: " + dir.resolve("labels.csv") + " not found");
        return 2;
      }
      System.err.println("reading " + dir + " …");
      TopicDataset data = TopicDataset.read(dir, mapping, dataset);
      System.err.printf("training on %d articles …%n", data.articles().size());
      TrainedTopicModel model = TrainedTopicModel.train(data.articles().stream().map(TopicDataset.Article::example).toList(),
          Instant.now());
      try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        model.save(writer);
      }
      System.out.printf("wrote %s (%s); score it with: ./newsroom eval topics --data %s --model %s%n", out, model.name(), dir, out);
      return 0;
    }
  }
}
