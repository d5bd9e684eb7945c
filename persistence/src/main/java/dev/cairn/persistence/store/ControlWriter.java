package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;

import dev.cairn.persistence.SqlFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/** Writes a committed step's operator control rows, in the step's transaction. */
final class ControlWriter {
  private ControlWriter() {}

  static void write(Connection c, StepCommit step) throws SQLException {
    ControlWrites control = step.control();
    if (control == null || control.isEmpty()) {
      return;
    }
    int seq = step.checkpoint().seq();
    if (control.reconciledIntent() != null) {
      closeIntent(c, step);
    }
    if (!control.commands().isEmpty()) {
      List<ControlWrites.CommandResult> commands = control.commands();
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("apply_commands"))) {
        ps.setInt(1, seq);
        setInstant(ps, 2, step.now());
        ps.setArray(3, c.createArrayOf("uuid", column(commands, ControlWrites.CommandResult::id)));
        ps.setArray(
            4, c.createArrayOf("text", column(commands, ControlWrites.CommandResult::state)));
        ps.setArray(
            5, c.createArrayOf("text", column(commands, ControlWrites.CommandResult::outcome)));
        ps.executeUpdate();
      }
    }
    if (!control.newApprovals().isEmpty()) {
      List<ControlWrites.NewApproval> approvals = control.newApprovals();
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_approvals"))) {
        ps.setString(1, step.tenantId());
        ps.setObject(2, step.runId());
        ps.setInt(3, seq);
        setInstant(ps, 4, step.now());
        ps.setArray(5, c.createArrayOf("uuid", column(approvals, ControlWrites.NewApproval::id)));
        ps.setArray(
            6, c.createArrayOf("text", column(approvals, ControlWrites.NewApproval::toolCallId)));
        ps.setArray(
            7, c.createArrayOf("text", column(approvals, ControlWrites.NewApproval::toolName)));
        ps.setArray(
            8,
            c.createArrayOf("text", column(approvals, ControlWrites.NewApproval::argumentsJson)));
        ps.setArray(
            9,
            c.createArrayOf("text", column(approvals, ControlWrites.NewApproval::argumentsHash)));
        ps.executeUpdate();
      }
    }
    if (!control.approvalUpdates().isEmpty()) {
      List<ControlWrites.ApprovalUpdate> updates = control.approvalUpdates();
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("update_approvals"))) {
        setInstant(ps, 1, step.now());
        ps.setInt(2, seq);
        ps.setArray(3, c.createArrayOf("uuid", column(updates, ControlWrites.ApprovalUpdate::id)));
        ps.setArray(
            4, c.createArrayOf("text", column(updates, ControlWrites.ApprovalUpdate::state)));
        ps.setArray(
            5, c.createArrayOf("text", column(updates, ControlWrites.ApprovalUpdate::actor)));
        ps.setArray(
            6, c.createArrayOf("text", column(updates, ControlWrites.ApprovalUpdate::reason)));
        ps.executeUpdate();
      }
    }
  }

  private static void closeIntent(Connection c, StepCommit step) throws SQLException {
    ControlWrites.IntentResult r = step.control().reconciledIntent();
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("close_open_intents"))) {
      ps.setString(1, r.result());
      ps.setBoolean(2, r.error());
      setInstant(ps, 3, step.now());
      ps.setObject(4, step.runId());
      ps.executeUpdate();
    }
  }

  private static <T> Object[] column(List<T> rows, Function<T, Object> field) {
    Object[] values = new Object[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = field.apply(rows.get(i));
    }
    return values;
  }
}
