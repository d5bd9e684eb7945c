package dev.cairn.persistence.store;

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
 * The run event log as live streams (SSE) read it: short, bounded reads in one tenant's row-level
 * security scope, each a transaction of its own, so no connection is held between reads. A stream
 * keeps its position on the client: a run's event seq, or a commit-consistent (tx, id) position in
 * the tenant's log.
 */
@ApplicationScoped
public class EventStreamStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public EventStreamStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A position in a tenant's log: after every event ordered before (tx, id).
   *
   * @param tx transaction id (xid8 as decimal text)
   * @param id event id
   */
  public record LogPosition(String tx, long id) {
    /** Before every event. */
    public static final LogPosition EARLIEST = new LogPosition("0", 0);

    /**
     * The position just after an event.
     *
     * @param event the event
     * @return its position
     */
    public static LogPosition of(StoredEvent event) {
      return new LogPosition(event.tx(), event.id());
    }
  }

  /**
   * A run as its stream sees it.
   *
   * @param runId the run
   * @param status its status
   * @param lastSeq the seq of its last event
   */
  public record RunTail(UUID runId, String status, int lastSeq) {}

  /**
   * What one read found for one cursor.
   *
   * @param tail the run, or null when it no longer exists in the tenant
   * @param events its next events, in seq order
   */
  public record RunPage(RunTail tail, List<StoredEvent> events) {}

  /**
   * A run as its stream sees it, if it exists in the tenant.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @return the run, or empty for an unknown run or another tenant's
   */
  public Optional<RunTail> findRun(String tenantId, UUID runId) {
    return Jdbc.inTransaction(
        dataSource,
        "find streamed run",
        c -> {
          TenantScope.enter(c, tenantId);
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("find_stream_run"))) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new RunTail(runId, rs.getString(1), rs.getInt(2)))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * The head of the log: events readable now are before it, every later one after it.
   *
   * @return the position
   */
  public LogPosition head() {
    return Jdbc.inAutoCommit(
        dataSource,
        "event log head",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("event_log_head"));
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new LogPosition(rs.getString(1), 0);
          }
        });
  }

  /**
   * The next events of watched runs of one tenant, each after the seq given for it.
   *
   * @param tenantId the tenant
   * @param cursors the runs and the seq each stream has passed
   * @param perCursor at most this many events per cursor
   * @return for each cursor (same order), the run and its events, read in one snapshot
   */
  public List<RunPage> readRuns(String tenantId, List<RunCursor> cursors, int perCursor) {
    if (cursors.isEmpty()) {
      return List.of();
    }
    return Jdbc.inTransaction(
        dataSource,
        "read run streams",
        c -> {
          TenantScope.enter(c, tenantId);
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("read_run_streams"))) {
            ps.setArray(
                1, c.createArrayOf("uuid", cursors.stream().map(RunCursor::runId).toArray()));
            ps.setArray(
                2, c.createArrayOf("int4", cursors.stream().map(RunCursor::afterSeq).toArray()));
            ps.setInt(3, perCursor);
            RunTail[] tails = new RunTail[cursors.size()];
            List<List<StoredEvent>> events = new ArrayList<>();
            for (int i = 0; i < cursors.size(); i++) {
              events.add(new ArrayList<>());
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                int n = rs.getInt(11) - 1;
                if (tails[n] == null) {
                  tails[n] = new RunTail(cursors.get(n).runId(), rs.getString(12), rs.getInt(13));
                }
                rs.getLong(1);
                if (!rs.wasNull()) {
                  events.get(n).add(event(rs));
                }
              }
            }
            List<RunPage> pages = new ArrayList<>();
            for (int i = 0; i < cursors.size(); i++) {
              pages.add(new RunPage(tails[i], events.get(i)));
            }
            return pages;
          }
        });
  }

  /**
   * The next events of one tenant's log after each of several positions, in commit-consistent
   * order.
   *
   * @param tenantId the tenant
   * @param positions where to start, one page each
   * @param perPosition at most this many events per position
   * @return for each position (same order), its events
   */
  public List<List<StoredEvent>> readTenant(
      String tenantId, List<LogPosition> positions, int perPosition) {
    List<List<StoredEvent>> pages = new ArrayList<>();
    for (int i = 0; i < positions.size(); i++) {
      pages.add(new ArrayList<>());
    }
    if (positions.isEmpty()) {
      return pages;
    }
    return Jdbc.inTransaction(
        dataSource,
        "read tenant streams",
        c -> {
          TenantScope.enter(c, tenantId);
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("read_tenant_streams"))) {
            ps.setArray(
                1, c.createArrayOf("text", positions.stream().map(LogPosition::tx).toArray()));
            ps.setArray(
                2, c.createArrayOf("int8", positions.stream().map(LogPosition::id).toArray()));
            ps.setString(3, tenantId);
            ps.setInt(4, perPosition);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                pages.get(rs.getInt(11) - 1).add(event(rs));
              }
            }
            return pages;
          }
        });
  }

  /**
   * A watched run and the seq its stream has passed.
   *
   * @param runId the run
   * @param afterSeq the last seq passed (0 before the first event)
   */
  public record RunCursor(UUID runId, int afterSeq) {}

  private static StoredEvent event(ResultSet rs) throws SQLException {
    return new StoredEvent(
        rs.getLong(1),
        rs.getString(2),
        rs.getObject(3, UUID.class),
        rs.getInt(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getTimestamp(9).toInstant(),
        rs.getInt(10));
  }
}
