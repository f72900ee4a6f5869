package newsroom.example;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import newsroom.events.ArticleEnriched;
import newsroom.schemas.EventSerdes;
import newsroom.schemas.SchemaRegistry;
import newsroom.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A downstream service in miniature: follows {@code news.articles.enriched} with nothing but
 * {@code newsroom:schemas} (topic name from the catalogue, the event's schema from the registry, committed
 * events only) and prints each article's headline, story and linked entities. Events written with a newer
 * schema than the one it was built with are read all the same: fields it does not know are skipped.
 *
 * <p>Run it beside a pipeline: {@code java -cp ... newsroom.example.EnrichedArticles localhost:9092
 * http://localhost:8085/apis/ccompat/v7}.
 */
public final class EnrichedArticles implements AutoCloseable {
  private final KafkaConsumer<String, ArticleEnriched> consumer;

  public EnrichedArticles(String bootstrapServers, String registryUrl, String groupId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // enrich-service writes in transactions
    consumer = new KafkaConsumer<>(props, Topics.ARTICLES_ENRICHED.keySerde().deserializer(),
        EventSerdes.using(new SchemaRegistry(registryUrl)).values(Topics.ARTICLES_ENRICHED).deserializer());
    consumer.subscribe(List.of(Topics.ARTICLES_ENRICHED.name()));
  }

  /** Reads events until one satisfies {@code wanted} (returned) or {@code patience} runs out (null). */
  public ArticleEnriched until(Predicate<ArticleEnriched> wanted, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, ArticleEnriched> record : consumer.poll(Duration.ofMillis(500))) {
        if (wanted.test(record.value())) {
          return record.value();
        }
      }
    }
    return null;
  }

  /** One line per event: id, headline, story and the linked entities' ids. */
  public static String describe(ArticleEnriched event) {
    List<String> linked = event.getEntities().stream().filter(e -> e.getLinked()).map(e -> e.getId() + " " + e.getName())
        .toList();
    return event.getArticle().getId() + "  " + event.getArticle().getTitle() + "  story " + event.getStoryId()
        + "  entities " + linked;
  }

  @Override
  public void close() {
    consumer.close();
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: EnrichedArticles BOOTSTRAP_SERVERS SCHEMA_REGISTRY_URL"
          + "   (e.g. localhost:9092 http://localhost:8085/apis/ccompat/v7)");
      System.exit(2);
    }
    try (EnrichedArticles articles = new EnrichedArticles(args[0], args[1], "consumer-example")) {
      articles.until(event -> {
        System.out.println(describe(event));
        return false; // follow for ever (Ctrl-C stops)
      }, Duration.ofDays(365_000));
    }
  }
}
