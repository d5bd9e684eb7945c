package dev.cairn.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The packaged runtime ({@code quarkus-run.jar}) as a child JVM, so that tests can kill it with
 * SIGKILL, stop it with SIGTERM or freeze it with SIGSTOP, as an operating system or orchestrator
 * would.
 *
 * <p>The HTTP port is chosen once and kept across restarts, so clients survive a restart. Each
 * start ("incarnation") writes its own log file {@code target/it-logs/<test>/<node>-<n>.log}.
 */
public final class RuntimeProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Spec spec;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final List<Path> logFiles = new ArrayList<>();
  private volatile Process process;
  private volatile Instant startedAt;
  private boolean exitHookAdded;

  /** Prepares a runtime node; nothing runs until {@link #start()}. */
  public RuntimeProcess(Spec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.port = freePort();
  }

  /** Starts a new incarnation of this node. */
  public synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException(spec.nodeId() + " is already running");
    }
    Path jar = runtimeJar();
    Path log =
        logDirectory(spec.testName()).resolve(spec.nodeId() + "-" + (logFiles.size() + 1) + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + jar, e);
    }
    startedAt = Instant.now();
    logFiles.add(log);
    if (!exitHookAdded) {
      // A test JVM stopped mid-scenario (timeout, Ctrl-C) must not leave runtimes behind that keep
      // claiming runs and holding ports.
      Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "kill-" + spec.nodeId()));
      exitHookAdded = true;
    }
  }

  /** Waits until {@code /q/health/ready} answers 200; fails early if the process dies. */
  public void awaitReady() {
    Process current = process;
    try {
      await()
          .atMost(READY_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .failFast(spec.nodeId() + " exited before it was ready", () -> !current.isAlive())
          .until(this::ready);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new AssertionError(
          spec.nodeId() + " not ready (" + e.getMessage() + "), log " + currentLog(), e);
    }
  }

  /** SIGKILL: no shutdown hook, no graceful release of leases; returns once the process is gone. */
  public void kill() {
    Process current = process;
    if (current == null) {
      return;
    }
    current.destroyForcibly();
    waitForExit(current, Duration.ofSeconds(30));
  }

  /** SIGTERM: asks for a graceful shutdown and returns at once (see {@link #awaitExit}). */
  public void terminate() {
    if (process != null) {
      process.destroy();
    }
  }

  /** Waits for the current incarnation to exit; true if it did within the timeout. */
  public boolean awaitExit(Duration timeout) {
    return process == null || waitForExit(process, timeout);
  }

  /** SIGSTOP: the process keeps its sockets and leases but does nothing, like a long GC pause. */
  public void freeze() {
    signal("-STOP");
  }

  /** SIGCONT: resumes a frozen process. */
  public void thaw() {
    signal("-CONT");
  }

  public long pid() {
    return requireProcess().pid();
  }

  /**
   * The lease owner name of the current incarnation: the node id plus the process id in base 36,
   * the way the runtime names itself in {@code lease_owner}.
   */
  public String leaseOwner() {
    return spec.nodeId() + "-" + Long.toString(pid(), 36);
  }

  /**
   * HTTP status of {@code /q/health/ready} now, or -1 when the node does not answer within 10 s (a
   * check of an unreachable database may take up to the pool's acquisition timeout).
   */
  public int readinessStatus() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Exit code of the last incarnation, or null while it runs (or before the first start). */
  public Integer exitCode() {
    Process current = process;
    return current == null || current.isAlive() ? null : current.exitValue();
  }

  /**
   * The last lines of the current incarnation's log, for failure messages.
   *
   * @param lines how many lines at most
   * @return the lines joined by newlines, or a note when there is no log
   */
  public String logTail(int lines) {
    Path log = currentLog();
    if (log == null) {
      return "(no log)";
    }
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Base URL of the node's HTTP API, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String nodeId() {
    return spec.nodeId();
  }

  /** When the current incarnation was started. */
  public Instant startedAt() {
    return startedAt;
  }

  /** How many times this node was started. */
  public int incarnations() {
    return logFiles.size();
  }

  /** Log files of all incarnations, oldest first. */
  public List<Path> logFiles() {
    return List.copyOf(logFiles);
  }

  /** The log of the current (or last) incarnation, or null before the first start. */
  public Path currentLog() {
    return logFiles.isEmpty() ? null : logFiles.get(logFiles.size() - 1);
  }

  @Override
  public void close() {
    kill();
  }

  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARKUS_DATASOURCE_JDBC_URL", spec.database().jdbcUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", spec.database().username());
    env.put("QUARKUS_DATASOURCE_PASSWORD", spec.database().password());
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("CAIRN_NODE_ID", spec.nodeId());
    env.put("CAIRN_LEASE_TTL", "3s");
    env.put("CAIRN_OPENAI_BASE_URL", spec.modelBaseUrl());
    env.put("CAIRN_OPENAI_API_KEY", "test-key");
    env.put("CAIRN_TOOLS_WEBHOOK_URL", spec.webhookUrl());
    env.put("CAIRN_SHUTDOWN_GRACE", "5s");
    env.put("CAIRN_SECURITY_BOOTSTRAP_KEY", CairnClient.ADMIN_KEY);
    env.put("CAIRN_TENANTS_SUBMIT_RATE", "0");
    env.putAll(spec.extraEnv());
    return env;
  }

  private boolean ready() {
    return readinessStatus() == 200;
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + spec.nodeId(), e);
    }
  }

  private static boolean waitForExit(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Process requireProcess() {
    if (process == null) {
      throw new IllegalStateException(spec.nodeId() + " was never started");
    }
    return process;
  }

  private static Path runtimeJar() {
    String configured = System.getProperty("cairn.runtime.jar");
    if (configured == null || !Files.isRegularFile(Path.of(configured))) {
      throw new IllegalStateException(
          "runtime jar not found at '"
              + configured
              + "' (system property cairn.runtime.jar); package the runtime module first");
    }
    return Path.of(configured);
  }

  /** Directory for one test's runtime logs, created on demand. */
  static Path logDirectory(String testName) {
    Path dir = Path.of(System.getProperty("basedir", "."), "target", "it-logs", testName);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of a log file, for failure messages. */
  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * How to start a node.
   *
   * @param testName names the log directory
   * @param nodeId the node's {@code CAIRN_NODE_ID}, also its lease owner name
   * @param database the database the node uses
   * @param modelBaseUrl OpenAI-compatible base URL, e.g. a {@code FakeOpenAiServer}
   * @param webhookUrl target of the {@code webhook} tool
   * @param extraEnv further environment variables, which win over the defaults
   */
  public record Spec(
      String testName,
      String nodeId,
      TestDatabase database,
      String modelBaseUrl,
      String webhookUrl,
      Map<String, String> extraEnv) {

    public Spec {
      Objects.requireNonNull(testName, "testName");
      Objects.requireNonNull(nodeId, "nodeId");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(modelBaseUrl, "modelBaseUrl");
      Objects.requireNonNull(webhookUrl, "webhookUrl");
      extraEnv = Map.copyOf(extraEnv);
    }
  }
}
