package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Runs per status for metrics, across all tenants, counted by one replica at a time and shared
 * through {@code run_status_count}: open runs (in progress or held for an operator) exactly,
 * through partial indexes that hold only open runs, so the count does not grow with closed runs;
 * closed runs (the statuses runs accumulate in) exactly while the table is small and from the
 * planner's statistics beyond that.
 */
@ApplicationScoped
public class RunCounts {
  /**
   * Open statuses: in progress or held for an operator, counted exactly through partial indexes.
   */
  public static final List<String> OPEN =
      List.of("QUEUED", "RUNNING", "WAITING", "PAUSED", "NEEDS_RECONCILIATION", "QUARANTINED");

  /** Closed statuses, which runs accumulate in: exact on small tables, estimated beyond. */
  public static final List<String> CLOSED =
      List.of("COMPLETED", "FAILED", "CANCELLED", "BUDGET_EXCEEDED");

  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public RunCounts(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One status's shared figure. */
  public record StatusCount(long runs, boolean estimated, Instant countedAt) {}

  /**
   * Counts runs per status and shares the figures, unless another replica is counting now or the
   * last count is younger than {@code minAge}.
   *
   * @param now the current time
   * @param minAge how old the last count must be before it is made again
   * @param exactUpToRows up to this many rows in agent_run (the planner's estimate), closed runs
   *     are counted row by row; beyond, they are estimated from the planner's statistics
   * @return true if this call counted
   */
  public boolean recountIfDue(Instant now, Duration minAge, long exactUpToRows) {
    return Jdbc.inTransaction(
        dataSource,
        "count runs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("lock_run_status_count"));
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            boolean locked = rs.getBoolean(1);
            Instant last = Jdbc.toInstant(rs.getTimestamp(2));
            if (!locked || (last != null && last.isAfter(now.minus(minAge)))) {
              return false;
            }
          }
          Map<String, Long> counted = new HashMap<>();
          readCounts(c, SqlFile.load("count_open_runs"), null, counted);
          long rows = estimatedRows(c);
          boolean estimated = rows > exactUpToRows;
          if (estimated) {
            readCounts(c, SqlFile.load("estimate_closed_runs"), rows, counted);
          } else {
            readCounts(c, SqlFile.load("count_closed_runs"), null, counted);
          }
          save(c, counted, estimated, now);
          return true;
        });
  }

  /**
   * The shared figures, as the last count left them (empty before the first count).
   *
   * @return status name to its figure
   */
  public Map<String, StatusCount> read() {
    return Jdbc.inAutoCommit(
        dataSource,
        "read run counts",
        c -> {
          Map<String, StatusCount> counts = new HashMap<>();
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("read_run_status_counts"));
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              counts.put(
                  rs.getString(1),
                  new StatusCount(
                      rs.getLong(2), rs.getBoolean(3), Jdbc.toInstant(rs.getTimestamp(4))));
            }
          }
          return counts;
        });
  }

  private static void readCounts(Connection c, String sql, Long rows, Map<String, Long> into)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (rows != null) {
        ps.setLong(1, rows);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          into.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
  }

  private static long estimatedRows(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("estimate_run_rows"));
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  private static void save(
      Connection c, Map<String, Long> counted, boolean closedEstimated, Instant now)
      throws SQLException {
    int n = OPEN.size() + CLOSED.size();
    String[] statuses = new String[n];
    Long[] runs = new Long[n];
    Boolean[] estimated = new Boolean[n];
    int i = 0;
    for (String status : OPEN) {
      statuses[i] = status;
      runs[i] = counted.getOrDefault(status, 0L);
      estimated[i++] = false;
    }
    for (String status : CLOSED) {
      statuses[i] = status;
      runs[i] = counted.getOrDefault(status, 0L);
      estimated[i++] = closedEstimated;
    }
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("save_run_status_counts"))) {
      setInstant(ps, 1, now);
      ps.setArray(2, c.createArrayOf("text", statuses));
      ps.setArray(3, c.createArrayOf("int8", runs));
      ps.setArray(4, c.createArrayOf("bool", estimated));
      ps.executeUpdate();
    }
  }
}
