package dev.cairn.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server speaking the OpenAI Chat Completions wire format, for tests that drive the
 * runtime's model gateway end to end (LangChain4j's {@code OpenAiChatModel} with {@code baseUrl =
 * server.baseUrl()}).
 *
 * <p>Answers come from a {@link Responder} that sees the parsed request, so a scripted agent can
 * decide by the conversation so far (e.g. how many tool results it already holds) rather than by
 * call order, which keeps scripts correct when the runtime repeats a call after a crash. Faults
 * ({@link Fault}) are queued and consumed one per request, before the responder is asked; when the
 * queue is empty, a {@link FaultRule} may pick a fault for the request (every n-th request, only
 * one model's, until a test lets the provider recover). Every request is recorded with its arrival
 * time, faulted or not, and every error status sent is recorded with its Retry-After.
 */
public final class FakeOpenAiServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPLETIONS_PATH = "/chat/completions";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Responder responder;
  private final List<ChatCall> calls = new CopyOnWriteArrayList<>();
  private final Map<Long, ChatCall> inFlight = new ConcurrentHashMap<>();
  private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final List<StatusSent> statusesSent = new CopyOnWriteArrayList<>();
  private volatile FaultRule faultRule = FaultRule.NONE;
  private final AtomicLong requestIds = new AtomicLong();
  private final AtomicInteger toolCallIds = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final TokenCounting counting;
  private final AutomaticPromptCache promptCache = new AutomaticPromptCache();

  private FakeOpenAiServer(Responder responder, TokenCounting counting) throws IOException {
    this.responder = Objects.requireNonNull(responder, "responder");
    this.counting = Objects.requireNonNull(counting, "counting");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server on 127.0.0.1 with an ephemeral port. */
  public static FakeOpenAiServer start(Responder responder) {
    return start(responder, TokenCounting.PER_MESSAGE);
  }

  /**
   * Starts a server on 127.0.0.1 with an ephemeral port that counts prompt tokens as told.
   *
   * @param responder decides the answers
   * @param counting how prompt tokens (and cached ones) are counted
   * @return the started server
   */
  public static FakeOpenAiServer start(Responder responder, TokenCounting counting) {
    try {
      return new FakeOpenAiServer(responder, counting);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start fake OpenAI server", e);
    }
  }

  /** The value to configure as the OpenAI base URL, e.g. {@code http://127.0.0.1:41234/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Number of chat completion requests received, including faulted ones. */
  public int callCount() {
    return calls.size();
  }

  /** A snapshot of all chat completion requests received, in arrival order. */
  public List<ChatCall> calls() {
    return List.copyOf(calls);
  }

  /**
   * A snapshot of the requests received whose answer has not been fully written yet (waiting on a
   * delay, or in the responder). A test that kills the client can use it to see which calls the
   * kill interrupted.
   */
  public List<ChatCall> inFlight() {
    return List.copyOf(inFlight.values());
  }

  /** Queues a fault; each request consumes at most one queued fault, first in first out. */
  public void enqueueFault(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /**
   * Sets the rule that picks faults for requests when no queued fault is left.
   *
   * @param rule the rule; {@link FaultRule#NONE} for none
   */
  public void setFaultRule(FaultRule rule) {
    faultRule = Objects.requireNonNull(rule, "rule");
  }

  /** A snapshot of the error statuses sent ({@link Fault.Status} faults), in order. */
  public List<StatusSent> statusesSent() {
    return List.copyOf(statusesSent);
  }

  /** Stops the server; delayed answers still pending are abandoned without a response. */
  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())
          || !exchange.getRequestURI().getPath().endsWith(COMPLETIONS_PATH)) {
        sendError(
            exchange, 404, "no route for " + exchange.getRequestURI(), "invalid_request_error");
        return;
      }
      JsonNode request;
      try {
        request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      } catch (JsonProcessingException e) {
        sendError(exchange, 400, "request body is not JSON", "invalid_request_error");
        return;
      }
      ChatCall call =
          new ChatCall(
              request, exchange.getRequestHeaders().getFirst("Authorization"), Instant.now());
      calls.add(call);
      long requestId = requestIds.incrementAndGet();
      inFlight.put(requestId, call);
      try {
        answer(exchange, call, requestId);
      } finally {
        inFlight.remove(requestId);
      }
    }
  }

  private void answer(HttpExchange exchange, ChatCall call, long requestId) throws IOException {
    Fault fault = faults.poll();
    if (fault == null) {
      fault = faultRule.faultFor(call);
    }
    if (fault != null) {
      switch (fault) {
        case Fault.Status status -> {
          if (status.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().set("Retry-After", status.retryAfterSeconds().toString());
          }
          // Recorded before the answer leaves, so no client can act on it earlier.
          statusesSent.add(
              new StatusSent(call, status.code(), status.retryAfterSeconds(), Instant.now()));
          sendError(exchange, status.code(), "injected fault " + status.code(), errorType(status));
          return;
        }
        case Fault.MalformedJson malformed -> {
          send(exchange, 200, "{\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion\",\"choi");
          return;
        }
        case Fault.ConnectionReset reset -> {
          // Closing an exchange whose headers were never sent closes the socket itself: the client
          // sees the connection end with no status line, like a proxy or server dying mid-call.
          return;
        }
        case Fault.Delay delay -> {
          if (!pause(delay.duration())) {
            return;
          }
        }
      }
    }
    if (call.request().path("stream").asBoolean(false)) {
      sendError(
          exchange, 400, "streaming is not supported by this server", "invalid_request_error");
      return;
    }
    Reply reply;
    try {
      reply = responder.reply(call);
    } catch (RuntimeException e) {
      sendError(exchange, 500, "responder failed: " + e, "server_error");
      return;
    }
    if (!pause(reply.delay())) {
      return;
    }
    send(exchange, 200, JSON.writeValueAsString(completion(call, reply, requestId)));
  }

  /** Waits for the duration; false if the server was closed meanwhile (then nothing is sent). */
  private boolean pause(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return true;
    }
    try {
      return !closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ObjectNode completion(ChatCall call, Reply reply, long requestId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-" + requestId);
    body.put("object", "chat.completion");
    body.put("created", Instant.now().getEpochSecond());
    body.put("model", call.request().path("model").asText("fake-model"));
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    switch (reply) {
      case Reply.Text text -> {
        message.put("content", text.content());
        choice.put("finish_reason", "stop");
      }
      case Reply.ToolCalls toolCalls -> {
        message.putNull("content");
        ArrayNode array = message.putArray("tool_calls");
        for (Reply.FunctionCall function : toolCalls.calls()) {
          ObjectNode toolCall = array.addObject();
          toolCall.put("id", "call_" + toolCallIds.incrementAndGet());
          toolCall.put("type", "function");
          ObjectNode fn = toolCall.putObject("function");
          fn.put("name", function.name());
          fn.put("arguments", function.argumentsJson());
        }
        choice.put("finish_reason", "tool_calls");
      }
    }
    int promptTokens;
    int cachedTokens = 0;
    if (counting == TokenCounting.ESTIMATED) {
      String prompt = prompt(call.request());
      promptTokens = PromptTokens.of(prompt);
      cachedTokens = promptCache.cachedTokens(prompt);
    } else {
      promptTokens = 10 * call.messages().size();
    }
    int completionTokens = 5;
    ObjectNode usage = body.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    usage.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
    return body;
  }

  /** The prompt as OpenAI sees it for caching: tool definitions first, then the messages. */
  private static String prompt(JsonNode request) {
    StringBuilder prompt = new StringBuilder();
    request.path("tools").forEach(tool -> prompt.append(PromptTokens.text(tool)).append('\n'));
    request
        .path("messages")
        .forEach(message -> prompt.append(PromptTokens.text(message)).append('\n'));
    return prompt.toString();
  }

  /** How the server counts prompt tokens. */
  public enum TokenCounting {
    /** Ten tokens per message, nothing cached (what older tests rely on). */
    PER_MESSAGE,
    /**
     * {@link PromptTokens}' estimate of the whole prompt, with OpenAI's automatic caching of the
     * longest prefix seen before ({@link AutomaticPromptCache}) reported as {@code
     * prompt_tokens_details.cached_tokens}.
     */
    ESTIMATED
  }

  private static String errorType(Fault.Status status) {
    return switch (status.code()) {
      case 429 -> "rate_limit_exceeded";
      case 401 -> "authentication_error";
      default -> status.code() >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  private static void sendError(HttpExchange exchange, int code, String message, String type)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    error.put("code", type);
    send(exchange, code, JSON.writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Decides the answer to one chat completion request. */
  @FunctionalInterface
  public interface Responder {
    Reply reply(ChatCall call);
  }

  /**
   * One received chat completion request, as parsed JSON, with the Authorization header it carried
   * and when it arrived.
   */
  public record ChatCall(JsonNode request, String authorization, Instant receivedAt) {
    /** A call received now. */
    public ChatCall(JsonNode request, String authorization) {
      this(request, authorization, Instant.now());
    }

    /** A call without an Authorization header. */
    public ChatCall(JsonNode request) {
      this(request, null);
    }

    /** The requested model ({@code model}). */
    public String model() {
      return request.path("model").asText(null);
    }

    /** The request's {@code messages} array, in order. */
    public List<JsonNode> messages() {
      List<JsonNode> messages = new ArrayList<>();
      request.path("messages").forEach(messages::add);
      return messages;
    }

    /** Text of the first {@code user} message, or null if there is none. */
    public String firstUserText() {
      for (JsonNode message : messages()) {
        if ("user".equals(message.path("role").asText())) {
          return text(message.path("content"));
        }
      }
      return null;
    }

    /** Number of messages with role {@code tool}, i.e. tool results the model is shown. */
    public int toolResultCount() {
      return countRole("tool");
    }

    /** Number of messages with role {@code assistant}, i.e. earlier model answers. */
    public int assistantCount() {
      return countRole("assistant");
    }

    /** Names of the tools offered to the model ({@code tools[].function.name}). */
    public List<String> toolNames() {
      List<String> names = new ArrayList<>();
      request.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
      return names;
    }

    private int countRole(String role) {
      int count = 0;
      for (JsonNode message : messages()) {
        if (role.equals(message.path("role").asText())) {
          count++;
        }
      }
      return count;
    }

    // A user message is a plain string, or an array of content parts when it has several.
    private static String text(JsonNode content) {
      if (content.isTextual()) {
        return content.asText();
      }
      if (content.isArray()) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
          if ("text".equals(part.path("type").asText())) {
            text.append(part.path("text").asText());
          }
        }
        return text.toString();
      }
      return content.isMissingNode() || content.isNull() ? null : content.toString();
    }
  }

  /** A scripted model answer: plain text (ends the turn) or tool calls. */
  public sealed interface Reply {

    static Reply text(String text) {
      return new Text(text, Duration.ZERO);
    }

    static Reply toolCall(String name, String argumentsJson) {
      return toolCalls(List.of(new FunctionCall(name, argumentsJson)));
    }

    /** Several tool calls in one answer (OpenAI parallel tool calling). */
    static Reply toolCalls(List<FunctionCall> calls) {
      if (calls.isEmpty()) {
        throw new IllegalArgumentException("a tool call answer needs at least one call");
      }
      return new ToolCalls(List.copyOf(calls), Duration.ZERO);
    }

    /** How long the server waits before sending this answer. */
    Duration delay();

    /** The same answer, sent after the given delay. */
    Reply withDelay(Duration delay);

    /** Assistant text with finish reason {@code stop}. */
    record Text(String content, Duration delay) implements Reply {
      public Text {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(delay, "delay");
      }

      @Override
      public Reply withDelay(Duration delay) {
        return new Text(content, delay);
      }
    }

    /** Assistant tool calls with finish reason {@code tool_calls}. */
    record ToolCalls(List<FunctionCall> calls, Duration delay) implements Reply {
      public ToolCalls {
        calls = List.copyOf(calls);
        Objects.requireNonNull(delay, "delay");
      }

      @Override
      public Reply withDelay(Duration delay) {
        return new ToolCalls(calls, delay);
      }
    }

    /**
     * One function call; the arguments are sent verbatim as the JSON-encoded string OpenAI uses.
     */
    record FunctionCall(String name, String argumentsJson) {
      public FunctionCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
      }
    }
  }

  /**
   * An error status the server sent.
   *
   * @param call the request it answered
   * @param code the status
   * @param retryAfterSeconds the Retry-After sent, or null
   * @param sentAt when it was sent (just before the answer left)
   */
  public record StatusSent(ChatCall call, int code, Integer retryAfterSeconds, Instant sentAt) {}

  /** Picks the fault for a request that no queued fault took, or null to answer normally. */
  @FunctionalInterface
  public interface FaultRule {
    /** No faults. */
    FaultRule NONE = call -> null;

    /**
     * The fault for this request.
     *
     * @param call the request
     * @return the fault, or null for a normal answer
     */
    Fault faultFor(ChatCall call);

    /**
     * The fault for every n-th request this rule is asked about (the n-th, 2n-th, ...).
     *
     * @param n the period
     * @param fault the fault
     * @return the rule
     */
    static FaultRule everyNth(int n, Fault fault) {
      if (n < 1) {
        throw new IllegalArgumentException("n must be at least 1: " + n);
      }
      AtomicLong seen = new AtomicLong();
      return call -> seen.incrementAndGet() % n == 0 ? fault : null;
    }

    /**
     * Asks every rule about every request (so each counts it) and takes the first fault.
     *
     * @param rules the rules, by precedence
     * @return the rule
     */
    static FaultRule firstOf(FaultRule... rules) {
      List<FaultRule> all = List.of(rules);
      return call -> {
        Fault chosen = null;
        for (FaultRule rule : all) {
          Fault fault = rule.faultFor(call);
          if (chosen == null) {
            chosen = fault;
          }
        }
        return chosen;
      };
    }

    /**
     * This rule, applied only to (and counting only) requests for one model.
     *
     * @param model the model name
     * @return the rule
     */
    default FaultRule onlyForModel(String model) {
      return call -> model.equals(call.model()) ? faultFor(call) : null;
    }
  }

  /** A failure injected instead of (or before) a normal answer. */
  public sealed interface Fault {

    /** An HTTP error status with an OpenAI-style error body, optionally with Retry-After. */
    static Fault status(int code, Integer retryAfterSeconds) {
      return new Status(code, retryAfterSeconds);
    }

    /** Status 200 with a truncated JSON body. */
    static Fault malformedJson() {
      return new MalformedJson();
    }

    /** Waits before answering normally, e.g. to trip the client's timeout. */
    static Fault delay(Duration duration) {
      return new Delay(duration);
    }

    /** Drops the connection without sending a response. */
    static Fault connectionReset() {
      return new ConnectionReset();
    }

    /** See {@link Fault#status(int, Integer)}. */
    record Status(int code, Integer retryAfterSeconds) implements Fault {
      public Status {
        if (code < 400 || code > 599) {
          throw new IllegalArgumentException("not an error status: " + code);
        }
      }
    }

    /** See {@link Fault#malformedJson()}. */
    record MalformedJson() implements Fault {}

    /** See {@link Fault#delay(Duration)}. */
    record Delay(Duration duration) implements Fault {
      public Delay {
        Objects.requireNonNull(duration, "duration");
      }
    }

    /** See {@link Fault#connectionReset()}. */
    record ConnectionReset() implements Fault {}
  }
}
