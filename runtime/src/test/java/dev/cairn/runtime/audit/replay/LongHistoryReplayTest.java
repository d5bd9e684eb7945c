package dev.cairn.runtime.audit.replay;

import static dev.cairn.runtime.testing.Auth.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.persistence.store.CheckpointRow;
import dev.cairn.persistence.store.HistoryStore;
import dev.cairn.persistence.store.RunOriginRow;
import dev.cairn.runtime.engine.CommitMapper;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.RunDriver;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.RunStatus;
import dev.cairn.runtime.engine.SnapshotMapper;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.StepResult;
import dev.cairn.runtime.engine.ToolCallRequest;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A run with 10,000 checkpoints, written straight to the tables by the engine's own decider and
 * applier: its replay streams the history and matches, and the state at a seq deep inside it is the
 * recorded one. The conversation outgrows the model's window, so the history holds summaries too.
 */
@QuarkusTest
class LongHistoryReplayTest {
  private static final int TOOL_ROUNDS = 5_000;
  private static final int PROBE_SEQ = 7_001;

  /** The run as written after {@link #PROBE_SEQ}, and how many summaries the history holds. */
  private RunSnapshot atProbe;

  private int summaries;

  @Inject DataSource dataSource;
  @Inject HistoryStore store;
  @Inject ReplayEngines engines;
  @Inject ReplayService replays;
  @Inject HistoryFold fold;

  @Test
  void aRunOfTenThousandCheckpointsReplaysToAMatch() throws Exception {
    String tenant = Auth.newTenant();
    String key = Auth.newKey(tenant, "developer", "auditor");
    String agent = Names.agent();
    as(key)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":[{"text":"x"}]},
             "tools":["calculator"]}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    UUID id = UUID.randomUUID();
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    int steps;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      insertRun(c, tenant, agent, id, start);
      c.commit();
      RunOriginRow origin = store.origin(tenant, id).orElseThrow();
      steps = writeHistory(c, tenant, origin, start);
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE agent_run SET step_count = ? WHERE id = ?")) {
        ps.setInt(1, steps);
        ps.setObject(2, id);
        ps.executeUpdate();
      }
      c.commit();
    }
    assertThat(summaries).as("the conversation outgrew the window").isPositive();
    assertThat(steps).isEqualTo(2 * TOOL_ROUNDS + 1 + summaries);

    ReplayReport report = replays.replay(tenant, id, null);
    assertThat(report.result()).as(String.valueOf(report)).isEqualTo(ReplayReport.MATCH);
    assertThat(report.checkpointsReplayed()).isEqualTo(steps);
    assertThat(report.modelCalls()).isZero();
    System.out.printf(
        "replayed %d checkpoints in %d ms%n",
        report.checkpointsReplayed(), report.durationMillis());

    RunSnapshot middle = fold.stateAt(tenant, id, PROBE_SEQ);
    assertThat(middle.stepCount()).isEqualTo(PROBE_SEQ);
    assertThat(middle.usage()).isEqualTo(atProbe.usage());
    assertThat(middle.pendingToolCalls()).isEqualTo(atProbe.pendingToolCalls());
    assertThat(middle.summary()).isEqualTo(atProbe.summary()).isNotNull();
    assertThat(middle.usage().toolCalls()).isGreaterThan(3_000);
  }

  private static void insertRun(Connection c, String tenant, String agent, UUID id, Instant at)
      throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input,"
                + " wake_at, created_at, updated_at, submitted_by, budget)"
                + " SELECT ?, ?, ?, 1, 'COMPLETED', '\"go\"'::jsonb, ?, ?, ?, 'test', d.spec -> 'budget'"
                + " || '{\"maxSteps\":20000,\"maxModelCalls\":20000,\"maxTokens\":1000000000}'"
                + " FROM agent_definition d WHERE d.tenant_id = ? AND d.name = ? AND d.version = 1")) {
      ps.setObject(1, id);
      ps.setString(2, tenant);
      ps.setString(3, agent);
      ps.setTimestamp(4, Timestamp.from(at));
      ps.setTimestamp(5, Timestamp.from(at));
      ps.setTimestamp(6, Timestamp.from(at));
      ps.setString(7, tenant);
      ps.setString(8, agent);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO run_message (run_id, idx, tenant_id, seq, role, content, created_at)"
                + " VALUES (?, 0, ?, 0, 'USER', 'go', ?)")) {
      ps.setObject(1, id);
      ps.setString(2, tenant);
      ps.setTimestamp(3, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  /** Runs the engine's decider and applier on scripted outcomes, writing each checkpoint. */
  private int writeHistory(Connection c, String tenant, RunOriginRow origin, Instant start)
      throws Exception {
    FoldEngine engine = engines.current();
    RunSnapshot run =
        HistoryFold.claimed(
            HistoryFold.initial(origin, SnapshotMapper.readSpec(origin.specJson()), 1, engine));
    int seq = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO checkpoint (run_id, seq, tenant_id, kind, lease_owner, lease_epoch,"
                + " decision, outcome, input_tokens, output_tokens, status_after, state_after,"
                + " prev_hash, hash, created_at)"
                + " VALUES (?, ?, ?, ?, 'gen', 1, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
      while (run.status() == RunStatus.RUNNING) {
        Instant now = start.plusMillis(seq + 1);
        Decision decision = engine.decider().decide(run, List.of(), now, engine.tools());
        if (decision instanceof Decision.CallModel call && call.reserveFirst()) {
          run = RunDriver.withReservation(run, call);
        }
        StepOutcome outcome =
            switch (decision) {
              case Decision.CallModel m when m.summary() != null ->
                  new StepOutcome.ModelAnswer("earlier turns: calculator said 2", List.of(), 40, 9);
              case Decision.CallModel m ->
                  run.usage().toolCalls() < TOOL_ROUNDS
                      ? new StepOutcome.ModelAnswer(
                          null,
                          List.of(
                              new ToolCallRequest(
                                  "call-" + run.nextSeq(),
                                  "calculator",
                                  "{\"expression\":\"1+1\"}")),
                          12,
                          7)
                      : new StepOutcome.ModelAnswer("done", List.of(), 12, 3);
              case Decision.CallTool t -> new StepOutcome.ToolOutput("2", false);
              default -> throw new AssertionError("unexpected decision " + decision);
            };
        StepResult result = engine.applier().apply(run, decision, outcome, now);
        CheckpointRow cp =
            CommitMapper.toCommit(run, result, "gen", true, null, now, now).checkpoint();
        ps.setObject(1, origin.id());
        ps.setInt(2, cp.seq());
        ps.setString(3, tenant);
        ps.setString(4, cp.kind());
        ps.setString(5, cp.decisionJson());
        ps.setString(6, cp.outcomeJson());
        ps.setInt(7, cp.inputTokens());
        ps.setInt(8, cp.outputTokens());
        ps.setString(9, cp.statusAfter());
        ps.setString(10, cp.stateAfterJson());
        ps.setString(11, cp.prevHash());
        ps.setString(12, cp.hash());
        ps.setTimestamp(13, Timestamp.from(now));
        ps.addBatch();
        seq = cp.seq();
        if (decision instanceof Decision.CallModel m && m.summary() != null) {
          summaries++;
        }
        if (seq % 1_000 == 0) {
          ps.executeBatch();
        }
        run = result.next().withLastHash(cp.hash());
        if (seq == PROBE_SEQ) {
          atProbe = run;
        }
      }
      ps.executeBatch();
    }
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    return seq;
  }
}
