package newsroom.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.ExistsAliasRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import newsroom.service.ServiceHttp;

/**
 * The Elasticsearch client and the one index bootstrap that production and tests share: an index
 * template (mapping as a JSON resource) and a first index behind the alias.
 */
public final class Elastic {
  private Elastic() {}

  public static ElasticsearchClient client(IndexConfig config) {
    return ElasticsearchClient.of(b -> {
      b.hosts(config.elasticsearchUrls());
      if (config.elasticsearchApiKey() != null) {
        b.apiKey(config.elasticsearchApiKey());
      } else if (config.elasticsearchUser() != null) {
        b.usernameAndPassword(config.elasticsearchUser(), config.elasticsearchPassword());
      }
      return b;
    });
  }

  /** Installs the template and creates {@code <alias>-000001} behind {@code alias} if the alias is missing. */
  public static void bootstrap(ElasticsearchClient client, String alias) throws IOException {
    String json;
    try (InputStream template = Elastic.class.getResourceAsStream("/newsroom/index/articles-template.json")) {
      json = new String(template.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("\"news-articles-*\"", "\"" + alias + "-*\"");
    }
    client.indices().putIndexTemplate(t -> t.name(alias + "-template").withJson(new java.io.StringReader(json)));
    if (!client.indices().existsAlias(ExistsAliasRequest.of(a -> a.name(alias))).value()) {
      try {
        client.indices().create(c -> c.index(alias + "-000001").aliases(alias, a -> a.isWriteIndex(true)));
      } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
        if (!"resource_already_exists_exception".equals(e.error().type())) { // another instance was faster
          throw e;
        }
      }
    } else {
      // New fields reach indices created by an older release (additive changes only; a conflict fails loudly).
      // What _source keeps is fixed when an index is made: such an index keeps the stems in it.
      ObjectNode mapping = (ObjectNode) ServiceHttp.JSON.readTree(json).path("template").path("mappings");
      mapping.remove("_source");
      String mappings = mapping.toString();
      client.indices().putMapping(m -> m.index(alias).withJson(new java.io.StringReader(mappings)));
    }
  }

  /**
   * The cluster's health as its health API says (green, yellow, red), or "unreachable" (the
   * integ-test distribution refuses GET /, so the health API is the probe).
   */
  public static String health(ElasticsearchClient client) {
    try {
      return client.cluster().health(h -> h.timeout(t -> t.time("2s"))).status().jsonValue();
    } catch (IOException | RuntimeException e) {
      return "unreachable";
    }
  }
}
