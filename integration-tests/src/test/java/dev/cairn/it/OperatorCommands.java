package dev.cairn.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Gives a run operator commands the way the command API does: in one transaction, bumps the run's
 * {@code command_seq} under its row lock, inserts the {@code operator_command} row with that seq,
 * and notifies {@code cairn_command} (with {@code :CANCEL} for a cancel, so the replica advancing
 * the run interrupts its model call). The one place to swap for REST calls once the API exists.
 */
final class OperatorCommands {

  static final String ACTOR = "it-operator";

  private static final String INSERT =
      """
      WITH bumped AS (
        UPDATE agent_run SET command_seq = command_seq + 1 WHERE id = ?::uuid
        RETURNING id, tenant_id, command_seq)
      INSERT INTO operator_command (id, tenant_id, run_id, seq, kind, payload, actor, created_at)
      SELECT ?::uuid, tenant_id, id, command_seq, ?, ?::jsonb, ?, now() FROM bumped
      """;

  private final TestDatabase database;

  OperatorCommands(TestDatabase database) {
    this.database = database;
  }

  /** Pauses the run at its next step boundary; returns the command id. */
  String pause(String runId) {
    return send(runId, "PAUSE", "{}");
  }

  /** Resumes a paused run; returns the command id. */
  String resume(String runId) {
    return send(runId, "RESUME", "{}");
  }

  /** Cancels the run, interrupting an in-flight model call; returns the command id. */
  String cancel(String runId) {
    return send(runId, "CANCEL", "{}");
  }

  /**
   * Accepts a command for the run and notifies the replicas.
   *
   * @param kind PAUSE, RESUME, CANCEL, STEER, APPROVE, REJECT, RETRY, RECONCILE or RAISE_BUDGET
   * @param payloadJson the command's payload, e.g. {@code {"text":"..."}} for STEER
   * @return the command id
   */
  String send(String runId, String kind, String payloadJson) {
    String id = UUID.randomUUID().toString();
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(INSERT);
          PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
        insert.setString(1, runId);
        insert.setString(2, id);
        insert.setString(3, kind);
        insert.setString(4, payloadJson);
        insert.setString(5, ACTOR);
        if (insert.executeUpdate() != 1) {
          throw new IllegalStateException("no run " + runId + " to give " + kind);
        }
        notify.setString(1, "cairn_command");
        notify.setString(2, "CANCEL".equals(kind) ? runId + ":CANCEL" : runId);
        notify.execute();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot give run " + runId + " the command " + kind, e);
    }
    return id;
  }

  /** The command's state: PENDING, APPLIED or REJECTED. */
  String state(String commandId) {
    return Sql.column(database, "SELECT state FROM operator_command WHERE id = ?::uuid", commandId)
        .get(0);
  }

  /** Every command of the run, rendered in seq order, for assertions and failure messages. */
  List<String> of(String runId) {
    return Sql.rows(
        database,
        "SELECT seq, kind, state, outcome, applied_seq FROM operator_command"
            + " WHERE run_id = ?::uuid ORDER BY seq",
        runId);
  }
}
