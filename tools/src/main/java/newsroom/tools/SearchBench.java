package newsroom.tools;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import newsroom.enrich.Enricher;
import newsroom.enrich.entities.CoreNlpRecognizer;
import newsroom.events.ArticleEnriched;
import newsroom.events.ArticleIngested;
import newsroom.events.ContentFormat;
import newsroom.index.ArticleDocument;
import newsroom.index.Elastic;
import newsroom.index.IndexConfig;
import newsroom.index.IndexService;
import newsroom.service.ApiKeys;
import newsroom.service.ServiceHttp;
import newsroom.service.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom bench search}: search latency as journalists see it, through index-service's
 * HTTP API, over an archive of N articles. Generated articles are enriched by the real enricher,
 * indexed under their own alias (so the newsroom's archive is untouched) with dates spread over a
 * year and stories of five, then queried with three words and two facets, one query at a time.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Measure search latency over N indexed articles (needs Kafka and Elasticsearch: ./newsroom up).")
final class SearchBench implements Callable<Integer> {
  private static final List<String> WORDS = List.of("Lisbon", "Nairobi", "Jakarta", "Warsaw", "Montreal", "Cairo",
      "Lopez", "Okafor", "Kowalski", "Mehta", "Laurent", "Tanaka", "water", "prices", "port", "rail", "teacher",
      "salaries", "election", "recount", "flood", "vaccine", "wildfire", "talks", "protests", "delays", "figures", "agenda");
  private static final int POOL = 400;

  @Option(names = "--articles", defaultValue = "100000", description = "Articles in the archive (default: ${DEFAULT-VALUE})")
  int articles;
  @Option(names = "--queries", defaultValue = "1000", description = "Queries to time (default: ${DEFAULT-VALUE})")
  int queries;
  @Option(names = "--facets", defaultValue = "entities,topics",
      description = "Facets each query counts, or 'all' (default: ${DEFAULT-VALUE})")
  String facets;
  @Option(names = "--copies", defaultValue = "grouped",
      description = "grouped (one hit per group of copies, as journalists search) or all (default: ${DEFAULT-VALUE})")
  String copies;
  @Option(names = "--alias", defaultValue = "newsroom-bench", description = "Index alias of the benchmark archive (default: ${DEFAULT-VALUE})")
  String alias;
  @Option(names = "--elasticsearch", defaultValue = "http://localhost:9200", description = "(default: ${DEFAULT-VALUE})")
  String elasticsearch;
  @Option(names = "--kafka", defaultValue = "localhost:9092", description = "(default: ${DEFAULT-VALUE})")
  String kafka;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String key = ApiKeys.generate(); // for the benchmark's own index-service

  @Override
  public Integer call() throws Exception {
    if (!copies.equals("grouped") && !copies.equals("all")) {
      System.err.println("newsroom bench search: --copies must be grouped or all, not '" + copies + "'");
      return 2;
    }
    Path keys = Files.createTempFile("newsroom-bench-keys", "");
    Files.writeString(keys, ApiKeys.line("bench", EnumSet.of(ApiKeys.Scope.SEARCH), key, 1_000_000));
    keys.toFile().deleteOnExit();
    Map<String, String> env = new HashMap<>(Map.of("ELASTICSEARCH_URL", elasticsearch, "KAFKA_BOOTSTRAP_SERVERS", kafka,
        "INDEX_ALIAS", alias, "INDEX_PORT", "0", "INDEX_GROUP_ID", alias + "-indexer", "NEWSROOM_API_KEYS_FILE", keys.toString()));
    IndexConfig config = IndexConfig.from(new Settings(env));
    try (ElasticsearchClient client = Elastic.client(config)) {
      Elastic.bootstrap(client, alias);
      long present = client.count(c -> c.index(alias)).count();
      if (present < articles) {
        load(client, (int) present);
      } else {
        System.out.printf("the archive %s already holds %,d articles%n", alias, present);
      }
      client.indices().refresh(r -> r.index(alias));
      client.indices().forcemerge(f -> f.index(alias).maxNumSegments(5L)); // as an archive settles between bursts
    }
    try (IndexService service = IndexService.start(config)) {
      String facetParams = facets.equals("all") ? "" : String.join("",
          java.util.Arrays.stream(facets.split(",")).map(f -> "facet=" + f.strip() + "&").toList());
      String base = "http://localhost:" + service.port() + "/v1/search?" + facetParams + "copies=" + copies + "&q=";
      Random random = new Random(7);
      System.out.println("warming up (200 queries) …");
      for (int i = 0; i < 200; i++) {
        get(base + query(random));
      }
      List<Long> micros = new ArrayList<>();
      List<Long> took = new ArrayList<>();
      long hits = 0;
      for (int i = 1; i <= queries; i++) {
        String url = base + query(random);
        long start = System.nanoTime();
        JsonNode answer = ServiceHttp.JSON.readTree(get(url));
        micros.add((System.nanoTime() - start) / 1_000);
        took.add(answer.path("took_ms").asLong());
        hits += answer.path("total").asLong();
        if (i % 250 == 0) {
          System.out.printf("  %d/%d queries%n", i, queries);
        }
      }
      micros.sort(null);
      took.sort(null);
      System.out.printf("%nsearch over %,d articles: %d queries of three words with facets %s, copies %s, one at a time%n",
          articles, queries, facets, copies);
      System.out.printf("latency through the API: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          at(micros, 0.50) / 1000.0, at(micros, 0.95) / 1000.0, at(micros, 0.99) / 1000.0, micros.getLast() / 1000.0);
      System.out.printf("Elasticsearch's own time: p50 %d ms, p99 %d ms; %,d matching articles per query on average%n",
          at(took, 0.50), at(took, 0.99), hits / queries);
    }
    return 0;
  }

  /** Generated articles, enriched for real (a pool, reused under new ids), bulk-indexed. */
  private void load(ElasticsearchClient client, int from) throws Exception {
    System.out.printf("enriching %d generated articles (loading the NER model first) …%n", POOL);
    Enricher enricher = new Enricher(CoreNlpRecognizer.loadDefault(), Clock.systemUTC());
    ArticleGenerator generator = new ArticleGenerator(new Random(11));
    List<ArticleEnriched> pool = new ArrayList<>();
    for (int i = 0; i < POOL; i++) {
      Map<String, Object> a = generator.article("search-bench", i);
      pool.add(enricher.enrich(ArticleIngested.newBuilder().setId("pool-" + i).setSource("bench")
          .setTitle((String) a.get("title")).setBody((String) a.get("body")).setLanguage("en")
          .setIngestedAt(Instant.now()).setContentHash(Integer.toString(i)).setContentFormat(ContentFormat.TEXT).build(), 1, 1));
    }
    Instant now = Instant.now();
    Random random = new Random(13);
    long start = System.nanoTime();
    for (int next = from; next < articles; ) {
      BulkRequest.Builder bulk = new BulkRequest.Builder().index(alias);
      int end = Math.min(articles, next + 1_000);
      for (int n = next; n < end; n++) {
        ArticleEnriched template = pool.get(n % POOL);
        String id = "bench-" + n;
        ArticleIngested article = ArticleIngested.newBuilder().setId(id).setSource("bench-" + random.nextInt(12))
            .setTitle(template.getArticle().getTitle()).setBody(template.getArticle().getBody()).setLanguage("en")
            .setPublishedAt(now.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)))).setIngestedAt(now)
            .setContentHash(id).setContentFormat(ContentFormat.TEXT).build();
        Map<String, Object> doc = ArticleDocument.of(Enricher.copyOf(template).setArticle(article).setStoryId("story-" + n / 5).build());
        bulk.operations(o -> o.index(i -> i.id(id).document(doc)));
      }
      BulkResponse response = client.bulk(bulk.build());
      if (response.errors()) {
        throw new IllegalStateException("Elasticsearch refused documents: " + response.items().stream()
            .filter(item -> item.error() != null).findFirst().map(item -> item.error().reason()).orElse("?"));
      }
      next = end;
      if (next % 10_000 == 0 || next == articles) {
        System.out.printf("  indexed %,d/%,d (%.0f articles/s)%n", next, articles, (next - from) / ((System.nanoTime() - start) / 1e9));
      }
    }
  }

  private static String query(Random random) {
    List<String> words = new ArrayList<>(WORDS);
    java.util.Collections.shuffle(words, random);
    return URLEncoder.encode(String.join(" ", words.subList(0, 3)), StandardCharsets.UTF_8);
  }

  private String get(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("search answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static long at(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
