package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.toInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Audit reads of a run's history: each a short transaction of its own in one tenant's row-level
 * security scope, returning at most one page, so a caller that walks a long history page by page
 * (keyset on seq) holds one page at a time and no connection between pages.
 */
@ApplicationScoped
public class RunHistoryStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public RunHistoryStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A run with its pinned definition version.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @return the run, or empty when the tenant has no such run
   */
  public Optional<StoryRunRow> run(String tenantId, UUID runId) {
    return read(
        tenantId,
        "read run for history",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("history_run"))) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(storyRun(rs)) : Optional.<StoryRunRow>empty();
            }
          }
        });
  }

  /**
   * A page of whole checkpoints in seq order.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param afterSeq last seq already read (0 for the start)
   * @param upToSeq highest seq to return
   * @param limit most rows
   * @return the rows
   */
  public List<RunHistoryRow> checkpoints(
      String tenantId, UUID runId, int afterSeq, int upToSeq, int limit) {
    return read(
        tenantId,
        "read checkpoint history",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("history_page"))) {
            bindRange(ps, runId, afterSeq, upToSeq, limit);
            List<RunHistoryRow> rows = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(historyRow(rs));
              }
            }
            return rows;
          }
        });
  }

  /**
   * A page of step summaries in seq order.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param afterSeq last seq already read
   * @param upToSeq highest seq to return
   * @param limit most rows
   * @return the rows
   */
  public List<StepSummaryRow> steps(
      String tenantId, UUID runId, int afterSeq, int upToSeq, int limit) {
    return read(
        tenantId,
        "read step summaries",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("story_steps"))) {
            bindRange(ps, runId, afterSeq, upToSeq, limit);
            List<StepSummaryRow> rows = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new StepSummaryRow(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        toInstant(rs.getTimestamp(5)),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getInt(8),
                        rs.getInt(9),
                        rs.getLong(10),
                        rs.getString(11),
                        toInstant(rs.getTimestamp(12))));
              }
            }
            return rows;
          }
        });
  }

  /**
   * A page of operator commands in the order they were accepted.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param afterSeq last command seq already read
   * @param upToSeq highest command seq to return
   * @param limit most rows
   * @return the rows
   */
  public List<InterventionRow> interventions(
      String tenantId, UUID runId, long afterSeq, long upToSeq, int limit) {
    return read(
        tenantId,
        "read operator commands",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("history_commands"))) {
            ps.setObject(1, runId);
            ps.setLong(2, afterSeq);
            ps.setLong(3, upToSeq);
            ps.setInt(4, limit);
            List<InterventionRow> rows = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                int applied = rs.getInt(7);
                rows.add(
                    new InterventionRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.wasNull() ? null : applied,
                        toInstant(rs.getTimestamp(8)),
                        toInstant(rs.getTimestamp(9))));
              }
            }
            return rows;
          }
        });
  }

  /**
   * A page of approval records in (step seq, id) order.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param afterSeq step seq of the last record read (0 for the start)
   * @param afterId id of the last record read (the nil UUID for the start)
   * @param limit most rows
   * @return the rows
   */
  public List<ApprovalHistoryRow> approvals(
      String tenantId, UUID runId, int afterSeq, UUID afterId, int limit) {
    return read(
        tenantId,
        "read approvals",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("history_approvals"))) {
            ps.setObject(1, runId);
            ps.setInt(2, afterSeq);
            ps.setInt(3, afterSeq);
            ps.setObject(4, afterId);
            ps.setInt(5, limit);
            List<ApprovalHistoryRow> rows = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                int used = rs.getInt(11);
                rows.add(
                    new ApprovalHistoryRow(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        toInstant(rs.getTimestamp(7)),
                        rs.getString(8),
                        toInstant(rs.getTimestamp(9)),
                        rs.getString(10),
                        rs.wasNull() ? null : used));
              }
            }
            return rows;
          }
        });
  }

  private <T> T read(String tenantId, String what, Jdbc.TxWork<T> work) {
    return Jdbc.inTransaction(
        dataSource,
        what,
        c -> {
          TenantScope.enter(c, tenantId);
          return work.run(c);
        });
  }

  private static void bindRange(
      PreparedStatement ps, UUID runId, int afterSeq, int upToSeq, int limit) throws SQLException {
    ps.setObject(1, runId);
    ps.setInt(2, afterSeq);
    ps.setInt(3, upToSeq);
    ps.setInt(4, limit);
  }

  private static RunHistoryRow historyRow(ResultSet rs) throws SQLException {
    return new RunHistoryRow(
        rs.getInt(1),
        rs.getString(2),
        toInstant(rs.getTimestamp(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getLong(6),
        rs.getString(7),
        rs.getString(8),
        rs.getInt(9),
        rs.getInt(10),
        rs.getLong(11),
        rs.getString(12),
        rs.getString(13),
        rs.getString(14),
        rs.getString(15),
        rs.getString(16),
        rs.getString(17),
        rs.getString(18),
        toInstant(rs.getTimestamp(19)));
  }

  private static StoryRunRow storyRun(ResultSet rs) throws SQLException {
    return new StoryRunRow(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        toInstant(rs.getTimestamp(7)),
        rs.getString(8),
        toInstant(rs.getTimestamp(9)),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getString(13),
        toInstant(rs.getTimestamp(14)),
        rs.getInt(15),
        rs.getInt(16),
        rs.getInt(17),
        rs.getLong(18),
        rs.getLong(19),
        rs.getLong(20),
        rs.getLong(21),
        toInstant(rs.getTimestamp(22)));
  }
}
