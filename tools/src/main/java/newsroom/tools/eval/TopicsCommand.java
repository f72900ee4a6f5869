package newsroom.tools.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsroom.enrich.topics.TopicModelTable;
import newsroom.enrich.topics.TrainedTopicModel;
import newsroom.events.TopicModel;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.SchemaRegistry;
import newsroom.schemas.Topics;
import newsroom.service.KafkaSettings;
import newsroom.service.TopicPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsroom topics train|publish}: a topic model from a newsroom's desk-labelled archive, put to use. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Media Topic models.",
    subcommands = {TopicsCommand.Train.class, TopicsCommand.Publish.class})
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
      System.out.printf("put it to use with: ./newsroom topics publish --model %s%n", out);
      return 0;
    }
  }

  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = "Make enrich-service use a trained model for new articles (news.topics.models), or --reset to the shipped default.")
  static final class Publish implements Callable<Integer> {
    @Option(names = "--model", description = "A model from ./newsroom topics train")
    Path model;
    @Option(names = "--reset", description = "Go back to the shipped default classifier")
    boolean reset;
    @Option(names = "--kafka", defaultValue = "localhost:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String kafka;
    @Option(names = "--schema-registry", defaultValue = KafkaSettings.DEFAULT_SCHEMA_REGISTRY_URL,
        description = "The schema registry's Confluent-compatible API (default: ${DEFAULT-VALUE})")
    String registry;

    @Override
    public Integer call() throws Exception {
      if (reset == (model != null)) {
        System.err.println("newsroom topics publish: give either --model FILE or --reset");
        return 2;
      }
      TopicModel value = null;
      if (model != null) {
        String text = Files.readString(model, StandardCharsets.UTF_8);
        TrainedTopicModel loaded = TrainedTopicModel.load(new java.io.StringReader(text)); // refuse a broken file here
        value = new TopicModel(loaded.name(), text, Instant.now());
      }
      EventSerdes serdes = EventSerdes.using(new SchemaRegistry(registry));
      try (TopicPublisher publisher = new TopicPublisher(kafka, serdes, "newsroom-cli", 10_000)) {
        publisher.send(Topics.TOPIC_MODELS, TopicModelTable.ACTIVE, value).get(15, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        System.err.println("newsroom topics publish: " + (e.getCause() instanceof SchemaRegistry.RegistryException registryDown
            ? registryDown.getMessage() + "; is the pipeline up (./newsroom up) or --schema-registry right?"
            : "Kafka at " + kafka + " did not accept it (" + e.getCause() + "); is the pipeline up (./newsroom up) or --kafka right?"));
        return 1;
      } catch (TimeoutException e) {
        System.err.println("newsroom topics publish: Kafka at " + kafka + " did not acknowledge it in time; is the pipeline"
            + " up (./newsroom up) or --kafka right?");
        return 1;
      }
      System.out.println(value == null ? "enrich-service now uses the shipped default topic classifier"
          : "enrich-service now uses " + value.getName() + " for new articles");
      return 0;
    }
  }
}
