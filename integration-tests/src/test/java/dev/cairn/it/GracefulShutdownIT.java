package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM with steps in flight: the engine stops claiming, lets in-flight steps finish within
 * {@code CAIRN_SHUTDOWN_GRACE}, and releases its leases, so the next incarnation (or another
 * replica) resumes at once instead of after the lease TTL.
 *
 * <p>Each round submits a wave of runs whose model answers take about a second, sends SIGTERM at a
 * random moment while model calls are in flight, and then checks: the process exits within the
 * grace plus a few seconds; no run still names the stopped incarnation as its lease owner; every
 * model call that incarnation made belongs to a step it committed (in-flight steps were allowed to
 * finish). At the end every run is complete, no model step was asked twice and I-1 to I-5 hold.
 * Rounds: 2, or {@code cairn.it.kills / 5} in the soak profile; {@code -Dcairn.it.seed} replays.
 *
 * <p>A second scenario stops a node whose model calls outlast the grace, so that its steps are
 * interrupted: their leases must still be released, and the interruption must not be recorded as a
 * model failure.
 */
class GracefulShutdownIT {

  private static final String TEST = "GracefulShutdownIT";
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Duration EXIT_SLACK = Duration.ofSeconds(5);
  private static final int RUNS_PER_ROUND = 8;

  @Test
  void shouldFinishInFlightStepsReleaseLeasesAndRepeatNoStepWhenStoppedWithSigterm() {
    long seed = ScenarioRig.seed();
    int rounds = Math.max(2, Integer.getInteger("cairn.it.kills", 10) / 5);
    Random random = new Random(seed);
    try (ScenarioRig rig = ScenarioRig.create(TEST, seed)) {
      ScenarioRig.Node node =
          rig.addNode(
              "node-1",
              CrashyAgent.responder(
                  step -> Duration.ofMillis(900 + Math.floorMod(step.hashCode(), 201))),
              Map.of(
                  "CAIRN_WORKER_MAX_IN_FLIGHT",
                  "6",
                  "CAIRN_SHUTDOWN_GRACE",
                  GRACE.toSeconds() + "s"));
      try {
        node.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        rig.publishAgent(node);
        ModelCallBook book = new ModelCallBook();
        for (int round = 1; round <= rounds; round++) {
          rig.submitRuns(node, RUNS_PER_ROUND);
          int progress = rig.checkpointCount() + 2 + random.nextInt(10);
          await("steps committed and model calls in flight")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> rig.checkpointCount() >= progress && !node.model().inFlight().isEmpty());
          String owner = node.process().leaseOwner();
          List<ChatCall> inFlight = node.model().inFlight();
          int callsAtTerm = node.model().callCount();

          Instant term = Instant.now();
          node.process().terminate();
          boolean exited = node.process().awaitExit(GRACE.plus(Duration.ofSeconds(30)));
          Duration toExit = Duration.between(term, Instant.now());
          ModelCallBook.Kill stop =
              book.recordKill(
                  "node-1", node.incarnationCalls(), inFlight, rig.checkpointsByInput());
          List<String> stillLeased =
              Sql.rows(
                  rig.database(),
                  "SELECT id, status, step_count, lease_epoch, lease_expires_at FROM agent_run"
                      + " WHERE lease_owner = ?",
                  owner);
          rig.note(
              ("round %d: SIGTERM to %s with %d model calls in flight; exited after %s"
                      + " (exit code %s); %d model calls started after SIGTERM; %d leases left;"
                      + " steps lost: %s")
                  .formatted(
                      round,
                      owner,
                      inFlight.size(),
                      Incarnation.seconds(toExit),
                      node.process().exitCode(),
                      node.model().callCount() - callsAtTerm,
                      stillLeased.size(),
                      stop.hit()));

          assertThat(exited).as("%s: %s exited after SIGTERM", rig.context(), owner).isTrue();
          assertThat(toExit)
              .as("%s: time from SIGTERM to exit (grace %s)", rig.context(), GRACE)
              .isLessThanOrEqualTo(GRACE.plus(EXIT_SLACK));
          assertThat(stillLeased)
              .as("%s: runs still leased to %s after it exited", rig.context(), owner)
              .isEmpty();
          assertThat(stop.hit())
              .as("%s: model steps of %s that did not commit before exit", rig.context(), owner)
              .isEmpty();

          Instant restart = Instant.now();
          node.startAndAwaitReady();
          String next = node.process().leaseOwner();
          await("the next incarnation resumes")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(50))
              .until(() -> rig.firstCheckpointBy(next) != null || rig.unsettled().isEmpty());
          Instant first = rig.firstCheckpointBy(next);
          rig.note(
              "round %d: %s first checkpoint %s after its start"
                  .formatted(
                      round,
                      next,
                      first == null
                          ? "(none: nothing left)"
                          : Incarnation.seconds(Duration.between(restart, first))));
        }
        rig.awaitAllSettled(Duration.ofMinutes(2));
        rig.writeSummary();

        assertThat(book.violations(rig.allModelCalls()))
            .as("%s: model steps asked more than once", rig.context())
            .isEmpty();
        rig.assertRunsCompletedCorrectly(audit, node);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  /**
   * Steps that outlast the grace are interrupted; their leases must still be released before the
   * process exits (the shutdown contract: "releases remaining leases so another replica resumes at
   * once"), and an interrupted model call is the replica stopping, not a model failure, so it must
   * not be recorded as one.
   */
  @Test
  void shouldReleaseTheLeasesOfInterruptedStepsWhenStepsOutlastTheGrace() {
    long seed = ScenarioRig.seed();
    Duration grace = Duration.ofSeconds(2);
    AtomicReference<Duration> answerDelay = new AtomicReference<>(Duration.ofSeconds(30));
    try (ScenarioRig rig = ScenarioRig.create(TEST + "-interrupted", seed)) {
      ScenarioRig.Node node =
          rig.addNode(
              "node-1",
              CrashyAgent.responder(step -> answerDelay.get()),
              Map.of("CAIRN_SHUTDOWN_GRACE", grace.toSeconds() + "s"));
      try {
        node.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        rig.publishAgent(node);
        rig.submitRuns(node, 4);
        await("four model calls in flight")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> node.model().inFlight().size() == 4);
        String owner = node.process().leaseOwner();

        Instant term = Instant.now();
        node.process().terminate();
        boolean exited = node.process().awaitExit(grace.plus(Duration.ofSeconds(30)));
        Duration toExit = Duration.between(term, Instant.now());
        List<String> stillLeased =
            Sql.rows(
                rig.database(),
                "SELECT id, status, step_count, lease_owner, lease_epoch, lease_expires_at"
                    + " FROM agent_run WHERE lease_owner = ?",
                owner);
        List<String> recorded =
            Sql.rows(rig.database(), "SELECT run_id, seq, kind, status_after FROM checkpoint");
        rig.note(
            "SIGTERM to %s with 4 model calls of 30 s in flight, grace %s: exited %s after %s"
                .formatted(owner, grace, exited, Incarnation.seconds(toExit)));
        rig.note("runs still leased to " + owner + " after exit: " + stillLeased);
        rig.note("checkpoints recorded by the interrupted steps: " + recorded);

        answerDelay.set(Duration.ofMillis(200));
        Instant restart = Instant.now();
        node.startAndAwaitReady();
        String next = node.process().leaseOwner();
        rig.awaitAllSettled(Duration.ofMinutes(1));
        Instant first = rig.firstCheckpointBy(next);
        rig.note(
            "%s resumed after %s (first checkpoint after its start)"
                .formatted(next, Incarnation.seconds(Duration.between(restart, first))));
        rig.writeSummary();

        assertThat(exited).as("%s: exited after SIGTERM", rig.context()).isTrue();
        assertThat(toExit)
            .as("%s: time from SIGTERM to exit (grace %s)", rig.context(), grace)
            .isLessThanOrEqualTo(grace.plus(EXIT_SLACK));
        assertThat(stillLeased)
            .as("%s: runs still leased to %s after it exited", rig.context(), owner)
            .isEmpty();
        assertThat(
                Sql.rows(
                    rig.database(),
                    "SELECT run_id, seq, kind, status_after, lease_owner FROM checkpoint"
                        + " WHERE kind = 'MODEL_ERROR'"))
            .as("%s: interrupted model calls recorded as model failures", rig.context())
            .isEmpty();
        rig.assertRunsCompletedCorrectly(audit, node);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }
}
