package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The run event log as consumers read it: partitions held under leases, events after a cursor in
 * commit-consistent order, cursors moved forward by their holder only, and pruning of what every
 * consumer has passed. See V15__run_events.sql.
 */
@ApplicationScoped
public class EventLogStore {
  /** Partitions of the log, fixed by V15. */
  public static final int PARTITIONS = 16;

  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public EventLogStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A partition a consumer holds, with its cursor.
   *
   * @param partition the partition
   * @param lastTx transaction id of the last event passed (xid8 as text)
   * @param lastId id of the last event passed
   */
  public record Cursor(int partition, String lastTx, long lastId) {
    /**
     * The cursor just after an event.
     *
     * @param event the event
     * @return the cursor
     */
    public static Cursor after(StoredEvent event) {
      return new Cursor(event.partition(), event.tx(), event.id());
    }
  }

  /**
   * Renews this node's partitions of a consumer and evens the split out: announces this node as a
   * reader, takes free partitions up to a fair share (all partitions divided among the live
   * readers), gives back those above it.
   *
   * @param consumer the consumer
   * @param node this replica
   * @param now current time
   * @param leaseExpiresAt the leases' new expiry
   * @return the partitions this node holds now, with their cursors
   */
  public List<Cursor> holdPartitions(
      String consumer, String node, Instant now, Instant leaseExpiresAt) {
    return Jdbc.inTransaction(
        dataSource,
        "hold event partitions",
        c -> {
          int readers = announce(c, consumer, node, now, leaseExpiresAt);
          int share = (PARTITIONS + readers - 1) / readers;
          List<Cursor> held = renew(c, consumer, node, now, leaseExpiresAt);
          if (held.size() > share) {
            List<Cursor> extra = held.subList(share, held.size());
            release(c, consumer, node, extra.stream().map(Cursor::partition).toList());
            return List.copyOf(held.subList(0, share));
          }
          if (held.size() < share) {
            claim(c, consumer, node, now, leaseExpiresAt, share - held.size());
            return renew(c, consumer, node, now, leaseExpiresAt);
          }
          return held;
        });
  }

  /**
   * Gives back every partition this node holds for a consumer (on shutdown).
   *
   * @param consumer the consumer
   * @param node this replica
   */
  public void releaseAll(String consumer, String node) {
    Jdbc.inTransaction(
        dataSource,
        "release event partitions",
        c -> {
          release(c, consumer, node, null);
          return null;
        });
  }

  /**
   * The next events of the given partitions, each after its cursor.
   *
   * @param cursors the partitions and where to start
   * @param perPartition at most this many events per partition
   * @return events ordered by partition, then commit-consistent order
   */
  public List<StoredEvent> read(Collection<Cursor> cursors, int perPartition) {
    if (cursors.isEmpty()) {
      return List.of();
    }
    return Jdbc.inAutoCommit(
        dataSource,
        "read events",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("read_event_partitions"))) {
            int n = cursors.size();
            Integer[] partitions = new Integer[n];
            String[] txs = new String[n];
            Long[] ids = new Long[n];
            int i = 0;
            for (Cursor cursor : cursors) {
              partitions[i] = cursor.partition();
              txs[i] = cursor.lastTx();
              ids[i] = cursor.lastId();
              i++;
            }
            ps.setArray(1, c.createArrayOf("int4", partitions));
            ps.setArray(2, c.createArrayOf("text", txs));
            ps.setArray(3, c.createArrayOf("int8", ids));
            ps.setInt(4, perPartition);
            try (ResultSet rs = ps.executeQuery()) {
              return events(rs);
            }
          }
        });
  }

  /**
   * Moves a partition's cursor forward, if this node still holds the partition.
   *
   * @param consumer the consumer
   * @param node this replica
   * @param cursor the new position
   * @param now current time
   * @return false when the partition is no longer this node's
   */
  public boolean advance(String consumer, String node, Cursor cursor, Instant now) {
    return Jdbc.inAutoCommit(
        dataSource, "advance event cursor", c -> advance(c, consumer, node, cursor, now));
  }

  /**
   * Moves a partition's cursor forward within the caller's transaction, if this node still holds
   * the partition; a consumer that writes rows for the events it read (webhook deliveries) does
   * both in one transaction.
   *
   * @param c the caller's connection
   * @param consumer the consumer
   * @param node this replica
   * @param cursor the new position
   * @param now current time
   * @return false when the partition is no longer this node's
   * @throws SQLException on database errors
   */
  public static boolean advance(
      Connection c, String consumer, String node, Cursor cursor, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("advance_event_cursor"))) {
      ps.setString(1, cursor.lastTx());
      ps.setLong(2, cursor.lastId());
      setInstant(ps, 3, now);
      ps.setString(4, consumer);
      ps.setInt(5, cursor.partition());
      ps.setString(6, node);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Deletes events older than {@code before} that every consumer has passed, a bounded batch per
   * partition.
   *
   * @param consumers the consumers that must have passed an event
   * @param before only events written before this time
   * @param perPartition at most this many per partition
   * @return how many were deleted
   */
  public int prune(Collection<String> consumers, Instant before, int perPartition) {
    int deleted = 0;
    for (int p = 0; p < PARTITIONS; p++) {
      int partition = p;
      deleted +=
          Jdbc.inAutoCommit(
              dataSource,
              "prune events",
              c -> {
                try (PreparedStatement ps = c.prepareStatement(SqlFile.load("prune_events"))) {
                  ps.setInt(1, partition);
                  ps.setArray(2, c.createArrayOf("text", consumers.toArray()));
                  setInstant(ps, 3, before);
                  ps.setInt(4, perPartition);
                  return ps.executeUpdate();
                }
              });
    }
    return deleted;
  }

  /**
   * How far a consumer is behind: events after its cursors (counted up to a cap per partition) and
   * the time of the oldest of them.
   *
   * @param consumer the consumer
   * @param cap counting stops at this many per partition
   * @return the backlog
   */
  public Backlog backlog(String consumer, int cap) {
    return Jdbc.inAutoCommit(
        dataSource,
        "event backlog",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT coalesce(sum(b.n), 0), min(b.oldest)"
                      + " FROM outbox_cursor c CROSS JOIN LATERAL ("
                      + "  SELECT count(*) AS n, min(created_at) AS oldest FROM ("
                      + "   SELECT e.created_at FROM outbox_event e"
                      + "    WHERE e.partition = c.partition"
                      + "      AND (e.tx, e.id) > (c.last_tx, c.last_id)"
                      + "    ORDER BY e.tx, e.id LIMIT ?) x) b"
                      + " WHERE c.consumer = ?")) {
            ps.setInt(1, cap);
            ps.setString(2, consumer);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              Timestamp oldest = rs.getTimestamp(2);
              return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
            }
          }
        });
  }

  /**
   * A consumer's backlog.
   *
   * @param events events not yet passed (capped per partition)
   * @param oldest when the oldest of them was written, or null when there are none
   */
  public record Backlog(long events, Instant oldest) {}

  /**
   * Reads events from a result set of the log's columns in the order of {@code
   * read_event_partitions.sql}.
   *
   * @param rs the result set
   * @return the events
   * @throws SQLException on database errors
   */
  public static List<StoredEvent> events(ResultSet rs) throws SQLException {
    List<StoredEvent> events = new ArrayList<>();
    while (rs.next()) {
      events.add(
          new StoredEvent(
              rs.getLong(1),
              rs.getString(2),
              rs.getObject(3, UUID.class),
              rs.getInt(4),
              rs.getString(5),
              rs.getString(6),
              rs.getString(7),
              rs.getString(8),
              rs.getTimestamp(9).toInstant(),
              rs.getInt(10)));
    }
    return events;
  }

  private static int announce(
      Connection c, String consumer, String node, Instant now, Instant leaseExpiresAt)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("announce_event_reader"))) {
      ps.setString(1, consumer);
      ps.setString(2, node);
      setInstant(ps, 3, leaseExpiresAt);
      setInstant(ps, 4, now);
      ps.setString(5, consumer);
      setInstant(ps, 6, now);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static List<Cursor> renew(
      Connection c, String consumer, String node, Instant now, Instant leaseExpiresAt)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("renew_event_partitions"))) {
      setInstant(ps, 1, leaseExpiresAt);
      ps.setString(2, consumer);
      ps.setString(3, node);
      setInstant(ps, 4, now);
      List<Cursor> held = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          held.add(new Cursor(rs.getInt(1), rs.getString(2), rs.getLong(3)));
        }
      }
      held.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
      return held;
    }
  }

  private static void claim(
      Connection c, String consumer, String node, Instant now, Instant leaseExpiresAt, int count)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("claim_event_partitions"))) {
      ps.setString(1, node);
      setInstant(ps, 2, leaseExpiresAt);
      ps.setString(3, consumer);
      setInstant(ps, 4, now);
      ps.setInt(5, count);
      ps.executeUpdate();
    }
  }

  private static void release(Connection c, String consumer, String node, List<Integer> partitions)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("release_event_partitions"))) {
      ps.setString(1, consumer);
      ps.setString(2, node);
      if (partitions == null) {
        ps.setNull(3, Types.ARRAY);
        ps.setNull(4, Types.ARRAY);
      } else {
        Array array = c.createArrayOf("int4", partitions.toArray());
        ps.setArray(3, array);
        ps.setArray(4, array);
      }
      ps.executeUpdate();
    }
  }
}
