package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;

import dev.cairn.persistence.SqlFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Writes several runs' steps with one JDBC batch per statement kind (a handful of round trips for
   * the whole group): fenced run updates first, then the rows of the steps whose fence held.
   */
  static boolean[] writeAll(Connection c, List<StepCommit> steps, boolean fenced)
      throws SQLException {
    boolean[] committed = new boolean[steps.size()];
    try (PreparedStatement ps = c.prepareStatement(commitSql(fenced))) {
      for (StepCommit step : steps) {
        bindRunUpdate(ps, step);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        committed[i] = counts[i] == 1;
      }
    }
    List<StepCommit> held = new ArrayList<>();
    for (int i = 0; i < committed.length; i++) {
      if (committed[i]) {
        held.add(steps.get(i));
      }
    }
    batch(c, "insert_checkpoint", held, StepWriter::bindCheckpoint);
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_message"))) {
      int rows = 0;
      for (StepCommit step : held) {
        for (MessageRow m : step.messages()) {
          RunStore.bindMessage(ps, step.runId(), step.tenantId(), step.now(), m);
          ps.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        ps.executeBatch();
      }
    }
    batch(
        c,
        "record_tool_result",
        held.stream().filter(s -> s.toolCall() != null).toList(),
        StepWriter::bindToolResult);
    batch(
        c,
        "insert_outbox_event",
        held.stream().filter(s -> s.outboxType() != null).toList(),
        StepWriter::bindOutbox);
    return committed;
  }

  /** Binds one step's parameters. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps, StepCommit step) throws SQLException;
  }

  private static void batch(Connection c, String sql, List<StepCommit> steps, Binder binder)
      throws SQLException {
    if (steps.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load(sql))) {
      for (StepCommit step : steps) {
        binder.bind(ps, step);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static boolean updateRun(Connection c, StepCommit step, boolean fenced)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(commitSql(fenced))) {
      bindRunUpdate(ps, step);
      return ps.executeUpdate() == 1;
    }
  }

  private static final String FENCE = "   AND lease_owner = ?\n   AND lease_epoch = ?";

  /**
   * The fenced commit, or for the negative-control switch the same statement with the fence
   * replaced by conditions that always hold (same parameters), derived here so the two can never
   * drift apart.
   */
  private static String commitSql(boolean fenced) {
    String sql = SqlFile.load("commit_run");
    if (fenced) {
      return sql;
    }
    if (!sql.contains(FENCE)) {
      throw new IllegalStateException("commit_run.sql no longer ends with the lease fence");
    }
    return sql.replace(FENCE, "   AND ?::text IS NOT NULL\n   AND ?::bigint IS NOT NULL");
  }

  private static void bindRunUpdate(PreparedStatement ps, StepCommit step) throws SQLException {
    RunUpdate r = step.run();
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
  }

  private static void insertCheckpoint(Connection c, StepCommit step) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_checkpoint"))) {
      bindCheckpoint(ps, step);
      ps.executeUpdate();
    }
  }

  private static void bindCheckpoint(PreparedStatement ps, StepCommit step) throws SQLException {
    CheckpointRow cp = step.checkpoint();
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
  }

  private static void recordToolResult(Connection c, StepCommit step) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("record_tool_result"))) {
      bindToolResult(ps, step);
      ps.executeUpdate();
    }
  }

  private static void bindToolResult(PreparedStatement ps, StepCommit step) throws SQLException {
    ToolCallRecord t = step.toolCall();
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
  }

  private static void insertOutbox(Connection c, StepCommit step) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_outbox_event"))) {
      bindOutbox(ps, step);
      ps.executeUpdate();
    }
  }

  private static void bindOutbox(PreparedStatement ps, StepCommit step) throws SQLException {
    ps.setString(1, step.tenantId());
    ps.setObject(2, step.runId());
    ps.setString(3, step.outboxType());
    ps.setString(4, step.outboxPayloadJson());
    setInstant(ps, 5, step.now());
  }
}
