package dev.cairn.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.engine.Json;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpCallContext;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.McpHeadersSupplier;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.service.tool.ToolExecutionResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The client of one MCP server. Starts it (a stdio process or an HTTP session), lists its
 * catalogue, and calls its tools with a timeout. A stdio server found dead is started again on the
 * next call; a start that fails is tried again only after a back-off that doubles each time.
 */
final class McpConnection implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(McpConnection.class);

  /** Extra time given to the client's own timeout before the call is abandoned here. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private static final String IDEMPOTENCY_KEY = "cairn.idempotencyKey";

  private final String server;
  private final McpConfig.Server config;
  private final Clock clock;
  private final Consumer<McpCatalog> onCatalog;
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private McpClient client;
  private McpTransport transport;

  /**
   * Platform threads that read a stdio server's stdout and stderr. Those reads block in native code
   * and would pin a virtual thread's carrier for as long as the server is quiet: with as many
   * servers' readers as cores, no other virtual thread (every run's step among them) would run.
   */
  private ExecutorService io;

  private Instant nextStartAt = Instant.MIN;
  private Duration backoff;
  private int starts;

  /**
   * Creates the connection (nothing starts yet).
   *
   * @param server server name
   * @param config its configuration
   * @param clock clock for back-off
   * @param onCatalog told the catalogue listed after each start
   */
  McpConnection(
      String server, McpConfig.Server config, Clock clock, Consumer<McpCatalog> onCatalog) {
    this.server = server;
    this.config = config;
    this.clock = clock;
    this.onCatalog = onCatalog;
    this.backoff = config.restartBackoff();
  }

  /**
   * Starts the server if it is not running (honouring the back-off) and lists its catalogue.
   *
   * @return the client
   * @throws ToolException when the server cannot be started now
   */
  synchronized McpClient ready() throws ToolException {
    if (client != null && alive()) {
      return client;
    }
    if (client != null) {
      LOG.warnf("MCP server '%s' is not running; starting it again", server);
      closeClient();
    }
    Instant now = clock.instant();
    if (now.isBefore(nextStartAt)) {
      throw new ToolException(
          "MCP server '" + server + "' is unavailable; it is started again after " + nextStartAt);
    }
    try {
      start();
      backoff = config.restartBackoff();
      nextStartAt = Instant.MIN;
      return client;
    } catch (RuntimeException e) {
      closeClient();
      // Counted from the failure, not from the attempt: a start may fail only at its timeout.
      nextStartAt = clock.instant().plus(backoff);
      LOG.warnf("MCP server '%s' failed to start (%s); next try after %s", server, e, nextStartAt);
      backoff = min(backoff.multipliedBy(2), config.maxRestartBackoff());
      throw new ToolException("MCP server '" + server + "' could not be started", e);
    }
  }

  /**
   * How many times the server was started.
   *
   * @return starts so far
   */
  synchronized int starts() {
    return starts;
  }

  private void start() {
    transport = transport();
    client =
        DefaultMcpClient.builder()
            .key(server)
            .clientName("cairn")
            .transport(transport)
            .initializationTimeout(config.timeout())
            .toolExecutionTimeout(config.timeout())
            .toolExecutionTimeoutErrorMessage(timedOut().getMessage())
            .autoHealthCheck(false)
            .cacheToolList(false)
            .build();
    starts++;
    onCatalog.accept(catalog(client.listTools()));
  }

  private McpTransport transport() {
    if (config.command().isPresent()) {
      Map<String, String> environment = new HashMap<>(System.getenv());
      environment.putAll(config.environment());
      io =
          Executors.newCachedThreadPool(
              Thread.ofPlatform().daemon().name("cairn-mcp-" + server + "-io-", 0).factory());
      return new StdioMcpTransport.Builder()
          .command(config.command().get())
          .environment(environment)
          .executorService(io)
          .logEvents(false)
          .build();
    }
    Map<String, String> headers = Map.copyOf(config.headers());
    return new StreamableHttpMcpTransport.Builder()
        .url(config.url().orElseThrow())
        .customHeaders((McpHeadersSupplier) context -> withIdempotencyKey(headers, context))
        .timeout(config.timeout())
        .logRequests(false)
        .logResponses(false)
        .build();
  }

  /**
   * The configured headers, plus {@code Idempotency-Key} on a tool call that carries one: the same
   * key ({@code run_id:seq}) on every attempt of the step, so an HTTP server can apply it once.
   */
  private static Map<String, String> withIdempotencyKey(
      Map<String, String> headers, McpCallContext context) {
    InvocationContext invocation = context == null ? null : context.invocationContext();
    if (invocation == null
        || invocation.invocationParameters() == null
        || !invocation.invocationParameters().containsKey(IDEMPOTENCY_KEY)) {
      return headers;
    }
    Map<String, String> withKey = new HashMap<>(headers);
    withKey.put("Idempotency-Key", invocation.invocationParameters().get(IDEMPOTENCY_KEY));
    return withKey;
  }

  private boolean alive() {
    try {
      transport.checkHealth();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static McpCatalog catalog(List<ToolSpecification> specs) {
    List<McpToolText> tools = new ArrayList<>();
    for (ToolSpecification spec : specs) {
      JsonNode schema =
          spec.parameters() == null
              ? Json.object().put("type", "object")
              : Json.MAPPER.valueToTree(JsonSchemaElementUtils.toMap(spec.parameters()));
      tools.add(McpToolText.of(spec.name(), spec.description(), schema));
    }
    return McpCatalog.of(tools);
  }

  /**
   * Calls a tool.
   *
   * @param tool the server's tool name
   * @param arguments the arguments as JSON text
   * @param idempotencyKey the step's key, sent to HTTP servers as {@code Idempotency-Key}
   * @return the server's answer; an error answer when the server reported one
   * @throws ToolException when the server is unavailable, the call fails or times out
   */
  ToolResult call(String tool, String arguments, String idempotencyKey) throws ToolException {
    McpClient ready = ready();
    InvocationContext context =
        InvocationContext.builder()
            .invocationParameters(InvocationParameters.from(IDEMPOTENCY_KEY, idempotencyKey))
            .timestampNow()
            .build();
    Future<ToolExecutionResult> pending =
        calls.submit(
            () ->
                ready.executeTool(
                    ToolExecutionRequest.builder().name(tool).arguments(arguments).build(),
                    context));
    try {
      ToolExecutionResult result =
          pending.get(config.timeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
      // The client reports its own timeout as a plain answer carrying the configured message.
      boolean timedOut = timedOut().getMessage().equals(result.resultText());
      return result.isError() || timedOut
          ? ToolResult.error(result.resultText())
          : ToolResult.ok(result.resultText());
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timedOut();
    } catch (ExecutionException e) {
      if (isTimeout(e.getCause())) {
        throw timedOut();
      }
      LOG.warnf("MCP call %s.%s failed: %s", server, tool, e.getCause());
      throw new ToolException("the MCP server '" + server + "' failed to run the call", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException("the call was interrupted", e);
    }
  }

  private ToolException timedOut() {
    return new ToolException(
        "the MCP call timed out after "
            + config.timeout().toMillis()
            + " ms; whether it took effect is unknown");
  }

  private static boolean isTimeout(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private void closeClient() {
    if (client != null) {
      try {
        client.close();
      } catch (Exception e) {
        LOG.debugf("closing MCP client %s: %s", server, e);
      }
    }
    client = null;
    transport = null;
    if (io != null) {
      io.shutdownNow();
      io = null;
    }
  }

  @Override
  public synchronized void close() {
    closeClient();
    calls.shutdownNow();
  }
}
