package dev.cairn.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server speaking one model provider's wire format ({@link Dialect}: Anthropic, Gemini,
 * Ollama, Mistral, Bedrock), for tests that drive LangChain4j's real client against it. Like {@link
 * FakeOpenAiServer}, answers come from a responder that sees the parsed request, every request is
 * recorded with its headers, and error statuses can be queued.
 */
public final class FakeProviderServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Dialect dialect;
  private final Responder responder;
  private final List<ProviderCall> calls = new CopyOnWriteArrayList<>();
  private final Queue<FakeOpenAiServer.Fault.Status> faults = new ConcurrentLinkedQueue<>();
  private final AtomicInteger ids = new AtomicInteger();

  private FakeProviderServer(Dialect dialect, Responder responder) throws IOException {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.responder = Objects.requireNonNull(responder, "responder");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a server on 127.0.0.1 with an ephemeral port.
   *
   * @param dialect the provider's wire format
   * @param responder decides the answers
   * @return the started server
   */
  public static FakeProviderServer start(Dialect dialect, Responder responder) {
    try {
      return new FakeProviderServer(dialect, responder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start fake " + dialect.name() + " server", e);
    }
  }

  /**
   * The base URL to configure, with the dialect's path prefix (e.g. {@code /v1}).
   *
   * @return the URL
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + dialect.basePath();
  }

  /**
   * The requests received, in arrival order.
   *
   * @return a snapshot
   */
  public List<ProviderCall> calls() {
    return List.copyOf(calls);
  }

  /**
   * Queues an error status; each request consumes at most one.
   *
   * @param code the status
   * @param retryAfterSeconds the Retry-After to send, or null
   */
  public void enqueueStatus(int code, Integer retryAfterSeconds) {
    faults.add(new FakeOpenAiServer.Fault.Status(code, retryAfterSeconds));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (!"POST".equals(exchange.getRequestMethod()) || !dialect.handles(path)) {
        send(exchange, 404, "{\"error\":{\"message\":\"no route\"}}");
        return;
      }
      JsonNode body;
      try {
        body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      } catch (JsonProcessingException e) {
        send(exchange, 400, "{\"error\":{\"message\":\"not JSON\"}}");
        return;
      }
      Map<String, String> headers = new HashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      ProviderCall call = new ProviderCall(dialect, path, body, Map.copyOf(headers), Instant.now());
      calls.add(call);
      FakeOpenAiServer.Fault.Status fault = faults.poll();
      if (fault != null) {
        if (fault.retryAfterSeconds() != null) {
          exchange.getResponseHeaders().set("Retry-After", fault.retryAfterSeconds().toString());
        }
        send(exchange, fault.code(), JSON.writeValueAsString(dialect.error(fault.code())));
        return;
      }
      Reply reply;
      try {
        reply = responder.reply(call);
      } catch (RuntimeException e) {
        send(exchange, 500, "{\"error\":{\"message\":\"responder failed\"}}");
        return;
      }
      send(exchange, 200, JSON.writeValueAsString(dialect.answer(call, reply, ids)));
    }
  }

  private static void send(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Decides the answer to one request. */
  @FunctionalInterface
  public interface Responder {
    /**
     * The answer.
     *
     * @param call the request
     * @return text or tool calls
     */
    Reply reply(ProviderCall call);
  }

  /**
   * One received request.
   *
   * @param dialect the wire format it was read in
   * @param path the request path
   * @param body the parsed JSON body
   * @param headers the headers, names in lower case
   * @param receivedAt when it arrived
   */
  public record ProviderCall(
      Dialect dialect,
      String path,
      JsonNode body,
      Map<String, String> headers,
      Instant receivedAt) {
    /**
     * The requested model.
     *
     * @return the model
     */
    public String model() {
      return dialect.model(this);
    }

    /**
     * Text of the first user message.
     *
     * @return the text, or null
     */
    public String firstUserText() {
      return dialect.firstUserText(body);
    }

    /**
     * Tool results the model is shown.
     *
     * @return their number
     */
    public int toolResultCount() {
      return dialect.toolResultCount(body);
    }

    /**
     * Names of the tools offered.
     *
     * @return the names
     */
    public List<String> toolNames() {
      return dialect.toolNames(body);
    }

    /**
     * A header.
     *
     * @param name its name, any case
     * @return its value, or null
     */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** One provider's wire format. */
  public interface Dialect {
    /**
     * The provider's name.
     *
     * @return the name
     */
    String name();

    /**
     * The path prefix clients put after the host ({@code ""} when none).
     *
     * @return the prefix
     */
    String basePath();

    /**
     * Whether a path is the provider's chat endpoint.
     *
     * @param path the request path
     * @return true to answer it
     */
    boolean handles(String path);

    /**
     * The requested model.
     *
     * @param call the request
     * @return the model
     */
    String model(ProviderCall call);

    /**
     * Text of the first user message.
     *
     * @param body the request
     * @return the text, or null
     */
    String firstUserText(JsonNode body);

    /**
     * Tool results in the request.
     *
     * @param body the request
     * @return their number
     */
    int toolResultCount(JsonNode body);

    /**
     * Names of the tools offered.
     *
     * @param body the request
     * @return the names
     */
    List<String> toolNames(JsonNode body);

    /**
     * The answer's body.
     *
     * @param call the request
     * @param reply what to answer
     * @param ids a counter for ids
     * @return the JSON body
     */
    ObjectNode answer(ProviderCall call, Reply reply, AtomicInteger ids);

    /**
     * An error body.
     *
     * @param status the status
     * @return the JSON body
     */
    default ObjectNode error(int status) {
      ObjectNode body = JSON.createObjectNode();
      body.put("type", "error");
      body.putObject("error")
          .put("type", status == 429 ? "rate_limit_error" : "api_error")
          .put("message", "injected fault " + status);
      return body;
    }
  }
}
