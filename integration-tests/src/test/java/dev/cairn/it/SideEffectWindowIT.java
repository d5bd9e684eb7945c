package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 in the side-effect window: the webhook's receiver has applied the effect, and the runtime
 * is killed before the tool step's checkpoint commits. The ledger holds that request's answer and
 * tells the test the moment it applied the effect; the test kills the node right then, so the
 * runtime never learns the outcome.
 *
 * <p>Each round submits a small wave of runs and holds a randomly chosen one of the wave's effects.
 * After recovery: every key applied exactly once (two attempts for the held one), the tool step
 * recorded once, by the next incarnation, with {@code tool_invocation.attempts} counting the
 * re-run, and every run completes. Rounds: 3, or {@code cairn.it.kills / 4} in the soak profile;
 * {@code -Dcairn.it.seed} replays a schedule.
 */
class SideEffectWindowIT {

  private static final String TEST = "SideEffectWindowIT";

  @Test
  void shouldApplyEachEffectOnceAndRecordTheToolStepOnceWhenKilledAfterTheEffectBeforeTheCommit() {
    long seed = ScenarioRig.seed();
    int rounds = Math.max(3, Integer.getInteger("cairn.it.kills", 10) / 4);
    Random random = new Random(seed);
    try (ScenarioRig rig = ScenarioRig.create(TEST, seed)) {
      ScenarioRig.Node node =
          rig.addNode("node-1", CrashyAgent.responder(), Map.of("CAIRN_WORKER_MAX_IN_FLIGHT", "4"));
      try {
        node.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        rig.publishAgent(node);
        ModelCallBook book = new ModelCallBook();
        List<HeldEffect> held = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          int wave = 1 + random.nextInt(4);
          int nth = 1 + random.nextInt(wave);
          LedgerServer.Hold hold = rig.ledger().holdApplied(nth);
          rig.submitRuns(node, wave);
          String key = hold.awaitApplied(Duration.ofSeconds(60));
          List<ChatCall> inFlight = node.model().inFlight();
          String killedOwner = node.process().leaseOwner();
          node.process().kill();
          hold.release();
          book.recordKill("node-1", node.incarnationCalls(), inFlight, rig.checkpointsByInput());
          held.add(new HeldEffect(key, killedOwner));
          rig.note(
              "round %d: wave of %d runs, held effect %d of the wave, key %s; killed %s"
                  .formatted(round, wave, nth, key, killedOwner));
          node.startAndAwaitReady();
          rig.awaitAllSettled(Duration.ofMinutes(2));
        }
        rig.note("rounds: " + rounds + ", kills in the side-effect window: " + held.size());
        rig.note(
            "webhook: %d attempts, %d keys applied"
                .formatted(rig.ledger().totalAttempts(), rig.ledger().appliedKeys().size()));
        rig.writeSummary();

        for (HeldEffect effect : held) {
          assertHeldEffectRecoveredOnce(rig, effect);
        }
        assertAttemptsCoverLedgerRequests(rig);
        assertThat(book.violations(rig.allModelCalls()))
            .as("%s: model steps asked more often than 1 + kills that hit them", rig.context())
            .isEmpty();
        rig.assertRunsCompletedCorrectly(audit, node);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  /**
   * The held key: applied once, requested twice (the call the kill cut off, then the re-run with
   * the same key), recorded once as a DONE tool call with two attempts, in one checkpoint written
   * by an incarnation after the killed one.
   */
  private static void assertHeldEffectRecoveredOnce(ScenarioRig rig, HeldEffect effect) {
    String key = effect.key();
    String runId = key.substring(0, key.indexOf(':'));
    int seq = Integer.parseInt(key.substring(key.indexOf(':') + 1));
    String context = rig.context() + " key " + key;
    LedgerServer ledger = rig.ledger();
    assertThat(ledger.appliedCount(key)).as("%s: times applied", context).isEqualTo(1);
    assertThat(ledger.attempts(key)).as("%s: requests to the ledger", context).isEqualTo(2);
    assertThat(
            Sql.rows(
                rig.database(),
                "SELECT seq, tool_name, status, attempts, CASE WHEN is_error THEN 'error' ELSE 'ok'"
                    + " END AS result FROM tool_invocation WHERE idempotency_key = ?",
                key))
        .as("%s: the tool_invocation row", context)
        .containsExactly(
            "{seq=%d, tool_name=webhook, status=DONE, attempts=2, result=ok}".formatted(seq));
    List<String> checkpoints =
        Sql.column(
            rig.database(),
            "SELECT kind || ' ' || lease_owner FROM checkpoint WHERE run_id = ?::uuid AND seq = ?",
            runId,
            seq);
    assertThat(checkpoints).as("%s: checkpoints of the tool step", context).hasSize(1);
    assertThat(checkpoints.get(0))
        .as("%s: the tool step's checkpoint (kind, writer)", context)
        .startsWith("TOOL_CALL ")
        .doesNotEndWith(" " + effect.killedOwner());
  }

  /**
   * Every request the ledger received was preceded by a recorded intent: the ledger never sees more
   * attempts of a key than {@code tool_invocation.attempts} counts.
   */
  private static void assertAttemptsCoverLedgerRequests(ScenarioRig rig) {
    List<String> uncounted = new ArrayList<>();
    Sql.query(
            rig.database(),
            "SELECT idempotency_key, attempts FROM tool_invocation WHERE tool_name = 'webhook'",
            rs -> Map.entry(rs.getString(1), rs.getInt(2)))
        .forEach(
            row -> {
              int requests = rig.ledger().attempts(row.getKey());
              if (requests > row.getValue()) {
                uncounted.add(
                    row.getKey() + ": " + requests + " requests, attempts=" + row.getValue());
              }
            });
    assertThat(uncounted)
        .as("%s: webhook requests not counted in tool_invocation.attempts", rig.context())
        .isEmpty();
  }

  /** An effect the test held and killed the runtime on. */
  private record HeldEffect(String key, String killedOwner) {}
}
