package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;

import dev.cairn.persistence.SqlFile;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Writes steps with {@code commit_step.sql}: one statement per step that updates the run under the
 * lease fence and inserts the step's rows only when the fence held.
 */
final class StepWriter {
  private StepWriter() {}

  /**
   * Writes one step; with auto-commit on this is the whole transaction in one round trip.
   *
   * @return true if the fence held and the step was written
   */
  static boolean write(Connection c, StepCommit step, boolean fenced) throws SQLException {
    boolean written;
    try (PreparedStatement ps = c.prepareStatement(commitSql(fenced))) {
      bind(ps, step);
      written = ps.executeUpdate() == 1;
    }
    if (written) {
      ControlWriter.write(c, step);
      SummaryWriter.write(c, step);
    }
    return written;
  }

  /**
   * Writes several runs' steps as one JDBC batch (one round trip for the group); each step keeps
   * its own fence, and a step whose fence fails writes nothing.
   *
   * @return for each step, whether it was written
   */
  static boolean[] writeAll(Connection c, List<StepCommit> steps, boolean fenced)
      throws SQLException {
    boolean[] committed = new boolean[steps.size()];
    try (PreparedStatement ps = c.prepareStatement(commitSql(fenced))) {
      for (StepCommit step : steps) {
        bind(ps, step);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        committed[i] = counts[i] == 1;
      }
    }
    for (int i = 0; i < committed.length; i++) {
      if (committed[i]) {
        ControlWriter.write(c, steps.get(i));
        SummaryWriter.write(c, steps.get(i));
      }
    }
    return committed;
  }

  private static final String FENCE = "   AND lease_owner = ?\n   AND lease_epoch = ?";

  /**
   * The fenced commit, or for the negative-control switch the same statement with the fence
   * replaced by conditions that always hold (same parameters), derived here so the two can never
   * drift apart.
   */
  private static String commitSql(boolean fenced) {
    String sql = SqlFile.load("commit_step");
    if (fenced) {
      return sql;
    }
    if (!sql.contains(FENCE)) {
      throw new IllegalStateException("commit_step.sql no longer holds the lease fence");
    }
    return sql.replace(FENCE, "   AND ?::text IS NOT NULL\n   AND ?::bigint IS NOT NULL");
  }

  private static void bind(PreparedStatement ps, StepCommit step) throws SQLException {
    Params p = new Params(ps);
    bindRunUpdate(p, step);
    bindMessages(p, step);
    bindToolResult(p, step);
    bindEvents(p, step);
    bindCheckpoint(p, step);
  }

  private static void bindRunUpdate(Params p, StepCommit step) throws SQLException {
    RunUpdate r = step.run();
    p.text(r.status());
    p.text(r.waitReason());
    p.instant(r.wakeAt());
    p.text(r.resultJson());
    p.text(r.errorJson());
    p.integer(r.stepCount());
    p.integer(r.modelCalls());
    p.integer(r.toolCalls());
    p.bigint(r.inputTokens());
    p.bigint(r.outputTokens());
    p.integer(r.invalidToolCalls());
    p.integer(r.retryAttempt());
    p.text(r.pendingToolCallsJson());
    p.text(r.lastHash());
    p.text(r.attention());
    p.bigint(r.costMicros());
    p.integer(r.reservedCalls());
    p.bigint(r.reservedTokens());
    p.bigint(r.reservedCostMicros());
    p.text(r.budgetJson());
    p.instant(r.deadlineAt());
    p.bool(r.keepLease());
    p.bool(r.keepLease());
    p.instant(r.leaseExpiresAt() == null ? step.now() : r.leaseExpiresAt());
    p.instant(step.now());
    p.instant(r.finishedAt());
    p.integer(step.events().size());
    p.object(step.runId());
    p.text(step.leaseOwner());
    p.bigint(step.leaseEpoch());
  }

  private static void bindMessages(Params p, StepCommit step) throws SQLException {
    List<MessageRow> messages = step.messages();
    int n = messages.size();
    Integer[] idx = new Integer[n];
    Integer[] seq = new Integer[n];
    String[] role = new String[n];
    String[] content = new String[n];
    String[] toolCalls = new String[n];
    String[] toolCallId = new String[n];
    String[] toolName = new String[n];
    for (int i = 0; i < n; i++) {
      MessageRow m = messages.get(i);
      idx[i] = m.idx();
      seq[i] = m.seq();
      role[i] = m.role();
      content[i] = m.content();
      toolCalls[i] = m.toolCallsJson();
      toolCallId[i] = m.toolCallId();
      toolName[i] = m.toolName();
    }
    p.instant(step.now());
    p.array("int4", idx);
    p.array("int4", seq);
    p.array("text", role);
    p.array("text", content);
    p.array("text", toolCalls);
    p.array("text", toolCallId);
    p.array("text", toolName);
  }

  private static void bindToolResult(Params p, StepCommit step) throws SQLException {
    ToolCallRecord t = step.toolCall();
    boolean present = t != null;
    p.integer(step.checkpoint().seq());
    p.text(present ? t.toolCallId() : null);
    p.text(present ? t.toolName() : null);
    p.text(present ? t.sideEffect() : null);
    p.text(present ? t.idempotencyKey() : null);
    p.text(present ? t.argumentsJson() : null);
    p.text(present ? t.result() : null);
    p.bool(present && t.isError());
    p.bigint(step.leaseEpoch());
    p.instant(present ? t.intentAt() : null);
    p.instant(step.now());
    p.bool(present);
  }

  private static void bindEvents(Params p, StepCommit step) throws SQLException {
    List<NewEvent> events = step.events();
    int n = events.size();
    String[] type = new String[n];
    String[] data = new String[n];
    for (int i = 0; i < n; i++) {
      type[i] = events.get(i).type();
      data[i] = events.get(i).dataJson();
    }
    p.integer(n);
    p.instant(step.now());
    p.array("text", type);
    p.array("text", data);
  }

  private static void bindCheckpoint(Params p, StepCommit step) throws SQLException {
    CheckpointRow cp = step.checkpoint();
    p.integer(cp.seq());
    p.text(cp.kind());
    p.text(step.leaseOwner());
    p.bigint(step.leaseEpoch());
    p.text(cp.decisionJson());
    p.text(cp.outcomeJson());
    p.integer(cp.inputTokens());
    p.integer(cp.outputTokens());
    p.text(cp.statusAfter());
    p.text(cp.stateAfterJson());
    p.text(cp.prevHash());
    p.text(cp.hash());
    p.instant(step.now());
    p.text(cp.actor());
    p.bigint(cp.costMicros());
    p.text(cp.hashAlg());
  }

  /** Binds parameters in statement order, so the binders read like the SQL file. */
  private static final class Params {
    private final PreparedStatement ps;
    private int next = 1;

    Params(PreparedStatement ps) {
      this.ps = ps;
    }

    void text(String value) throws SQLException {
      setText(ps, next++, value);
    }

    void instant(java.time.Instant value) throws SQLException {
      setInstant(ps, next++, value);
    }

    void integer(int value) throws SQLException {
      ps.setInt(next++, value);
    }

    void bigint(long value) throws SQLException {
      ps.setLong(next++, value);
    }

    void bool(boolean value) throws SQLException {
      ps.setBoolean(next++, value);
    }

    void object(Object value) throws SQLException {
      if (value == null) {
        ps.setNull(next++, Types.OTHER);
      } else {
        ps.setObject(next++, value);
      }
    }

    void array(String type, Object[] values) throws SQLException {
      Array array = ps.getConnection().createArrayOf(type, values);
      ps.setArray(next++, array);
    }
  }
}
