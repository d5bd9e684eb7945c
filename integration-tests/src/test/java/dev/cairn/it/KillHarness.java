package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The rig of the crash scenarios: runtime nodes on one test database, each with its own fake model
 * server (so every model call is attributed to a node), one ledger behind the webhook tool, the
 * crashy agent and its runs. It kills and restarts nodes, keeps the books needed for the model call
 * bound, and measures each restart.
 */
final class KillHarness implements AutoCloseable {

  /** Run states in which a run no longer moves without an operator. */
  private static final String SETTLED =
      "('COMPLETED', 'FAILED', 'CANCELLED', 'BUDGET_EXCEEDED', 'QUARANTINED',"
          + " 'NEEDS_RECONCILIATION')";

  private final String testName;
  private final long seed;
  private final TestDatabase database;
  private final LedgerServer ledger;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, String> inputsByRunId = new LinkedHashMap<>();
  private final ModelCallBook book = new ModelCallBook();
  private final List<Incarnation> incarnations = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Instant allSettledAt;

  private KillHarness(String testName, long seed, TestDatabase database, LedgerServer ledger) {
    this.testName = testName;
    this.seed = seed;
    this.database = database;
    this.ledger = ledger;
  }

  /**
   * Provides the database and the ledger, then starts every node and waits until all are ready.
   *
   * @param extraEnv environment for every node, on top of {@link RuntimeProcess}'s defaults
   */
  private LeaseAudit audit;

  static KillHarness start(
      String testName, long seed, List<String> nodeIds, Map<String, String> extraEnv) {
    TestDatabase database = TestDatabase.create();
    LedgerServer ledger = LedgerServer.start();
    // Answering a little after applying widens the window between an applied effect and its
    // recorded result, the window exactly-once effects are about.
    ledger.answerDelay(Duration.ofMillis(150));
    KillHarness harness = new KillHarness(testName, seed, database, ledger);
    try {
      harness.note("seed=" + seed + ", database " + database);
      for (String nodeId : nodeIds) {
        FakeOpenAiServer model = FakeOpenAiServer.start(CrashyAgent.responder());
        RuntimeProcess process =
            new RuntimeProcess(
                new RuntimeProcess.Spec(
                    testName, nodeId, database, model.baseUrl(), ledger.url(), extraEnv));
        harness.nodes.put(nodeId, new Node(process, model));
      }
      harness.nodes.values().forEach(KillHarness::startNode);
      harness.nodes.values().forEach(harness::awaitReady);
      // The schema exists now; audit every checkpoint against the lease the run held.
      harness.audit = LeaseAudit.install(database);
      return harness;
    } catch (RuntimeException | AssertionError e) {
      harness.printLogs();
      harness.close();
      throw e;
    }
  }

  /** I-5, exactly: no checkpoint was committed under a lease the run did not hold. */
  void assertNoStaleWrites() {
    audit.assertNoStaleWrites(context());
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

  void publishAgent() {
    liveClient().publishAgent(CrashyAgent.definition());
  }

  /** Submits {@code count} more runs with inputs continuing the numbering. */
  void submitRuns(int count) {
    CairnClient client = liveClient();
    int first = inputsByRunId.size();
    for (int i = first; i < first + count; i++) {
      String input = CrashyAgent.input(i);
      inputsByRunId.put(client.submitRun(CrashyAgent.NAME, "\"" + input + "\""), input);
    }
  }

  /** True when no acknowledged run can move any more. */
  boolean allSettled() {
    return unsettled().isEmpty();
  }

  /**
   * SIGKILLs the node, books which model steps the kill hit, then starts it again and waits until
   * it is ready.
   */
  ModelCallBook.Kill killAndRestart(String nodeId) {
    Node node = nodes.get(nodeId);
    List<ChatCall> inFlight = node.model.inFlight();
    node.process.kill();
    Instant killedAt = Instant.now();
    List<ChatCall> calls = node.model.calls();
    ModelCallBook.Kill kill =
        book.recordKill(
            nodeId,
            calls.subList(node.callsAtStart, calls.size()),
            inFlight,
            checks().checkpointsByInput());
    endIncarnation(node, killedAt);
    note(
        "kill %d of %s: %d calls unanswered %s, %d steps hit %s"
            .formatted(
                kill.number(),
                nodeId,
                kill.unanswered().size(),
                kill.unanswered(),
                kill.hit().size(),
                kill.hit()));
    startNode(node);
    awaitReady(node);
    return kill;
  }

  /** Waits until every acknowledged run is settled; fails with the stuck runs otherwise. */
  void awaitAllSettled(Duration timeout) {
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(this::allSettled);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          context() + ": runs not settled after " + timeout + ": " + unsettled(), e);
    }
    allSettledAt = Instant.now();
    nodes.values().forEach(node -> endIncarnation(node, allSettledAt));
  }

  /** Model calls per step stay within 1 + the kills that hit the step, on all nodes together. */
  void assertModelCallBound() {
    assertThat(book.violations(allCalls()))
        .as("%s: model steps asked more often than 1 + kills that hit them", context())
        .isEmpty();
  }

  /** The API agrees with the database: every run COMPLETED, with the answer of its own input. */
  void assertApiReportsCompleted() {
    checks().assertApiReportsCompleted(liveClient());
  }

  /** Every run took the script's steps, no more (a repeated step) and no fewer (a skipped one). */
  void assertEveryRunTookScriptedSteps() {
    checks().assertEveryRunTookScriptedSteps();
  }

  /** Each run applied its one webhook effect, for its own input. */
  void assertEachRunAppliedItsEffect() {
    checks().assertEachRunAppliedItsEffect();
  }

  private CrashyRunChecks checks() {
    return new CrashyRunChecks(database, ledger, inputsByRunId, context());
  }

  /** The summary of the scenario, printed and written to {@code summary.txt}. */
  String report() {
    List<String> lines = new ArrayList<>(notes);
    List<ChatCall> calls = allCalls();
    List<ModelCallBook.Kill> kills = book.kills();
    lines.add("kills survived: " + kills.size());
    lines.add(
        "kills that hit a model step: " + kills.stream().filter(k -> !k.hit().isEmpty()).count());
    lines.add(
        "kills with a model call unanswered: "
            + kills.stream().filter(k -> !k.unanswered().isEmpty()).count());
    lines.add("runs completed: " + completedRuns() + " of " + inputsByRunId.size());
    lines.add(
        "model calls: %d for %d runs (%d repeats excused by kills)"
            .formatted(calls.size(), inputsByRunId.size(), book.excusedRepeats(calls)));
    lines.add("runs resumed by another incarnation or node: " + resumedRuns());
    lines.add(
        "webhook: %d attempts, %d keys applied"
            .formatted(ledger.totalAttempts(), ledger.appliedKeys().size()));
    lines.add("last restart to all runs settled: " + lastRestartToSettled());
    incarnations.forEach(incarnation -> lines.add("  " + incarnation));
    String report = String.join("\n", lines);
    try {
      Files.writeString(
          RuntimeProcess.logDirectory(testName).resolve("summary.txt"),
          report + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return report;
  }

  private String lastRestartToSettled() {
    Instant lastStart =
        incarnations.stream().map(Incarnation::started).max(Instant::compareTo).orElse(null);
    if (lastStart == null || allSettledAt == null) {
      return "-";
    }
    Instant finished = lastFinishedAt();
    Duration duration = Duration.between(lastStart, finished == null ? allSettledAt : finished);
    return duration.isNegative()
        ? "0 (all runs had settled before the last restart)"
        : Incarnation.seconds(duration);
  }

  /** Prints every node's log files, with the tail of the latest, for a failure's post-mortem. */
  void printLogs() {
    for (Node node : nodes.values()) {
      System.out.println(testName + " " + context() + " logs of " + node.process.nodeId() + ":");
      for (Path log : node.process.logFiles()) {
        System.out.println("  " + log.toAbsolutePath());
      }
      Path current = node.process.currentLog();
      if (current != null) {
        System.out.println(RuntimeProcess.tail(current, 40));
      }
    }
  }

  @Override
  public void close() {
    for (Node node : nodes.values()) {
      node.process.close();
      node.model.close();
    }
    ledger.close();
    database.close();
  }

  private static void startNode(Node node) {
    // Calls are attributed to an incarnation from its start: it may call the model before it
    // reports ready.
    node.callsAtStart = node.model.callCount();
    node.process.start();
  }

  private void awaitReady(Node node) {
    node.process.awaitReady();
    node.readyAt = Instant.now();
  }

  private void endIncarnation(Node node, Instant ended) {
    Instant started = node.process.startedAt();
    if (started == null || node.readyAt == null) {
      return;
    }
    List<OffsetDateTime> first =
        Sql.query(
            database,
            "SELECT min(created_at) FROM checkpoint"
                + " WHERE lease_owner LIKE ? AND created_at >= ? AND created_at <= ?",
            rs -> rs.getObject(1, OffsetDateTime.class),
            node.process.nodeId() + "%",
            started,
            ended);
    OffsetDateTime firstCheckpoint = first.isEmpty() ? null : first.get(0);
    incarnations.add(
        new Incarnation(
            node.process.nodeId(),
            node.process.incarnations(),
            started,
            Duration.between(started, node.readyAt),
            ended,
            firstCheckpoint == null
                ? null
                : Duration.between(started, firstCheckpoint.toInstant())));
    node.readyAt = null;
  }

  private List<String> unsettled() {
    return Sql.rows(
        database,
        "SELECT id, status, step_count, lease_owner, lease_epoch FROM agent_run"
            + " WHERE status NOT IN "
            + SETTLED);
  }

  private int resumedRuns() {
    return Sql.column(
            database,
            "SELECT run_id FROM checkpoint GROUP BY run_id HAVING count(DISTINCT lease_owner) > 1")
        .size();
  }

  private long completedRuns() {
    return Sql.column(database, "SELECT id FROM agent_run WHERE status = 'COMPLETED'").size();
  }

  private Instant lastFinishedAt() {
    List<OffsetDateTime> finished =
        Sql.query(
            database,
            "SELECT max(finished_at) FROM agent_run",
            rs -> rs.getObject(1, OffsetDateTime.class));
    return finished.isEmpty() || finished.get(0) == null ? null : finished.get(0).toInstant();
  }

  private List<ChatCall> allCalls() {
    List<ChatCall> calls = new ArrayList<>();
    nodes.values().forEach(node -> calls.addAll(node.model.calls()));
    return calls;
  }

  private CairnClient liveClient() {
    return nodes.values().stream()
        .filter(node -> node.process.isAlive())
        .findFirst()
        .map(node -> node.client)
        .orElseThrow(() -> new IllegalStateException("no live node"));
  }

  private void note(String line) {
    System.out.println(testName + " " + line);
    notes.add(line);
  }

  /** One node with its own model server; mutable state is touched by the test thread only. */
  private static final class Node {
    final RuntimeProcess process;
    final FakeOpenAiServer model;
    final CairnClient client;
    int callsAtStart;
    Instant readyAt;

    Node(RuntimeProcess process, FakeOpenAiServer model) {
      this.process = process;
      this.model = model;
      this.client = new CairnClient(process.baseUrl());
    }
  }
}
