package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two runtime nodes on one database under load, killed with -9 in turn and restarted: every run
 * completes, I-1 to I-5 hold, no (run, seq) is written twice and no lease epoch of a run has two
 * writers, i.e. no step is executed by both nodes.
 *
 * <p>Each node talks to its own fake model server, so a model step asked by both nodes shows up in
 * the model call bound unless a kill of the first one excuses it.
 */
class TwoReplicasIT {

  private static final String TEST = "TwoReplicasIT";
  private static final List<String> NODES = List.of("a", "b");

  // Few runs in flight per node, so that a wave of runs lasts several incarnations and every
  // kill lands on live work instead of after a wave that finished in a second or two.
  private static final Map<String, String> NODE_ENV = Map.of("CAIRN_WORKER_MAX_IN_FLIGHT", "4");

  @Test
  void shouldNeverLetTwoNodesWriteTheSameStepWhenReplicasAreKilledInTurn() throws Exception {
    long seed = Long.getLong("cairn.it.seed", System.nanoTime());
    int runs = Integer.getInteger("cairn.it.runs", 20);
    int kills = Math.max(4, Integer.getInteger("cairn.it.kills", 10) / 2);
    System.out.println(TEST + " seed=" + seed + " (replay with -Dcairn.it.seed=" + seed + ")");
    Random random = new Random(seed);

    try (KillHarness harness = KillHarness.start(TEST, seed, NODES, NODE_ENV)) {
      try {
        harness.publishAgent();
        harness.submitRuns(runs);
        int first = random.nextInt(NODES.size());
        for (int kill = 0; kill < kills; kill++) {
          if (harness.allSettled()) {
            // A kill that finds no work proves nothing: submit another wave first.
            harness.submitRuns(runs);
          }
          Thread.sleep(500 + random.nextInt(2501));
          harness.killAndRestart(NODES.get((first + kill) % NODES.size()));
        }
        harness.awaitAllSettled(Duration.ofMinutes(3));
        System.out.println(harness.report());

        harness.assertModelCallBound();
        harness.assertNoStaleWrites();
        // I-4 includes "no (run, seq) twice"; I-5 includes "one owner per (run, lease epoch)".
        Invariants invariants = new Invariants(harness.database(), harness.context());
        invariants.assertAll(harness.inputsByRunId().keySet(), harness.ledger());
        invariants.assertAuditChain();
        harness.assertEveryRunTookScriptedSteps();
        harness.assertEachRunAppliedItsEffect();
        harness.assertApiReportsCompleted();
        assertThat(
                Sql.column(
                    harness.database(), "SELECT DISTINCT lease_owner FROM checkpoint ORDER BY 1"))
            .as("%s: both nodes took part (else the test saw one replica only)", harness.context())
            .anySatisfy(owner -> assertThat(owner).startsWith("a"))
            .anySatisfy(owner -> assertThat(owner).startsWith("b"));
      } catch (AssertionError | RuntimeException e) {
        harness.printLogs();
        throw e;
      }
    }
  }
}
