package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cancel does not wait for a slow model: the run's first model answer takes 30 s, and the cancel
 * is given while that request is in flight.
 *
 * <p>With a live replica, the cancel interrupts the call: the run is CANCELLED within 5 s, its
 * report names the abandoned call, and no further model request is made. With the replica that
 * holds the run frozen (SIGSTOP) and a second replica running, both with a 30 s lease TTL (so a
 * lapsed lease would take far longer than the deadline), the cancel takes the frozen replica's
 * lease after {@code CAIRN_CONTROL_CANCEL_TAKEOVER=2s} and the second replica applies it: CANCELLED
 * within the takeover time plus 4 s. Thawed, the frozen replica reports the lost lease (so it did
 * try to go on) and writes nothing: no checkpoint under its name, no checkpoint under a lease the
 * run no longer held (the exact {@link LeaseAudit}), the run still CANCELLED with its one terminal
 * checkpoint.
 */
class CancelDuringLongModelCallIT {

  private static final String TEST = "CancelDuringLongModelCallIT";
  private static final Duration SLOW_ANSWER = Duration.ofSeconds(30);
  private static final Duration TAKEOVER = Duration.ofSeconds(2);
  private static final String BUDGET = "{\"maxSteps\":50}";

  @Test
  void shouldCancelARunWhoseModelCallIsInFlightWithinSeconds() {
    try (ScenarioRig rig = ScenarioRig.create(TEST + "-live", ScenarioRig.seed())) {
      ScenarioRig.Node a = rig.addNode("a", slowFirstAnswer(), Map.of());
      OperatorCommands commands = new OperatorCommands(rig.database());
      try {
        a.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        a.client().publishAgent(ControlAgent.definition(BUDGET));
        String runId = ControlAgent.submit(a, "cancel me");
        awaitInFlight(a);
        commands.signIn(a);

        Instant cancelledAt = Instant.now();
        String cancel = commands.cancel(a, runId);
        await("the run is CANCELLED")
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> "CANCELLED".equals(RunRow.status(rig.database(), runId)));
        Duration took = Duration.between(cancelledAt, Instant.now());
        RunRow run = RunRow.read(rig.database(), runId);
        rig.note(
            "CANCELLED %s after the cancel; error %s"
                .formatted(Incarnation.seconds(took), run.error()));

        assertThat(commands.state(cancel)).as("%s: the cancel", rig.context()).isEqualTo("APPLIED");
        assertCancelReport(rig, run, true);
        assertThat(a.model().inFlight())
            .as("%s: the abandoned request is still unanswered at the server", rig.context())
            .hasSize(1);
        await("no further model request")
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(5))
            .until(() -> a.model().callCount() == 1);
        assertThat(run.leaseOwner()).as("%s: lease of the cancelled run", rig.context()).isNull();
        ControlAgent.assertRecordedCleanly(rig, audit);
        rig.writeSummary();
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  @Test
  void shouldCancelTheRunOfAFrozenReplicaAfterTheTakeoverAndKeepItsLateWritesOut() {
    try (ScenarioRig rig = ScenarioRig.create(TEST + "-frozen", ScenarioRig.seed())) {
      Map<String, String> env =
          Map.of(
              "CAIRN_CONTROL_CANCEL_TAKEOVER",
              TAKEOVER.toSeconds() + "s",
              "CAIRN_LEASE_TTL",
              "30s");
      ScenarioRig.Node a = rig.addNode("a", slowFirstAnswer(), env);
      ScenarioRig.Node b = rig.addNode("b", slowFirstAnswer(), env);
      OperatorCommands commands = new OperatorCommands(rig.database());
      try {
        a.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        a.client().publishAgent(ControlAgent.definition(BUDGET));
        String runId = ControlAgent.submit(a, "cancel me while frozen");
        awaitInFlight(a);
        String ownerA = a.process().leaseOwner();
        b.startAndAwaitReady();
        assertThat(RunRow.read(rig.database(), runId).leaseOwner())
            .as("%s: a holds the run while its model call is in flight", rig.context())
            .isEqualTo(ownerA);

        commands.signIn(b);
        freezeOutsideTransactions(rig, a);
        Instant cancelledAt = Instant.now();
        // a is frozen: the operator asks b, which records the command and notifies both.
        String cancel = commands.cancel(b, runId);
        Duration deadline = TAKEOVER.plusSeconds(4);
        await("the run is CANCELLED by b")
            .atMost(deadline)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> "CANCELLED".equals(RunRow.status(rig.database(), runId)));
        Duration took = Duration.between(cancelledAt, Instant.now());
        RunRow run = RunRow.read(rig.database(), runId);
        rig.note(
            "CANCELLED %s after the cancel with a frozen (takeover %s); error %s"
                .formatted(Incarnation.seconds(took), TAKEOVER, run.error()));
        assertThat(took)
            .as("%s: a cancel waits for the takeover, not for a lease to lapse", rig.context())
            .isGreaterThanOrEqualTo(TAKEOVER.minusMillis(200));
        assertThat(commands.state(cancel)).as("%s: the cancel", rig.context()).isEqualTo("APPLIED");
        assertThat(
                Sql.column(
                    rig.database(),
                    "SELECT lease_owner FROM checkpoint WHERE run_id = ?::uuid"
                        + " AND status_after = 'CANCELLED'",
                    runId))
            .as("%s: who recorded the cancel", rig.context())
            .containsExactly(b.process().leaseOwner());
        // The abandoned call was the frozen replica's: the replica that applies the cancel names
        // it from the reservation it found, and charges it.
        assertCancelReport(rig, run, false);
        assertThat(run.error().path("report").path("abandonedCall").asText(""))
            .as("%s: the frozen replica's call in the report", rig.context())
            .isEqualTo("model call of step 1 by a replica that stopped answering");
        assertThat(run.modelCalls())
            .as("%s: model calls charged (the frozen replica's reserved call)", rig.context())
            .isEqualTo(1);

        Instant thawedAt = Instant.now();
        a.process().thaw();
        // Thawed, a sees the cancel notification and its lost lease; whatever it tries to
        // commit must fail the fence. Its abandoned call is still in flight at its model server.
        await("a, thawed, notices it lost the run")
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> a.metric("cairn_lease_lost_total") >= 1);
        await("a, thawed, writes nothing")
            .during(Duration.ofSeconds(5))
            .atMost(Duration.ofSeconds(8))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    checkpointsBy(rig, ownerA).isEmpty()
                        && RunRow.read(rig.database(), runId).stepCount() == run.stepCount()
                        && "CANCELLED".equals(RunRow.status(rig.database(), runId)));
        rig.note(
            "a thawed %s; lease lost reported by a: %s; model calls a %d, b %d"
                .formatted(
                    thawedAt,
                    a.metric("cairn_lease_lost_total"),
                    a.model().callCount(),
                    b.model().callCount()));
        rig.note("ownership timeline: " + audit.timeline(runId));
        rig.writeSummary();

        assertThat(checkpointsBy(rig, ownerA))
            .as("%s: checkpoints by the frozen replica", rig.context())
            .isEmpty();
        assertThat(a.model().callCount()).as("%s: model calls by a", rig.context()).isEqualTo(1);
        assertThat(b.model().callCount()).as("%s: model calls by b", rig.context()).isZero();
        assertThat(a.process().isAlive()).as("%s: a survived", rig.context()).isTrue();
        ControlAgent.assertRecordedCleanly(rig, audit);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  private static void assertCancelReport(ScenarioRig rig, RunRow run, boolean namesAbandonedCall) {
    JsonNode report = run.error() == null ? null : run.error().path("report");
    assertThat(report).as("%s: the cancel report in the run's error", rig.context()).isNotNull();
    if (namesAbandonedCall) {
      assertThat(report.path("abandonedCall").asText(""))
          .as("%s: the report names the abandoned model call (%s)", rig.context(), report)
          .isEqualTo("model call of step 1");
    }
    assertThat(report.path("stepsCompleted").asInt(-1))
        .as("%s: steps completed before the cancel (%s)", rig.context(), report)
        .isZero();
    assertThat(report.path("uncertainEffects").isArray())
        .as("%s: uncertain effects listed (%s)", rig.context(), report)
        .isTrue();
    assertThat(report.path("uncertainEffects"))
        .as("%s: no tool ran, so no effect is uncertain (%s)", rig.context(), report)
        .isEmpty();
  }

  private static void awaitInFlight(ScenarioRig.Node node) {
    await("the first model call is in flight")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !node.model().inFlight().isEmpty());
  }

  private static List<String> checkpointsBy(ScenarioRig rig, String owner) {
    return Sql.rows(
        rig.database(),
        "SELECT run_id, seq, kind, lease_epoch, created_at FROM checkpoint WHERE lease_owner = ?",
        owner);
  }

  /**
   * Freezes the node while none of its database sessions is inside a statement or transaction, so
   * that it holds no row lock the other replica's claim would skip.
   */
  private static void freezeOutsideTransactions(ScenarioRig rig, ScenarioRig.Node node) {
    String name = node.process().nodeId();
    for (int attempt = 0; attempt < 20; attempt++) {
      node.process().freeze();
      List<String> busy =
          Sql.rows(
              rig.database(),
              "SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database()"
                  + " AND application_name = ? AND state <> 'idle'",
              name);
      if (busy.isEmpty()) {
        return;
      }
      node.process().thaw();
      await().pollDelay(Duration.ofMillis(25)).until(() -> true);
    }
    throw new AssertionError("could not freeze " + name + " outside a transaction");
  }

  /** Calculator once, then done; the first answer takes 30 s, the others 200 ms. */
  private static dev.cairn.testing.FakeOpenAiServer.Responder slowFirstAnswer() {
    return ControlAgent.calculatorTurns(1, n -> n == 1 ? SLOW_ANSWER : Duration.ofMillis(200));
  }
}
