package dev.cairn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A minimal client of the runtime's REST API.
 *
 * <p>It does not retry: when the node is down (killed by the test) a call throws {@link
 * UncheckedIOException}, and the caller decides whether to retry, typically inside an Awaitility
 * condition with {@code ignoreExceptions()}.
 */
public final class CairnClient {
  /** The admin key every runtime under test is started with (CAIRN_SECURITY_BOOTSTRAP_KEY). */
  static final String ADMIN_KEY = "cairn_itplatform01_IntegrationTestAdminSecretNotForProduction0";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String key;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /** A client of the node at {@code baseUrl}, e.g. {@code http://127.0.0.1:8080}. */
  public CairnClient(String baseUrl) {
    this(baseUrl, ADMIN_KEY);
  }

  /** A client of the node at {@code baseUrl} presenting {@code key}. */
  public CairnClient(String baseUrl, String key) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  /** Publishes an agent definition; expects 201 Created. */
  public JsonNode publishAgent(String definitionJson) {
    return send(post("/v1/agents", definitionJson), 201);
  }

  /**
   * Submits a run and returns its id; expects 202 Accepted.
   *
   * @param inputJson the run's input as a JSON value, e.g. {@code "\"run-7\""}
   */
  public String submitRun(String agent, String inputJson) {
    ObjectNode body = JSON.createObjectNode().put("agent", agent);
    body.set("input", readTree(inputJson));
    JsonNode run = send(post("/v1/runs", body.toString()), 202);
    String id = run.path("id").asText("");
    if (id.isEmpty()) {
      throw new IllegalStateException("run submitted without an id in the answer: " + run);
    }
    return id;
  }

  /** The run resource, {@code GET /v1/runs/{id}}. */
  public JsonNode getRun(String id) {
    return send(request("/v1/runs/" + id).GET().build(), 200);
  }

  /**
   * Sends a request and returns the answer whatever its status.
   *
   * @param method the HTTP method
   * @param path the path, e.g. {@code /v1/runs}
   * @param json the body, or null for none
   */
  public HttpResponse<String> exchange(String method, String path, String json) {
    HttpRequest.Builder request = request(path);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + path, e);
    }
  }

  private HttpRequest post(String path, String json) {
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(10))
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + key);
  }

  private JsonNode send(HttpRequest request, int expectedStatus) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.uri(), e);
    }
    if (response.statusCode() != expectedStatus) {
      throw new UnexpectedStatusException(request, response);
    }
    return readTree(response.body());
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  /** The node answered, but not with the status the call expects. */
  public static final class UnexpectedStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    UnexpectedStatusException(HttpRequest request, HttpResponse<String> response) {
      super(
          request.method()
              + " "
              + request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
      this.status = response.statusCode();
    }

    public int status() {
      return status;
    }
  }
}
