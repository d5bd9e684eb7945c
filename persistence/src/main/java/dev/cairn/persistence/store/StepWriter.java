package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;

import dev.cairn.persistence.SqlFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes one step inside a caller's transaction; the fenced run update goes first. */
final class StepWriter {
  private StepWriter() {}

  static boolean write(Connection c, StepCommit step, boolean fenced) throws SQLException {
    if (!updateRun(c, step, fenced)) {
      return false;
    }
    insertCheckpoint(c, step);
    RunStore.insertMessages(c, step.runId(), step.tenantId(), step.now(), step.messages());
    if (step.toolCall() != null) {
      recordToolResult(c, step);
    }
    if (step.outboxType() != null) {
      insertOutbox(c, step);
    }
    return true;
  }

  private static boolean updateRun(Connection c, StepCommit step, boolean fenced)
      throws SQLException {
    RunUpdate r = step.run();
    String sql = SqlFile.load(fenced ? "commit_run" : "commit_run_unfenced");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, r.status());
      setText(ps, 2, r.waitReason());
      setInstant(ps, 3, r.wakeAt());
      setText(ps, 4, r.resultJson());
      setText(ps, 5, r.errorJson());
      ps.setInt(6, r.stepCount());
      ps.setInt(7, r.modelCalls());
      ps.setInt(8, r.toolCalls());
      ps.setLong(9, r.inputTokens());
      ps.setLong(10, r.outputTokens());
      ps.setInt(11, r.invalidToolCalls());
      ps.setInt(12, r.retryAttempt());
      ps.setString(13, r.pendingToolCallsJson());
      setText(ps, 14, r.lastHash());
      ps.setBoolean(15, r.keepLease());
      ps.setBoolean(16, r.keepLease());
      setInstant(ps, 17, r.leaseExpiresAt() == null ? step.now() : r.leaseExpiresAt());
      setInstant(ps, 18, step.now());
      setInstant(ps, 19, r.finishedAt());
      ps.setObject(20, step.runId());
      ps.setString(21, step.leaseOwner());
      ps.setLong(22, step.leaseEpoch());
      return ps.executeUpdate() == 1;
    }
  }

  private static void insertCheckpoint(Connection c, StepCommit step) throws SQLException {
    CheckpointRow cp = step.checkpoint();
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_checkpoint"))) {
      ps.setObject(1, step.runId());
      ps.setInt(2, cp.seq());
      ps.setString(3, step.tenantId());
      ps.setString(4, cp.kind());
      ps.setString(5, step.leaseOwner());
      ps.setLong(6, step.leaseEpoch());
      ps.setString(7, cp.decisionJson());
      ps.setString(8, cp.outcomeJson());
      ps.setInt(9, cp.inputTokens());
      ps.setInt(10, cp.outputTokens());
      ps.setString(11, cp.statusAfter());
      ps.setString(12, cp.stateAfterJson());
      setText(ps, 13, cp.prevHash());
      ps.setString(14, cp.hash());
      setInstant(ps, 15, step.now());
      ps.executeUpdate();
    }
  }

  private static void recordToolResult(Connection c, StepCommit step) throws SQLException {
    ToolCallRecord t = step.toolCall();
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("record_tool_result"))) {
      ps.setObject(1, step.runId());
      ps.setInt(2, step.checkpoint().seq());
      ps.setString(3, step.tenantId());
      ps.setString(4, t.toolCallId());
      ps.setString(5, t.toolName());
      ps.setString(6, t.sideEffect());
      ps.setString(7, t.idempotencyKey());
      ps.setString(8, t.argumentsJson());
      setText(ps, 9, t.result());
      ps.setBoolean(10, t.isError());
      ps.setLong(11, step.leaseEpoch());
      setInstant(ps, 12, t.intentAt());
      setInstant(ps, 13, step.now());
      ps.executeUpdate();
    }
  }

  private static void insertOutbox(Connection c, StepCommit step) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_outbox_event"))) {
      ps.setString(1, step.tenantId());
      ps.setObject(2, step.runId());
      ps.setString(3, step.outboxType());
      ps.setString(4, step.outboxPayloadJson());
      setInstant(ps, 5, step.now());
      ps.executeUpdate();
    }
  }
}
