package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;

import dev.cairn.persistence.SqlFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes the running summary a SUMMARY step made, in the step's transaction after its fence held.
 *
 * @param summary the summary
 */
public record SummaryWriter(SummaryRow summary) implements StepWrite {
  @Override
  public void write(Connection c, StepCommit step) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_summary"))) {
      ps.setObject(1, step.runId());
      ps.setInt(2, summary.seq());
      ps.setString(3, step.tenantId());
      ps.setInt(4, summary.fromIdx());
      ps.setInt(5, summary.toIdx());
      ps.setString(6, summary.text());
      ps.setInt(7, summary.assistantTurns());
      setInstant(ps, 8, step.now());
      ps.executeUpdate();
    }
  }
}
