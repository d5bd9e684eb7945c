package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recovery time of a backlog: replica A accepts 200 runs and advances each through its first model
 * answer and its webhook call; every run then waits in its second model call, whose answer A's
 * model server never sends in time, and A is killed with -9. Every run is left mid-way, leased by a
 * dead replica. A fresh replica B starts on the same database and must resume all of them once the
 * leases expire.
 *
 * <p>Measured from B's process start: ready, first resumed step (B's first checkpoint), backlog
 * drained (every run COMPLETED). The figures are printed and written to {@code
 * target/it-logs/RecoveryTimeIT/summary.txt}; asserted are completion, I-1 to I-5 and the model
 * call bound, not the times. {@code -Dcairn.it.backlog} changes the number of runs.
 */
class RecoveryTimeIT {

  private static final String TEST = "RecoveryTimeIT";

  @Test
  void shouldDrainTheWholeBacklogOnAFreshReplicaWhenTheReplicaThatAcceptedItIsKilled() {
    long seed = ScenarioRig.seed();
    int backlog = Integer.getInteger("cairn.it.backlog", 200);
    try (ScenarioRig rig = ScenarioRig.create(TEST, seed)) {
      ScenarioRig.Node a =
          rig.addNode(
              "a",
              CrashyAgent.responder(
                  step -> step.step() == 0 ? Duration.ofMillis(300) : Duration.ofMinutes(2)),
              Map.of());
      ScenarioRig.Node b = rig.addNode("b", CrashyAgent.responder(), Map.of());
      try {
        a.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        rig.publishAgent(a);
        rig.submitRuns(a, backlog);
        await("A has every run in its second model call")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    a.model().inFlight().stream()
                            .filter(call -> CrashyAgent.runStep(call).step() == 1)
                            .count()
                        == backlog);

        String ownerA = a.process().leaseOwner();
        List<ChatCall> inFlight = a.model().inFlight();
        a.process().kill();
        Instant killedAt = Instant.now();
        ModelCallBook book = new ModelCallBook();
        ModelCallBook.Kill kill =
            book.recordKill("a", a.incarnationCalls(), inFlight, rig.checkpointsByInput());
        List<OffsetDateTime> leaseEnd =
            Sql.query(
                rig.database(),
                "SELECT max(lease_expires_at) FROM agent_run WHERE lease_owner = ?",
                rs -> rs.getObject(1, OffsetDateTime.class),
                ownerA);
        int leasedByA =
            Sql.column(rig.database(), "SELECT id FROM agent_run WHERE lease_owner = ?", ownerA)
                .size();
        rig.note(
            "A (%s) killed with %d checkpoints committed, %d runs leased, %d model calls in flight"
                .formatted(ownerA, rig.checkpointCount(), leasedByA, kill.unanswered().size()));

        b.start();
        Instant started = b.process().startedAt();
        b.process().awaitReady();
        Instant ready = Instant.now();
        String ownerB = b.process().leaseOwner();
        await("B resumes a step")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> rig.firstCheckpointBy(ownerB) != null);
        Instant firstResumed = rig.firstCheckpointBy(ownerB);
        rig.awaitAllSettled(Duration.ofMinutes(3));
        Instant drainedSeen = Instant.now();
        Instant lastFinished =
            Sql.query(
                    rig.database(),
                    "SELECT max(finished_at) FROM agent_run",
                    rs -> rs.getObject(1, OffsetDateTime.class))
                .get(0)
                .toInstant();
        int checkpointsByB =
            Integer.parseInt(
                Sql.column(
                        rig.database(),
                        "SELECT count(*) FROM checkpoint WHERE lease_owner = ?",
                        ownerB)
                    .get(0));
        int resumedMidway =
            Sql.column(
                    rig.database(),
                    "SELECT run_id FROM checkpoint GROUP BY run_id"
                        + " HAVING count(DISTINCT lease_owner) > 1")
                .size();

        Duration drain = Duration.between(started, lastFinished);
        rig.note("backlog: " + backlog + " runs, " + CrashyAgent.STEPS_PER_RUN + " steps each");
        rig.note(
            "A's leases ran out %s after the kill; B started %s after the kill"
                .formatted(
                    leaseEnd.isEmpty() || leaseEnd.get(0) == null
                        ? "-"
                        : Incarnation.seconds(
                            Duration.between(killedAt, leaseEnd.get(0).toInstant())),
                    Incarnation.seconds(Duration.between(killedAt, started))));
        rig.note(
            "B process start -> ready: " + Incarnation.seconds(Duration.between(started, ready)));
        rig.note(
            "B process start -> first resumed step (first checkpoint): "
                + Incarnation.seconds(Duration.between(started, firstResumed)));
        rig.note(
            "B process start -> backlog drained (last run finished): "
                + Incarnation.seconds(drain)
                + " (seen by the test after "
                + Incarnation.seconds(Duration.between(started, drainedSeen))
                + ")");
        rig.note(
            "B committed %d checkpoints (%.0f per second from its start); %d runs resumed mid-way"
                .formatted(
                    checkpointsByB, checkpointsByB * 1000.0 / drain.toMillis(), resumedMidway));
        rig.note(
            ("B lost leases under running steps: %d runs claimed twice by B, %d results dropped"
                    + " for a lost lease, %d failed heartbeats logged")
                .formatted(
                    audit.claimedMoreThanOnceBy(ownerB).size(),
                    ScenarioRig.logLinesContaining(b, "lease lost before commit"),
                    ScenarioRig.logLinesContaining(b, "heartbeat failed")));
        rig.writeSummary();

        assertThat(
                Sql.column(rig.database(), "SELECT id FROM agent_run WHERE status = 'COMPLETED'"))
            .as("%s: completed runs", rig.context())
            .hasSize(backlog);
        assertThat(book.violations(rig.allModelCalls()))
            .as("%s: model steps asked more often than 1 + kills that hit them", rig.context())
            .isEmpty();
        rig.assertRunsCompletedCorrectly(audit, b);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }
}
