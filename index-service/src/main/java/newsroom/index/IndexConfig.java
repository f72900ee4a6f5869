package newsroom.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import newsroom.service.AccessControl;
import newsroom.service.KafkaSettings;
import newsroom.service.Settings;

/** index-service settings (environment variables, documented defaults). */
public record IndexConfig(
    KafkaSettings kafka, int port, AccessControl access, List<URI> elasticsearchUrls, String elasticsearchUser, String elasticsearchPassword,
    String elasticsearchApiKey, String alias, String groupId, int batchSize, Set<String> webhookAllowedHosts, String instanceId,
    Path knowledgeBaseDir) {

  public static IndexConfig from(Settings settings) {
    IndexConfig config = new IndexConfig(
        KafkaSettings.from(settings),
        settings.integer("INDEX_PORT", 8083, 0, 65_535, "HTTP port of the search API (0 = any free port)"),
        AccessControl.from(settings),
        settings.custom("ELASTICSEARCH_URL", "http://localhost:9200",
            "Elasticsearch base URL, or the URLs of several nodes of one cluster (comma-separated)", IndexConfig::urls),
        settings.optional("ELASTICSEARCH_USERNAME", "User for basic authentication, if the cluster has security on"),
        settings.optional("ELASTICSEARCH_PASSWORD", "Password for ELASTICSEARCH_USERNAME"),
        settings.optional("ELASTICSEARCH_API_KEY", "API key (base64), instead of user and password"),
        settings.string("INDEX_ALIAS", "news-articles", "Alias searched and written; indices are <alias>-000001, …"),
        settings.string("INDEX_GROUP_ID", "newsroom-index", "Kafka consumer group of the indexer"),
        settings.integer("INDEX_BATCH_SIZE", 500, 1, 10_000, "Most articles per bulk request"),
        Set.copyOf(Arrays.stream(settings.string("INDEX_WEBHOOK_ALLOWED_HOSTS", "-",
                "Hosts alert webhooks may reach despite private addresses, over plain http too (comma-separated; '-' for none)")
            .split(",")).map(String::strip).filter(h -> !h.isEmpty() && !h.equals("-")).toList()),
        settings.optional("INDEX_INSTANCE_ID",
            "Stable, unique name of this instance (e.g. the pod name): a restarted instance takes its partitions back at once"),
        Optional.ofNullable(settings.optional("INDEX_KB_DIR", "Folder of the knowledge bases imported from Wikidata"
            + " (./newsroom kb import), so that /v1/entities finds imported entities too; the same as ENRICH_KB_DIR"))
            .map(Path::of).orElse(null));
    settings.validate();
    return config;
  }

  private static List<URI> urls(String text) {
    List<URI> urls = new ArrayList<>();
    for (String part : text.split(",")) {
      URI url;
      try {
        url = new URI(part.strip());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("'" + part.strip() + "' is not a URL; write http://host:9200");
      }
      if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
        throw new IllegalArgumentException("'" + part.strip() + "' is not an http(s) URL with a host; write http://host:9200");
      }
      urls.add(url);
    }
    return List.copyOf(urls);
  }
}
