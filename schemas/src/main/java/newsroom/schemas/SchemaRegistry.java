package newsroom.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A schema registry reached through the Confluent Schema Registry REST API: Confluent's own registry at its
 * root, Apicurio Registry at {@code /apis/ccompat/v7}, or any other registry that speaks it.
 *
 * <p>Apicurio's serdes frame and encode the records ({@link EventSerde}); this class is only the client they
 * ask for schemas and ids. Its ids are the registry's schema ids, the ones the Confluent wire format carries,
 * so every tool of the Kafka ecosystem that reads that format resolves them in the same registry. What it
 * relies on: {@code POST /subjects/{s}/versions}, {@code POST /subjects/{s}}, {@code GET /schemas/ids/{id}},
 * {@code GET /subjects/{s}/versions/{v}} and {@code GET|PUT /config/{s}}.
 *
 * <p>Several URLs, comma-separated, name instances of one registry (sharing their storage): a call that
 * cannot reach one tries the next.
 *
 * <p>Each subject it registers a schema under is first given the compatibility {@value #COMPATIBILITY} unless
 * an operator has set one: events are kept for weeks and read by consumers that upgrade on their own
 * schedule, so every version must stay readable by every older and newer reader.
 */
public final class SchemaRegistry implements RegistryClientFacade {
  /** Every older reader reads newer events and every newer reader older events, across all versions. */
  public static final String COMPATIBILITY = "FULL_TRANSITIVE";
  private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> urls;
  private final HttpClient http;
  private final Duration timeout;
  private final Set<String> subjectsConfigured = ConcurrentHashMap.newKeySet();
  // A registry never changes what an id names: once read, a schema is served from here, registry down or not.
  private final Map<Long, String> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Long> idsBySubjectAndSchema = new ConcurrentHashMap<>();

  public SchemaRegistry(String url) {
    this(url, Duration.ofSeconds(10));
  }

  private volatile int current;

  public SchemaRegistry(String urls, Duration timeout) {
    this.urls = Arrays.stream(urls.split(",")).map(String::strip).filter(u -> !u.isEmpty())
        .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
    if (this.urls.isEmpty()) {
      throw new IllegalArgumentException("no schema registry URL given");
    }
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The URLs, comma-separated, as given. */
  public String url() {
    return String.join(",", urls);
  }

  /** The registry answers: whether it is reachable now (a health probe, not a promise). */
  public boolean reachable() {
    try {
      return send("GET", "/subjects", null).statusCode() == 200;
    } catch (RegistryException e) {
      return false;
    }
  }

  /** Subjects the registry holds. */
  public List<String> subjects() {
    JsonNode subjects = call("GET", "/subjects", null, "list the subjects");
    return JSON.convertValue(subjects, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  /** The compatibility set on {@code subject}, or null when it follows the registry's global setting. */
  public String compatibility(String subject) {
    HttpResponse<String> response = send("GET", "/config/" + subject, null);
    if (response.statusCode() == 404) {
      return null;
    }
    JsonNode body = parse(response, "read the compatibility of " + subject);
    JsonNode level = body.has("compatibilityLevel") ? body.get("compatibilityLevel") : body.get("compatibility");
    return level == null ? null : level.asText();
  }

  /**
   * Registers {@code schema} under {@code subject} and returns its id; the registry refuses a schema
   * incompatible with the subject's versions. Asked once per subject and schema in this process.
   */
  public long register(String subject, String schema) {
    Long known = idsBySubjectAndSchema.get(subject + '\n' + schema);
    if (known != null) {
      return known;
    }
    if (!subjectsConfigured.contains(subject)) {
      configureOnce(subject);
      subjectsConfigured.add(subject);
    }
    HttpResponse<String> response = send("POST", "/subjects/" + subject + "/versions",
        Map.of("schema", schema, "schemaType", "AVRO"));
    if (response.statusCode() == 409) {
      throw new RegistryException("the schema registry refused a schema for " + subject + ": it is incompatible with "
          + "the versions already registered (" + message(response) + ")", false);
    }
    JsonNode body = parse(response, "register a schema under " + subject);
    long id = body.get("id").asLong();
    idsBySubjectAndSchema.put(subject + '\n' + schema, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  /**
   * Gives a subject no one configured yet {@value #COMPATIBILITY}. Other instances may do the same at the
   * same moment: a refusal is fine when the subject has a compatibility afterwards.
   */
  private void configureOnce(String subject) {
    if (compatibility(subject) != null) {
      return;
    }
    HttpResponse<String> response = send("PUT", "/config/" + subject, Map.of("compatibility", COMPATIBILITY));
    if (response.statusCode() / 100 != 2 && compatibility(subject) == null) {
      parse(response, "set the compatibility of " + subject);
    }
  }

  /** The schema with this id. */
  public String schema(long id) {
    String known = schemasById.get(id);
    if (known != null) {
      return known;
    }
    String schema = call("GET", "/schemas/ids/" + id, null, "read schema " + id).get("schema").asText();
    schemasById.put(id, schema);
    return schema;
  }

  @Override
  public String getSchemaByContentId(Long contentId) {
    return schema(contentId);
  }

  @Override
  public String getSchemaByGlobalId(long globalId, boolean dereferenced) {
    return schema(globalId);
  }

  @Override
  public String getSchemaByGAV(String groupId, String artifactId, String version) {
    return version(artifactId, version).get("schema").asText();
  }

  @Override
  public String getSchemaByContentHash(String contentHash) {
    throw new UnsupportedOperationException("the Confluent-compatible API has no schemas by content hash");
  }

  // The event schemas are self-contained (named types inlined): there are no references to follow.
  @Override
  public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
    return List.of();
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
    return List.of();
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
    return List.of();
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
    return List.of();
  }

  @Override
  public List<RegistryVersionCoordinates> searchVersionsByContent(String schema, String artifactType,
                                                                  ArtifactReference reference, boolean canonical) {
    String subject = reference.getArtifactId();
    HttpResponse<String> response = send("POST", "/subjects/" + subject, Map.of("schema", schema));
    if (response.statusCode() == 404) {
      return List.of();
    }
    return List.of(coordinates(subject, parse(response, "look up a schema under " + subject)));
  }

  @Override
  public RegistryVersionCoordinates createSchema(String artifactType, String groupId, String artifactId, String version,
                                                 String ifExists, boolean canonical, String schema,
                                                 Set<RegistryArtifactReference> references) {
    long id = register(artifactId, schema);
    return RegistryVersionCoordinates.create(id, id, groupId, artifactId, null);
  }

  @Override
  public RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId, String version) {
    return coordinates(artifactId, version(artifactId, version));
  }

  @Override
  public Object getClient() {
    return this;
  }

  private JsonNode version(String subject, String version) {
    String which = version == null || version.isBlank() ? "latest" : version;
    return call("GET", "/subjects/" + subject + "/versions/" + which, null, "read version " + which + " of " + subject);
  }

  private static RegistryVersionCoordinates coordinates(String subject, JsonNode version) {
    long id = version.get("id").asLong();
    return RegistryVersionCoordinates.create(id, id, null, subject, version.path("version").asText(null));
  }

  private static String message(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).path("message").asText(response.body());
    } catch (IOException e) {
      return response.body();
    }
  }

  private JsonNode call(String method, String path, Object body, String what) {
    return parse(send(method, path, body), what);
  }

  private JsonNode parse(HttpResponse<String> response, String what) {
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new RegistryException("the schema registry at " + url() + " answered a request to " + what
          + " with something that is not JSON (HTTP " + response.statusCode() + "): is " + url()
          + " a Confluent-compatible API (Apicurio: /apis/ccompat/v7)?", false);
    }
    if (response.statusCode() / 100 == 2) {
      return body;
    }
    String message = body.path("message").asText("no message");
    boolean retriable = response.statusCode() >= 500;
    throw new RegistryException("the schema registry at " + url() + " could not " + what + " (HTTP "
        + response.statusCode() + ": " + message + ")", retriable);
  }

  /** Sends to the instance that answered last, then to the others in turn while one cannot be reached. */
  private HttpResponse<String> send(String method, String path, Object body) {
    String payload;
    try {
      payload = body == null ? null : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    IOException failure = null;
    for (int attempt = 0; attempt < urls.size(); attempt++) {
      int instance = (current + attempt) % urls.size();
      HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get(instance) + path)).timeout(timeout)
          .header("Accept", MEDIA_TYPE).header("Content-Type", MEDIA_TYPE)
          .method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload))
          .build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        current = instance;
        return response;
      } catch (IOException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException("interrupted while calling the schema registry at " + url(), true);
      }
    }
    String why = failure instanceof ConnectException || failure instanceof HttpTimeoutException
        ? failure.getClass().getSimpleName() : String.valueOf(failure.getMessage());
    throw new RegistryException("the schema registry at " + url() + " does not answer (" + why
        + "); start it, or point SCHEMA_REGISTRY_URL at one", true);
  }

  /** A registry call that failed; {@link #retriable()} when trying again later may succeed (down, overloaded). */
  public static final class RegistryException extends RuntimeException {
    private final boolean retriable;

    public RegistryException(String message, boolean retriable) {
      super(message);
      this.retriable = retriable;
    }

    public boolean retriable() {
      return retriable;
    }

    /**
     * The registry failure in {@code error}'s cause chain (Kafka's clients and Apicurio's serde wrap it), or
     * empty: a registry out of reach is no fault of a record, and callers must tell it from one.
     */
    public static Optional<RegistryException> in(Throwable error) {
      for (Throwable cause = error; cause != null; cause = cause.getCause()) {
        if (cause instanceof RegistryException registry) {
          return Optional.of(registry);
        }
      }
      return Optional.empty();
    }
  }
}
