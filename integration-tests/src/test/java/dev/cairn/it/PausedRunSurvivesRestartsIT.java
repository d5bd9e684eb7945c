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
 * A paused run holds no worker and is never claimed, whatever happens to the replicas: a run of
 * four calculator turns is paused after its second model call; then its replica is SIGKILLed and
 * restarted three times (with a second replica running from the first restart on), and after each
 * restart the scenario watches for a few lease TTLs. Asserted: no model request reaches either fake
 * server after the pause was committed, the run stays PAUSED with no lease, and after RESUME it
 * completes with exactly the five model calls of its script (none repeated, none lost), its
 * commands applied in order and its record clean.
 */
class PausedRunSurvivesRestartsIT {

  private static final String TEST = "PausedRunSurvivesRestartsIT";
  private static final int TOOL_TURNS = 4;
  private static final int RESTARTS = 3;

  /**
   * More than two lease TTLs (3 s each, see {@link RuntimeProcess}) and several claim rounds (the
   * reaper runs every second) after each restart: a lapsed lease would be retaken meanwhile.
   */
  private static final Duration WATCH = Duration.ofSeconds(7);

  @Test
  void shouldKeepAPausedRunPausedAcrossKillsAndRestartsAndFinishItAfterResume() {
    try (ScenarioRig rig = ScenarioRig.create(TEST, ScenarioRig.seed())) {
      ScenarioRig.Node a = rig.addNode("a", script(), Map.of());
      ScenarioRig.Node b = rig.addNode("b", script(), Map.of());
      OperatorCommands commands = new OperatorCommands(rig.database());
      try {
        a.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        a.client().publishAgent(ControlAgent.definition("{\"maxSteps\":100}"));
        String runId = ControlAgent.submit(a, "pause me");
        commands.signIn(a);

        await("the run's second model call")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> a.model().callCount() >= 2);
        String pause = commands.pause(a, runId);
        await("the run is PAUSED")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> "PAUSED".equals(RunRow.status(rig.database(), runId)));
        Instant pausedAt = pauseCommittedAt(rig, runId);
        int callsAtPause = rig.allModelCalls().size();
        RunRow paused = RunRow.read(rig.database(), runId);
        rig.note(
            "paused after %d model calls at step %d (%s)"
                .formatted(callsAtPause, paused.stepCount(), commands.of(runId)));
        assertThat(commands.state(pause)).as("%s: the pause", rig.context()).isEqualTo("APPLIED");
        assertThat(callsAtPause)
            .as("%s: the pause landed mid-run", rig.context())
            .isBetween(2, TOOL_TURNS);
        assertThat(callsAfter(rig, pausedAt))
            .as("%s: model requests after the pause was committed", rig.context())
            .isEmpty();

        for (int restart = 1; restart <= RESTARTS; restart++) {
          a.process().kill();
          a.start();
          if (restart == 1) {
            b.start();
            b.process().awaitReady();
          }
          a.process().awaitReady();
          Instant watchFrom = Instant.now();
          await("the run stays paused, unleased and silent after restart " + restart)
              .during(WATCH)
              .atMost(WATCH.plusSeconds(5))
              .pollInterval(Duration.ofMillis(200))
              .until(() -> stillPaused(rig, runId, paused, callsAtPause));
          rig.note(
              "restart %d: a#%d and b up; watched %s: still PAUSED, no lease, no model request"
                  .formatted(
                      restart,
                      a.process().incarnations(),
                      Incarnation.seconds(Duration.between(watchFrom, Instant.now()))));
        }
        assertThat(callsAfter(rig, pausedAt))
            .as("%s: model requests while the run was paused", rig.context())
            .isEmpty();

        String resume = commands.resume(a, runId);
        await("the resumed run completes")
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> "COMPLETED".equals(RunRow.status(rig.database(), runId)));
        RunRow done = RunRow.read(rig.database(), runId);
        rig.note(
            "completed: %d steps, %d model calls recorded, %d model requests (a %d, b %d)"
                .formatted(
                    done.stepCount(),
                    done.modelCalls(),
                    rig.allModelCalls().size(),
                    a.model().callCount(),
                    b.model().callCount()));
        rig.writeSummary();

        assertThat(commands.state(resume)).as("%s: the resume", rig.context()).isEqualTo("APPLIED");
        assertThat(rig.allModelCalls())
            .as("%s: model requests over the run's life (its script's, once each)", rig.context())
            .hasSize(TOOL_TURNS + 1);
        assertThat(done.modelCalls())
            .as("%s: model calls recorded", rig.context())
            .isEqualTo(TOOL_TURNS + 1);
        assertThat(done.leaseOwner()).as("%s: lease of the finished run", rig.context()).isNull();
        // Model and tool steps of the script, plus one step per applied command.
        assertThat(done.stepCount())
            .as("%s: steps (script plus pause and resume)", rig.context())
            .isEqualTo(2 * TOOL_TURNS + 1 + 2);
        assertThat(
                Sql.column(
                    rig.database(),
                    "SELECT kind FROM checkpoint WHERE run_id = ?::uuid ORDER BY seq",
                    runId))
            .as("%s: checkpoint kinds", rig.context())
            .filteredOn("COMMANDS"::equals)
            .hasSize(2);
        ControlAgent.assertRecordedCleanly(rig, audit);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  private static boolean stillPaused(
      ScenarioRig rig, String runId, RunRow paused, int callsAtPause) {
    RunRow now = RunRow.read(rig.database(), runId);
    return "PAUSED".equals(now.status())
        && now.leaseOwner() == null
        && now.stepCount() == paused.stepCount()
        && rig.allModelCalls().size() == callsAtPause;
  }

  /** When the checkpoint that paused the run was committed (database clock, same host). */
  private static Instant pauseCommittedAt(ScenarioRig rig, String runId) {
    List<OffsetDateTime> at =
        Sql.query(
            rig.database(),
            "SELECT min(created_at) FROM checkpoint WHERE run_id = ?::uuid"
                + " AND status_after = 'PAUSED'",
            rs -> rs.getObject(1, OffsetDateTime.class),
            runId);
    assertThat(at.get(0)).as("the checkpoint that paused the run").isNotNull();
    return at.get(0).toInstant();
  }

  private static List<String> callsAfter(ScenarioRig rig, Instant at) {
    return rig.allModelCalls().stream()
        .map(ChatCall::receivedAt)
        .filter(received -> received.isAfter(at))
        .map(Instant::toString)
        .toList();
  }

  /** Four calculator turns and the answer, each model answer after 600 ms. */
  private static dev.cairn.testing.FakeOpenAiServer.Responder script() {
    return ControlAgent.calculatorTurns(TOOL_TURNS, n -> Duration.ofMillis(600));
  }
}
