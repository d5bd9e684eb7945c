package dev.cairn.persistence.store;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads a run's recorded history for folding and replay: where it started and its checkpoints in
 * seq order, streamed with a cursor so a long history is never held at once. Read-only; every
 * transaction runs in the tenant's scope (row-level security as {@code cairn_api}).
 */
@ApplicationScoped
public class HistoryStore {
  /** Checkpoints fetched per round trip while streaming. */
  static final int FETCH_SIZE = 200;

  /** Most input messages of a run read. */
  public static final int MAX_INPUT_MESSAGES = 1_000;

  private final DataSource dataSource;

  /** Receives checkpoints in seq order. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * Takes one checkpoint.
     *
     * @param row the checkpoint
     * @return whether to go on with the next one
     */
    boolean visit(HistoryRow row);
  }

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public HistoryStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A run as it was submitted.
   *
   * @param tenantId tenant
   * @param runId the run
   * @return the run, if it exists in the tenant
   */
  public Optional<RunOriginRow> origin(String tenantId, UUID runId) {
    return read(
        tenantId,
        "read run origin",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("history_origin"))) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new RunOriginRow(
                      rs.getObject(1, UUID.class),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getInt(4),
                      rs.getString(5),
                      rs.getString(6),
                      Jdbc.toInstant(rs.getTimestamp(7)),
                      rs.getInt(8),
                      rs.getBoolean(9),
                      input(c, runId)));
            }
          }
        });
  }

  /**
   * The spec of one version of an agent.
   *
   * @param tenantId tenant
   * @param agentName agent
   * @param version version
   * @return the spec JSON, if that version exists in the tenant
   */
  public Optional<String> definition(String tenantId, String agentName, int version) {
    return read(
        tenantId,
        "read agent definition",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("history_definition"))) {
            ps.setString(1, agentName);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  /**
   * The most recent runs of an agent that have a history.
   *
   * @param tenantId tenant
   * @param agentName agent
   * @param version only runs of this version, or null for all
   * @param limit most runs
   * @return their ids, newest first
   */
  public List<UUID> recentRuns(String tenantId, String agentName, Integer version, int limit) {
    return read(
        tenantId,
        "select runs to replay",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("history_recent_runs"))) {
            ps.setString(1, agentName);
            ps.setObject(2, version, java.sql.Types.INTEGER);
            ps.setObject(3, version, java.sql.Types.INTEGER);
            ps.setInt(4, limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
              }
            }
            return ids;
          }
        });
  }

  /**
   * Streams a run's checkpoints from {@code fromSeq} to {@code toSeq} in seq order, until the
   * visitor says stop. Rows are fetched {@value #FETCH_SIZE} at a time.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param fromSeq first seq
   * @param toSeq last seq
   * @param visitor takes each checkpoint
   * @return how many checkpoints were visited
   */
  public int stream(String tenantId, UUID runId, int fromSeq, int toSeq, Visitor visitor) {
    return read(
        tenantId,
        "read run history",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("history_steps"))) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setObject(1, runId);
            ps.setInt(2, fromSeq);
            ps.setInt(3, toSeq);
            int visited = 0;
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                visited++;
                HistoryRow row =
                    new HistoryRow(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getString(7),
                        rs.getString(8),
                        Jdbc.toInstant(rs.getTimestamp(9)),
                        rs.getString(10),
                        rs.getString(11));
                if (!visitor.visit(row)) {
                  break;
                }
              }
            }
            return visited;
          }
        });
  }

  private static List<MessageRow> input(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("history_input"))) {
      ps.setObject(1, runId);
      ps.setInt(2, MAX_INPUT_MESSAGES);
      List<MessageRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new MessageRow(
                  rs.getInt(1),
                  rs.getInt(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7)));
        }
      }
      return rows;
    }
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
}
