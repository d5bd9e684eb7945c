package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Child runs and durable timers across SIGKILLs of the runtime (scripted agents, a real Postgres,
 * the packaged runtime as a child JVM).
 *
 * <p>A parent delegates to three child runs (each sleeps over half a minute and answers after a
 * delay); its replica is SIGKILLed and restarted three times at random moments of the fan-out.
 * Asserted: the parent completes with the three children's results, exactly three children were
 * started, each completed once, and every run's record is clean (contiguous checkpoints, no double
 * ownership, no write under a lost lease).
 *
 * <p>A run sleeps thirty seconds; its replica is SIGKILLed and restarted twice while it sleeps.
 * Asserted: the run holds no lease while asleep, and the step that wakes it commits no earlier than
 * the due time and at most {@link #LATE} after it. The bound is the idle worker's poll (1 s here, 2
 * s by default: a due timer sends no NOTIFY, the claim loop finds it on its next round) plus a
 * step's execution and commit on a loaded two-core machine.
 */
class TasksAndTimersSurviveKillsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LATE = Duration.ofSeconds(2);
  private static final Map<String, String> ENV = Map.of("CAIRN_WORKER_IDLE_POLL", "1s");

  /**
   * How long the children sleep (plus their number): longer than three restarts of the packaged
   * runtime on a loaded machine (about 10 s each), so every kill lands while children run or sleep.
   */
  private static final int CHILD_SLEEP_SECONDS = 35;

  /** How long the sleeper sleeps: longer than two restarts. */
  private static final int SLEEP_SECONDS = 30;

  private static String scripted(String name, String script, String tools) {
    return """
    {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},
     "tools":%s,"budget":{"maxSteps":50,"maxModelCalls":20,"maxTokens":200000}}
    """
        .formatted(name, script, tools);
  }

  @Test
  void aParentWithThreeChildrenSurvivesKillsAndCompletesWithTheirResults() throws Exception {
    long seed = ScenarioRig.seed();
    Random random = new Random(seed);
    try (ScenarioRig rig = ScenarioRig.create("TasksSurviveKillsIT", seed)) {
      ScenarioRig.Node a =
          rig.addNode("a", ControlAgent.calculatorTurns(0, n -> Duration.ZERO), ENV);
      try {
        a.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        for (int i = 1; i <= 3; i++) {
          a.client()
              .publishAgent(
                  scripted(
                      "child-" + i,
                      """
                      [{"toolCalls":[{"name":"sleep","arguments":{"seconds":%d}}]},
                       {"text":"result-%d","delayMs":400}]"""
                          .formatted(CHILD_SLEEP_SECONDS + i, i),
                      "[\"sleep\"]"));
        }
        a.client()
            .publishAgent(
                scripted(
                    "parent",
                    """
                    [{"toolCalls":[{"name":"plan","arguments":{"add":[
                        {"id":"t1","title":"one"},{"id":"t2","title":"two"},
                        {"id":"t3","title":"three"}]}}]},
                     {"toolCalls":[{"name":"delegate","arguments":{"join":"all","children":[
                        {"agent":"child-1","input":"one","task":"t1"},
                        {"agent":"child-2","input":"two","task":"t2"},
                        {"agent":"child-3","input":"three","task":"t3"}]}}]},
                     {"text":"joined","delayMs":200}]""",
                    "[\"plan\",\"delegate\"]"));
        String parent = a.client().submitRun("parent", "\"fan out\"");
        for (int kill = 1; kill <= 3; kill++) {
          Thread.sleep(300 + random.nextInt(1500));
          a.process().kill();
          String status = RunRow.status(rig.database(), parent);
          rig.note("kill %d: parent %s".formatted(kill, status));
          assertThat(status)
              .as("%s: kill %d landed in the fan-out", rig.context(), kill)
              .isNotEqualTo("COMPLETED");
          a.start();
          a.process().awaitReady();
        }
        await("the parent completes")
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> "COMPLETED".equals(RunRow.status(rig.database(), parent)));

        List<String> children =
            Sql.column(
                rig.database(),
                "SELECT status FROM agent_run WHERE parent_run_id = ?::uuid ORDER BY child_ordinal",
                parent);
        assertThat(children)
            .as("%s: the parent's children", rig.context())
            .containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
        String answer =
            Sql.column(
                    rig.database(),
                    "SELECT outcome ->> 'output' FROM checkpoint WHERE run_id = ?::uuid"
                        + " AND kind = 'TOOL_CALL' AND decision ->> 'tool' = 'delegate'",
                    parent)
                .getFirst();
        JsonNode joined = JSON.readTree(answer);
        assertThat(joined.path("children")).hasSize(3);
        for (int i = 0; i < 3; i++) {
          JsonNode child = joined.path("children").get(i);
          assertThat(child.path("status").asText()).isEqualTo("COMPLETED");
          assertThat(child.path("result").toString()).contains("result-" + (i + 1));
        }
        assertThat(
                Sql.column(
                    rig.database(),
                    "SELECT count(*) FROM checkpoint WHERE run_id = ?::uuid AND kind = 'TOOL_CALL'"
                        + " AND decision ->> 'tool' = 'delegate'",
                    parent))
            .as("%s: the delegate call answered once", rig.context())
            .containsExactly("1");
        rig.note("parent completed; children %s".formatted(children));
        rig.writeSummary();
        ControlAgent.assertRecordedCleanly(rig, audit);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  @Test
  void aTimerFiresOnTimeAcrossRestarts() throws Exception {
    long seed = ScenarioRig.seed();
    try (ScenarioRig rig = ScenarioRig.create("TimerSurvivesRestartsIT", seed)) {
      ScenarioRig.Node a =
          rig.addNode("a", ControlAgent.calculatorTurns(0, n -> Duration.ZERO), ENV);
      try {
        a.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        a.client()
            .publishAgent(
                scripted(
                    "sleeper",
                    """
                    [{"toolCalls":[{"name":"sleep","arguments":{"seconds":%d}}]},
                     {"text":"rested"}]"""
                        .formatted(SLEEP_SECONDS),
                    "[\"sleep\"]"));
        String run = a.client().submitRun("sleeper", "\"sleep\"");
        await("the run sleeps")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> "WAITING".equals(RunRow.status(rig.database(), run)));
        Instant due = timestamp(rig, "SELECT due_at FROM run_timer WHERE run_id = ?::uuid", run);
        for (int restart = 1; restart <= 2; restart++) {
          a.process().kill();
          assertThat(
                  Sql.column(
                      rig.database(),
                      "SELECT status || ' ' || COALESCE(lease_owner, '-') FROM agent_run"
                          + " WHERE id = ?::uuid",
                      run))
              .as("%s: asleep, holding nothing", rig.context())
              .containsExactly("WAITING -");
          a.start();
          a.process().awaitReady();
          rig.note(
              "restart %d done %s before due"
                  .formatted(restart, Duration.between(Instant.now(), due)));
        }
        assertThat(Instant.now())
            .as("%s: restarts finished before the due time", rig.context())
            .isBefore(due);
        await("the run wakes and completes")
            .atMost(Duration.ofSeconds(SLEEP_SECONDS + 30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> "COMPLETED".equals(RunRow.status(rig.database(), run)));
        Instant woke =
            timestamp(
                rig,
                "SELECT created_at FROM checkpoint WHERE run_id = ?::uuid AND kind = 'TOOL_CALL'",
                run);
        Duration late = Duration.between(due, woke);
        rig.note("timer due %s, woke %s: %d ms late".formatted(due, woke, late.toMillis()));
        rig.writeSummary();
        assertThat(late.isNegative()).as("%s: woke before the due time", rig.context()).isFalse();
        assertThat(late).as("%s: lateness", rig.context()).isLessThanOrEqualTo(LATE);
        ControlAgent.assertRecordedCleanly(rig, audit);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }

  private static Instant timestamp(ScenarioRig rig, String sql, String runId) {
    List<OffsetDateTime> at =
        Sql.query(rig.database(), sql, rs -> rs.getObject(1, OffsetDateTime.class), runId);
    assertThat(at).isNotEmpty();
    return at.getFirst().toInstant();
  }
}
