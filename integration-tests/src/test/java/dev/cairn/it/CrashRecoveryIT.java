package dev.cairn.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 one runtime node at random moments, many times in a row, while model calls and webhook
 * effects are in flight: every run completes, I-1 to I-5 hold, and no model step is asked more
 * often than 1 + the kills that hit it.
 *
 * <p>System properties: {@code cairn.it.runs} (runs per wave), {@code cairn.it.kills}, {@code
 * cairn.it.seed} (replays a kill schedule printed by an earlier run).
 */
class CrashRecoveryIT {

  private static final String TEST = "CrashRecoveryIT";
  private static final String NODE = "node-1";

  // Few runs in flight per node, so that a wave of runs lasts several incarnations and every
  // kill lands on live work instead of after a wave that finished in a second or two.
  private static final Map<String, String> NODE_ENV = Map.of("CAIRN_WORKER_MAX_IN_FLIGHT", "4");

  @Test
  void shouldCompleteEveryRunWithEffectsOnceWhenRuntimeIsKilledRepeatedly() throws Exception {
    long seed = Long.getLong("cairn.it.seed", System.nanoTime());
    int runs = Integer.getInteger("cairn.it.runs", 20);
    int kills = Integer.getInteger("cairn.it.kills", 10);
    System.out.println(TEST + " seed=" + seed + " (replay with -Dcairn.it.seed=" + seed + ")");
    Random random = new Random(seed);

    try (KillHarness harness = KillHarness.start(TEST, seed, List.of(NODE), NODE_ENV)) {
      try {
        harness.publishAgent();
        harness.submitRuns(runs);
        for (int kill = 0; kill < kills; kill++) {
          if (harness.allSettled()) {
            // A kill that finds no work proves nothing: submit another wave first.
            harness.submitRuns(runs);
          }
          Thread.sleep(500 + random.nextInt(2501));
          harness.killAndRestart(NODE);
        }
        harness.awaitAllSettled(Duration.ofMinutes(3));
        System.out.println(harness.report());

        harness.assertModelCallBound();
        harness.assertNoStaleWrites();
        Invariants invariants = new Invariants(harness.database(), harness.context());
        invariants.assertAll(harness.inputsByRunId().keySet(), harness.ledger());
        invariants.assertAuditChain();
        harness.assertEveryRunTookScriptedSteps();
        harness.assertEachRunAppliedItsEffect();
        harness.assertApiReportsCompleted();
      } catch (AssertionError | RuntimeException e) {
        harness.printLogs();
        throw e;
      }
    }
  }
}
