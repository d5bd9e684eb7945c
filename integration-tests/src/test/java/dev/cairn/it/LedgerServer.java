package dev.cairn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The far side of the {@code webhook} tool: an HTTP endpoint that behaves like a payment API
 * honouring idempotency keys. Every attempt is recorded; the effect is applied only the first time
 * a key is seen.
 *
 * <p>Applications are counted separately from the check that guards them, so if the check ever let
 * a key through twice the count would say 2 instead of hiding it. An optional delay between
 * applying the effect and answering widens the window in which a crash leaves an applied effect
 * without a recorded result; a {@link Hold} keeps one chosen request in that window until the test
 * has acted (e.g. killed the caller).
 */
public final class LedgerServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, List<JsonNode>> attempts = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> effects = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> applications = new ConcurrentHashMap<>();
  private final AtomicInteger rejected = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Duration answerDelay = Duration.ZERO;
  private volatile Hold hold;

  private LedgerServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/hook", this::handle);
    server.start();
  }

  /** Starts a ledger on 127.0.0.1 with an ephemeral port. */
  public static LedgerServer start() {
    try {
      return new LedgerServer();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start ledger server", e);
    }
  }

  /** The webhook URL to configure, {@code http://127.0.0.1:PORT/hook}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Delay between applying an effect and answering; zero by default. */
  public void answerDelay(Duration delay) {
    this.answerDelay = delay;
  }

  /**
   * Arms a hold on the {@code nth} effect applied from now on: the request that applies it does not
   * answer until {@link Hold#release()} (or until the ledger closes), so the caller sits in the
   * window between an applied effect and its recorded result for as long as the test wants, e.g. to
   * SIGKILL it there. Replaces a hold that has not caught an effect yet.
   */
  public Hold holdApplied(int nth) {
    if (nth < 1) {
      throw new IllegalArgumentException("nth must be at least 1: " + nth);
    }
    Hold armed = new Hold(nth);
    hold = armed;
    return armed;
  }

  /** Number of requests received with this key, applied or not. */
  public int attempts(String key) {
    List<JsonNode> list = attempts.get(key);
    return list == null ? 0 : list.size();
  }

  /** Number of times the effect for this key was applied; anything above 1 is a duplicate. */
  public int appliedCount(String key) {
    AtomicInteger count = applications.get(key);
    return count == null ? 0 : count.get();
  }

  /** Every key seen in any attempt. */
  public Set<String> allKeys() {
    return Set.copyOf(attempts.keySet());
  }

  /** Keys whose effect was applied at least once. */
  public Set<String> appliedKeys() {
    return applications.entrySet().stream()
        .filter(entry -> entry.getValue().get() > 0)
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The request body whose effect was applied for this key. */
  public Optional<JsonNode> effect(String key) {
    return Optional.ofNullable(effects.get(key));
  }

  /** Total attempts over all keys. */
  public int totalAttempts() {
    return attempts.values().stream().mapToInt(List::size).sum();
  }

  /** Requests refused because they carried no idempotency key (the tool must always send one). */
  public int rejectedCount() {
    return rejected.get();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      if (!"POST".equals(exchange.getRequestMethod()) || key == null || key.isBlank()) {
        rejected.incrementAndGet();
        send(exchange, 400, JSON.createObjectNode().put("error", "POST with Idempotency-Key"));
        return;
      }
      JsonNode body = parse(exchange.getRequestBody().readAllBytes());
      attempts.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(body);
      if (effects.putIfAbsent(key, body) == null) {
        applications.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Hold armed = hold;
        if (armed != null && armed.catches(key)) {
          if (!armed.awaitRelease(closed)) {
            return;
          }
        }
      }
      if (!pause(answerDelay)) {
        return;
      }
      ObjectNode answer = JSON.createObjectNode().put("ok", true).put("key", key);
      send(exchange, 200, answer);
    }
  }

  /**
   * A hold on one applied effect, armed by {@link #holdApplied(int)}: tells the test which key was
   * applied and keeps that request's answer back until released.
   */
  public static final class Hold {
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(2);

    private final AtomicInteger remaining;
    private final CompletableFuture<String> caught = new CompletableFuture<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private Hold(int nth) {
      this.remaining = new AtomicInteger(nth);
    }

    /**
     * Waits until the held effect was applied and returns its idempotency key; the request is still
     * unanswered when this returns.
     *
     * @throws AssertionError if no effect was caught within the timeout
     */
    public String awaitApplied(Duration timeout) {
      try {
        return caught.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("no webhook effect applied within " + timeout, e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for an applied effect", e);
      }
    }

    /** Lets the held request answer (if its caller is still there to read it). */
    public void release() {
      released.countDown();
    }

    /** True for exactly one applied effect: the nth since the hold was armed. */
    private boolean catches(String key) {
      if (remaining.decrementAndGet() != 0) {
        return false;
      }
      caught.complete(key);
      return true;
    }

    /** False if the ledger closed first; a hold never outlives {@link #LONGEST_HOLD}. */
    private boolean awaitRelease(CountDownLatch closed) {
      long deadline = System.nanoTime() + LONGEST_HOLD.toNanos();
      try {
        while (System.nanoTime() < deadline) {
          if (released.await(100, TimeUnit.MILLISECONDS)) {
            return true;
          }
          if (closed.getCount() == 0) {
            return false;
          }
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private boolean pause(Duration delay) {
    if (delay.isZero()) {
      return true;
    }
    try {
      return !closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      // Kept as text so that a malformed body still shows up in the recorded attempts.
      return JSON.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
