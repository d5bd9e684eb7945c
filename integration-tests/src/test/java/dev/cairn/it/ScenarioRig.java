package dev.cairn.it;

import static org.awaitility.Awaitility.await;

import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The rig of the single-fault scenarios (side-effect window, frozen replica, database restart,
 * graceful shutdown, recovery time): one test database, one ledger behind the webhook tool, and
 * runtime nodes that the scenario adds one by one, each with its own fake model server (so every
 * model call is attributed to a node) and its own answer script and environment. Unlike {@link
 * KillHarness}, nodes are started, stopped and signalled only when the scenario says so.
 */
final class ScenarioRig implements AutoCloseable {

  /** Run states in which a run no longer moves without an operator. */
  static final String SETTLED =
      "('COMPLETED', 'FAILED', 'CANCELLED', 'BUDGET_EXCEEDED', 'QUARANTINED',"
          + " 'NEEDS_RECONCILIATION')";

  /**
   * Environment every node gets, on top of {@link RuntimeProcess}'s defaults: a 1 s reaper, and the
   * engine's debug lines (failed heartbeats, lost LISTEN connections, results dropped for a lost
   * lease), which are few and exactly what a post-mortem needs.
   */
  private static final Map<String, String> BASE_ENV =
      Map.of(
          "CAIRN_LEASE_REAP_INTERVAL",
          "1s",
          "QUARKUS_LOG_CATEGORY__DEV_CAIRN_RUNTIME__LEVEL",
          "DEBUG");

  private final String testName;
  private final long seed;
  private final TestDatabase database;
  private final LedgerServer ledger;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, String> inputsByRunId = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  private ScenarioRig(String testName, long seed, TestDatabase database, LedgerServer ledger) {
    this.testName = testName;
    this.seed = seed;
    this.database = database;
    this.ledger = ledger;
  }

  /** A rig on a fresh test database (see {@link TestDatabase#create()}). */
  static ScenarioRig create(String testName, long seed) {
    return create(testName, seed, TestDatabase.create());
  }

  /** A rig on the given database, which the rig closes. */
  static ScenarioRig create(String testName, long seed, TestDatabase database) {
    ScenarioRig rig = new ScenarioRig(testName, seed, database, LedgerServer.start());
    rig.note("seed=" + seed + " (replay with -Dcairn.it.seed=" + seed + "), database " + database);
    return rig;
  }

  /** The scenario's seed: {@code -Dcairn.it.seed}, else a fresh one. */
  static long seed() {
    return Long.getLong("cairn.it.seed", System.nanoTime());
  }

  /**
   * Adds a node; nothing runs until {@link Node#start()}.
   *
   * @param responder the node's model server script
   * @param env environment on top of the defaults
   */
  Node addNode(String nodeId, FakeOpenAiServer.Responder responder, Map<String, String> env) {
    Map<String, String> merged = new HashMap<>(BASE_ENV);
    // Names the node's database sessions (pg_stat_activity.application_name).
    String url = database.jdbcUrl();
    merged.put(
        "QUARKUS_DATASOURCE_JDBC_URL",
        url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + nodeId);
    merged.putAll(env);
    FakeOpenAiServer model = FakeOpenAiServer.start(responder);
    RuntimeProcess process =
        new RuntimeProcess(
            new RuntimeProcess.Spec(
                testName, nodeId, database, model.baseUrl(), ledger.url(), merged));
    Node node = new Node(process, model);
    nodes.put(nodeId, node);
    return node;
  }

  String context() {
    return "seed=" + seed;
  }

  TestDatabase database() {
    return database;
  }

  LedgerServer ledger() {
    return ledger;
  }

  /** Run id to run input, for every acknowledged run. */
  Map<String, String> inputsByRunId() {
    return Map.copyOf(inputsByRunId);
  }

  /** Publishes the crashy agent through the node's API. */
  void publishAgent(Node via) {
    via.client().publishAgent(CrashyAgent.definition());
  }

  /** Submits {@code count} more runs through the node's API; returns their ids. */
  List<String> submitRuns(Node via, int count) {
    List<String> ids = new ArrayList<>();
    int first = inputsByRunId.size();
    for (int i = first; i < first + count; i++) {
      String input = CrashyAgent.input(i);
      String id = via.client().submitRun(CrashyAgent.NAME, "\"" + input + "\"");
      inputsByRunId.put(id, input);
      ids.add(id);
    }
    return ids;
  }

  /** Runs that can still move, rendered with their lease. */
  List<String> unsettled() {
    return Sql.rows(
        database,
        "SELECT id, status, step_count, lease_owner, lease_epoch, lease_expires_at FROM agent_run"
            + " WHERE status NOT IN "
            + SETTLED);
  }

  /** Waits until every acknowledged run is settled; fails with the stuck runs otherwise. */
  void awaitAllSettled(Duration timeout) {
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> unsettled().isEmpty());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          context() + ": runs not settled after " + timeout + ": " + unsettled(), e);
    }
  }

  /** Number of committed checkpoints, over all runs. */
  int checkpointCount() {
    return Integer.parseInt(Sql.column(database, "SELECT count(*) FROM checkpoint").get(0));
  }

  /** Committed checkpoints per run input, e.g. for {@link ModelCallBook#recordKill}. */
  Map<String, Integer> checkpointsByInput() {
    return checks().checkpointsByInput();
  }

  private CrashyRunChecks checks() {
    return new CrashyRunChecks(database, ledger, inputsByRunId, context());
  }

  /** The earliest checkpoint written under this lease owner, or null. */
  Instant firstCheckpointBy(String leaseOwner) {
    List<OffsetDateTime> first =
        Sql.query(
            database,
            "SELECT min(created_at) FROM checkpoint WHERE lease_owner = ?",
            rs -> rs.getObject(1, OffsetDateTime.class),
            leaseOwner);
    return first.isEmpty() || first.get(0) == null ? null : first.get(0).toInstant();
  }

  /** The nodes added so far, in the order they were added. */
  List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  /** Every model call of every node, in no particular order. */
  List<ChatCall> allModelCalls() {
    List<ChatCall> calls = new ArrayList<>();
    nodes.values().forEach(node -> calls.addAll(node.model().calls()));
    return calls;
  }

  /**
   * The checks every scenario ends with: I-1 to I-5 (with the exact lease audit when given), every
   * run took the script's five steps, applied its one webhook effect for its own input, and the API
   * reports it completed.
   */
  void assertRunsCompletedCorrectly(LeaseAudit audit, Node apiNode) {
    new Invariants(database, context()).assertAll(inputsByRunId.keySet(), ledger);
    if (audit != null) {
      audit.assertNoStaleWrites(context());
    }
    CrashyRunChecks checks = checks();
    checks.assertEveryRunTookScriptedSteps();
    checks.assertEachRunAppliedItsEffect();
    checks.assertApiReportsCompleted(apiNode.client());
  }

  /** Prints and keeps one line of the scenario's summary. */
  void note(String line) {
    System.out.println(testName + " " + line);
    notes.add(line);
  }

  /** Writes the notes so far to {@code target/it-logs/<test>/summary.txt}; returns the file. */
  Path writeSummary() {
    Path file = RuntimeProcess.logDirectory(testName).resolve("summary.txt");
    try {
      Files.writeString(file, String.join("\n", notes) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Prints every node's log files, with the tail of the latest, for a failure's post-mortem. */
  void printLogs() {
    for (Node node : nodes.values()) {
      RuntimeProcess process = node.process();
      System.out.println(testName + " " + context() + " logs of " + process.nodeId() + ":");
      for (Path log : process.logFiles()) {
        System.out.println("  " + log.toAbsolutePath());
      }
      Path current = process.currentLog();
      if (current != null) {
        System.out.println(RuntimeProcess.tail(current, 40));
      }
    }
  }

  /** True if any log of the node contains the text. */
  static boolean logsContain(Node node, String text) {
    return logLinesContaining(node, text) > 0;
  }

  /** Number of lines, over all logs of the node, that contain the text. */
  static long logLinesContaining(Node node, String text) {
    long count = 0;
    for (Path log : node.process().logFiles()) {
      try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
        count += lines.filter(line -> line.contains(text)).count();
      } catch (IOException | UncheckedIOException e) {
        throw new IllegalStateException("cannot read " + log, e);
      }
    }
    return count;
  }

  @Override
  public void close() {
    for (Node node : nodes.values()) {
      node.process().close();
      node.model().close();
    }
    ledger.close();
    database.close();
  }

  /** One runtime node with its own model server. */
  static final class Node {
    private static final HttpClient METRICS_HTTP =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final RuntimeProcess process;
    private final FakeOpenAiServer model;
    private final CairnClient client;
    private volatile int callsAtStart;

    private Node(RuntimeProcess process, FakeOpenAiServer model) {
      this.process = Objects.requireNonNull(process);
      this.model = model;
      this.client = new CairnClient(process.baseUrl());
    }

    RuntimeProcess process() {
      return process;
    }

    FakeOpenAiServer model() {
      return model;
    }

    CairnClient client() {
      return client;
    }

    /** Starts a new incarnation; its model calls are counted from here. */
    void start() {
      callsAtStart = model.callCount();
      process.start();
    }

    /** Starts a new incarnation and waits until it is ready. */
    void startAndAwaitReady() {
      start();
      process.awaitReady();
    }

    /** The model calls of the current (or last) incarnation. */
    List<ChatCall> incarnationCalls() {
      List<ChatCall> calls = model.calls();
      return calls.subList(Math.min(callsAtStart, calls.size()), calls.size());
    }

    /** Metric value from {@code /q/metrics} (Prometheus text), or 0 when absent or unreachable. */
    double metric(String name) {
      String text;
      try {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(process.baseUrl() + "/q/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build();
        text = METRICS_HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException e) {
        return 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
      for (String line : text.split("\n")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return 0;
    }
  }
}
