package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.FakeOpenAiServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A frozen ("zombie") replica whose lease expired must not write when it wakes up.
 *
 * <p>Choreography, with a lease TTL of 3 s: replica A claims the only run (B is frozen meanwhile so
 * that A gets it) and asks the model, whose answer takes 4 s. A is frozen with SIGSTOP while it
 * waits; its lease expires, B claims the run under the next epoch and asks the model itself, an
 * answer that takes 7 s. While B still waits, A is thawed: it reads its answer and tries to commit
 * seq 1 under its old epoch. That moment is the one that matters: nothing but the lease fence stops
 * A, since B has not written seq 1 yet (a write after B's would also collide on the checkpoint's
 * primary key). The test waits until A reports the lost lease ({@code cairn_lease_lost_total}),
 * which it does on the rejected commit, or, without the fence, on its next step's fenced intent.
 *
 * <p>Detectors: the exact {@link LeaseAudit} (a checkpoint committed under a lease the run did not
 * hold then), and a plain one on the checkpoint table (a checkpoint by A, created after the thaw,
 * with an epoch below B's). The negative control runs the same choreography with {@code
 * CAIRN_UNSAFE_DISABLE_FENCING=true} on both nodes and asserts that both detectors fire, so a green
 * fenced run means the fence worked, not that the test was blind.
 */
class FrozenReplicaIT {

  private static final String TEST = "FrozenReplicaIT";
  private static final Duration A_FIRST_ANSWER = Duration.ofSeconds(4);
  private static final Duration B_FIRST_ANSWER = Duration.ofSeconds(7);
  private static final String UNSAFE_SWITCH_LOG = "cairn.unsafe.disable-fencing=true";

  @Test
  void shouldRejectEveryLateWriteOfAFrozenReplicaWhenAnotherReplicaTookItsLease() {
    try (ScenarioRig rig = ScenarioRig.create(TEST + "-fenced", ScenarioRig.seed())) {
      Scenario scenario = new Scenario(rig, Map.of());
      try {
        scenario.play();
        rig.awaitAllSettled(Duration.ofMinutes(1));
        scenario.report();

        assertThat(scenario.audit.staleWrites())
            .as("%s: checkpoints committed under a lease the run no longer held", rig.context())
            .isEmpty();
        assertThat(scenario.lateCheckpointsOfA())
            .as("%s: checkpoints by A after its thaw with an epoch below B's", rig.context())
            .isEmpty();
        assertThat(
                Sql.rows(
                    rig.database(),
                    "SELECT seq, lease_owner, lease_epoch FROM checkpoint WHERE lease_owner = ?",
                    scenario.ownerA))
            .as("%s: checkpoints by A, which never committed a step before it froze", rig.context())
            .isEmpty();
        rig.assertRunsCompletedCorrectly(scenario.audit, scenario.b);
        assertThat(scenario.a.model().callCount())
            .as("%s: model calls by A (its one frozen call)", rig.context())
            .isEqualTo(1);
        assertThat(scenario.b.model().callCount())
            .as("%s: model calls by B (each model step once)", rig.context())
            .isEqualTo(3);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  @Test
  void shouldDetectTheFrozenReplicasLateWriteWhenFencingIsDisabled() {
    try (ScenarioRig rig = ScenarioRig.create(TEST + "-unfenced", ScenarioRig.seed())) {
      Scenario scenario = new Scenario(rig, Map.of("CAIRN_UNSAFE_DISABLE_FENCING", "true"));
      try {
        scenario.play();
        List<String> stale = scenario.audit.staleWrites();
        List<String> late = scenario.lateCheckpointsOfA();
        reportWhatTheCheckpointOnlyInvariantsSee(rig);
        scenario.report();

        assertThat(stale)
            .as("%s: the lease audit sees A's write under its expired lease", rig.context())
            .anySatisfy(
                row ->
                    assertThat(row)
                        .contains("seq=1,")
                        .contains("checkpoint_owner=" + scenario.ownerA + ",")
                        .contains("checkpoint_epoch=" + scenario.epochA + ",")
                        .contains("held_owner=" + scenario.ownerB + ",")
                        .contains("held_epoch=" + scenario.epochB + ","));
        assertThat(late)
            .as("%s: the checkpoint-table detector sees A's late write", rig.context())
            .isNotEmpty();
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  /**
   * Prints which of the checkpoint-table invariants notice the double ownership once the run has
   * settled; informative only (a late write at the boundary seq keeps the epochs monotonic, so
   * I-5's checkpoint-only checks may not see it, which is why the lease audit exists).
   */
  private static void reportWhatTheCheckpointOnlyInvariantsSee(ScenarioRig rig) {
    try {
      rig.awaitAllSettled(Duration.ofSeconds(45));
    } catch (AssertionError e) {
      rig.note("negative control: the run did not settle: " + e.getMessage());
    }
    Invariants invariants = new Invariants(rig.database(), "negative-control");
    try {
      invariants.assertNoDoubleOwnership();
      rig.note("negative control: checkpoint-only I-5 passes (does not see the stale write)");
    } catch (AssertionError e) {
      rig.note("negative control: checkpoint-only I-5 fails: " + e.getMessage());
    }
    rig.note(
        "negative control: run after settling: "
            + Sql.rows(rig.database(), "SELECT status, step_count, lease_epoch FROM agent_run"));
  }

  /** Two replicas, one run, and the freeze choreography described on the class. */
  private static final class Scenario {
    final ScenarioRig rig;
    final ScenarioRig.Node a;
    final ScenarioRig.Node b;
    final boolean unfenced;
    LeaseAudit audit;
    String runId;
    String ownerA;
    String ownerB;
    long epochA;
    long epochB;
    Instant frozenAt;
    Instant thawedAt;
    Instant lateWriteSeenAt;

    Scenario(ScenarioRig rig, Map<String, String> env) {
      this.rig = rig;
      this.a = rig.addNode("a", slowFirstAnswer(A_FIRST_ANSWER), env);
      this.b = rig.addNode("b", slowFirstAnswer(B_FIRST_ANSWER), env);
      this.unfenced = "true".equals(env.get("CAIRN_UNSAFE_DISABLE_FENCING"));
    }

    void play() {
      a.start();
      b.start();
      a.process().awaitReady();
      b.process().awaitReady();
      ownerA = a.process().leaseOwner();
      ownerB = b.process().leaseOwner();
      if (unfenced) {
        assertThat(
                ScenarioRig.logsContain(a, UNSAFE_SWITCH_LOG)
                    && ScenarioRig.logsContain(b, UNSAFE_SWITCH_LOG))
            .as("both nodes log the unsafe switch (else the runtime jar predates it)")
            .isTrue();
      }
      audit = LeaseAudit.install(rig.database());
      rig.publishAgent(a);

      freezeOutsideTransactions(b);
      runId = rig.submitRuns(a, 1).get(0);
      await("A asks the model")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> !a.model().inFlight().isEmpty());
      freezeOutsideTransactions(a);
      frozenAt = Instant.now();
      b.process().thaw();
      epochA = leaseEpochHeldBy(ownerA);
      rig.note("A (%s) froze in its model call under epoch %d".formatted(ownerA, epochA));

      await("B takes the lease and asks the model")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> leaseEpochHeldBy(ownerB) > 0 && !b.model().inFlight().isEmpty());
      epochB = leaseEpochHeldBy(ownerB);
      thawedAt = Instant.now();
      a.process().thaw();
      rig.note(
          "B (%s) took epoch %d %s after the freeze; A thawed while B waits for its model"
              .formatted(
                  ownerB, epochB, Incarnation.seconds(Duration.between(frozenAt, thawedAt))));

      await("A notices it lost the lease")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> a.metric("cairn_lease_lost_total") >= 1);
      lateWriteSeenAt = Instant.now();
      boolean bStillWaiting = !b.model().inFlight().isEmpty();
      rig.note(
          "A reported the lost lease %s after its thaw; B still in its model call: %s"
              .formatted(
                  Incarnation.seconds(Duration.between(thawedAt, lateWriteSeenAt)), bStillWaiting));
      assertThat(epochB).as("%s: B's epoch follows A's", rig.context()).isGreaterThan(epochA);
      assertThat(bStillWaiting)
          .as(
              "%s: timing precondition: B had not answered seq 1 when A tried its late commit",
              rig.context())
          .isTrue();
    }

    /**
     * Freezes the node at a moment when none of its database sessions has a statement or
     * transaction open: frozen inside a heartbeat or a claim, it would keep rows locked, and the
     * other node's claim, which skips locked rows, could not take the run.
     */
    private void freezeOutsideTransactions(ScenarioRig.Node node) {
      String name = node.process().nodeId();
      assertThat(
              Sql.column(
                  rig.database(),
                  "SELECT pid FROM pg_stat_activity WHERE application_name = ?",
                  name))
          .as("database sessions named after node %s (else this guard sees nothing)", name)
          .isNotEmpty();
      for (int attempt = 0; attempt < 20; attempt++) {
        node.process().freeze();
        if (busySessions(name).isEmpty()) {
          return;
        }
        node.process().thaw();
        sleep(Duration.ofMillis(25));
      }
      throw new AssertionError(
          "could not freeze " + name + " outside a transaction: " + busySessions(name));
    }

    private List<String> busySessions(String applicationName) {
      return Sql.rows(
          rig.database(),
          "SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database()"
              + " AND application_name = ? AND state <> 'idle'",
          applicationName);
    }

    private static void sleep(Duration duration) {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Checkpoints by A created after its thaw with an epoch older than B's. */
    List<String> lateCheckpointsOfA() {
      return Sql.rows(
          rig.database(),
          "SELECT run_id, seq, lease_owner, lease_epoch, created_at FROM checkpoint"
              + " WHERE lease_owner = ? AND lease_epoch < ? AND created_at >= ?",
          ownerA,
          epochB,
          thawedAt);
    }

    void report() {
      rig.note("ownership timeline of run " + runId + ":");
      audit.timeline(runId).forEach(line -> rig.note("  " + line));
      rig.note("stale writes seen by the lease audit: " + audit.staleWrites());
      rig.writeSummary();
    }

    private long leaseEpochHeldBy(String owner) {
      List<String> epochs =
          Sql.column(
              rig.database(),
              "SELECT lease_epoch FROM agent_run WHERE id = ?::uuid AND lease_owner = ?",
              runId,
              owner);
      return epochs.isEmpty() ? 0 : Long.parseLong(epochs.get(0));
    }

    /** The crashy script, with the run's first model answer delayed by {@code first}. */
    private static FakeOpenAiServer.Responder slowFirstAnswer(Duration first) {
      return CrashyAgent.responder(step -> step.step() == 0 ? first : Duration.ofMillis(300));
    }
  }
}
