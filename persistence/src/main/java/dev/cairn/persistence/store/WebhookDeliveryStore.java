package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;
import static dev.cairn.persistence.Jdbc.toInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.SqlFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Webhook deliveries as the engine works them, across tenants (the engine's scope): fan-out of
 * events into deliveries together with the dispatcher's cursor moves, claims of due deliveries,
 * fenced outcomes, counts and retention.
 */
@ApplicationScoped
public class WebhookDeliveryStore {
  /** The event log consumer that creates deliveries. */
  public static final String CONSUMER = "webhooks";

  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public WebhookDeliveryStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * In one transaction: creates the deliveries of a batch of events for every matching subscription
   * and moves this node's cursors past them. When a partition is no longer this node's, nothing is
   * written (another replica owns those events now).
   *
   * @param events the events read, in log order
   * @param cursors the new position of each partition the events came from
   * @param node this replica
   * @param now current time
   * @return the deliveries created, or -1 when a partition was lost and nothing was written
   */
  public int fanOut(
      Collection<StoredEvent> events,
      Collection<EventLogStore.Cursor> cursors,
      String node,
      Instant now) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        int created = insertDeliveries(c, events, now);
        for (EventLogStore.Cursor cursor : cursors) {
          if (!EventLogStore.advance(c, CONSUMER, node, cursor, now)) {
            c.rollback();
            return -1;
          }
        }
        c.commit();
        return created;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new PersistenceException("fan out webhook deliveries failed", e);
    }
  }

  /**
   * While no subscription exists at all, moves this node's cursors past everything readable without
   * reading the events (one statement), so an idle webhook feature costs nearly nothing.
   *
   * @param node this replica
   * @param now current time
   * @return the moved cursors, or null when subscriptions exist and events must be read
   */
  public List<EventLogStore.Cursor> passAllIfNoSubscriptions(String node, Instant now) {
    return Jdbc.inAutoCommit(
        dataSource,
        "pass events without subscriptions",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("pass_events_without_subscriptions"))) {
            ps.setString(1, node);
            setInstant(ps, 2, now);
            ps.setString(3, node);
            List<EventLogStore.Cursor> moved = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (rs.getBoolean(1)) {
                  return null;
                }
                if (rs.getString(3) != null) {
                  moved.add(new EventLogStore.Cursor(rs.getInt(2), rs.getString(3), rs.getLong(4)));
                }
              }
            }
            return moved;
          }
        });
  }

  private static int insertDeliveries(Connection c, Collection<StoredEvent> events, Instant now)
      throws SQLException {
    if (events.isEmpty()) {
      return 0;
    }
    UUID[] runs = new UUID[events.size()];
    Integer[] seqs = new Integer[events.size()];
    int i = 0;
    for (StoredEvent event : events) {
      runs[i] = event.runId();
      seqs[i] = event.seq();
      i++;
    }
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("fan_out_webhook_deliveries"))) {
      setInstant(ps, 1, now);
      setInstant(ps, 2, now);
      ps.setArray(3, c.createArrayOf("uuid", runs));
      ps.setArray(4, c.createArrayOf("int4", seqs));
      return ps.executeUpdate();
    }
  }

  /**
   * Claims due deliveries: each gets a claim token, one more attempt, and {@code claimUntil} as its
   * next attempt time (when another worker may take it over).
   *
   * @param now current time
   * @param claimUntil when the claims expire
   * @param limit most deliveries
   * @return the claimed deliveries
   */
  public List<DueWebhookDelivery> claimDue(Instant now, Instant claimUntil, int limit) {
    return Jdbc.inAutoCommit(
        dataSource,
        "claim webhook deliveries",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("claim_webhook_deliveries"))) {
            setInstant(ps, 1, claimUntil);
            setInstant(ps, 2, now);
            setInstant(ps, 3, now);
            ps.setInt(4, limit);
            List<DueWebhookDelivery> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                due.add(
                    new DueWebhookDelivery(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getObject(5, UUID.class),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getObject(8, UUID.class),
                        rs.getInt(9),
                        rs.getString(10),
                        rs.getString(11),
                        toInstant(rs.getTimestamp(12)),
                        rs.getString(13)));
              }
            }
            return due;
          }
        });
  }

  /**
   * Records an attempt's outcome, if the claim still holds.
   *
   * @param id the delivery
   * @param claimToken the claim's token
   * @param attempt the outcome
   * @return false when the claim was lost (redelivered meanwhile, or taken over after expiry)
   */
  public boolean record(UUID id, UUID claimToken, WebhookAttempt attempt) {
    return Jdbc.inAutoCommit(
        dataSource,
        "record webhook attempt",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("record_webhook_attempt"))) {
            ps.setString(1, attempt.state());
            setInstant(ps, 2, attempt.nextAttemptAt());
            if (attempt.status() == null) {
              ps.setNull(3, Types.INTEGER);
            } else {
              ps.setInt(3, attempt.status());
            }
            setText(ps, 4, attempt.error());
            setInstant(ps, 5, "DELIVERED".equals(attempt.state()) ? attempt.at() : null);
            setInstant(ps, 6, "DEAD".equals(attempt.state()) ? attempt.at() : null);
            ps.setObject(7, id);
            ps.setObject(8, claimToken);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * Pending and dead deliveries of every tenant.
   *
   * @return {pending, dead}
   */
  public long[] counts() {
    return Jdbc.inAutoCommit(
        dataSource,
        "count webhook deliveries",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("count_webhook_deliveries"));
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
          }
        });
  }

  /**
   * Deletes, in bounded batches, finished deliveries created before {@code before}, pending ones of
   * deleted subscriptions, and deleted subscriptions nothing refers to any more.
   *
   * @param before the retention limit
   * @param limit most deliveries of each kind
   * @return deliveries deleted
   */
  public int prune(Instant before, int limit) {
    return Jdbc.inAutoCommit(
        dataSource,
        "prune webhook deliveries",
        c -> {
          int deleted;
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("prune_webhook_deliveries"))) {
            setInstant(ps, 1, before);
            ps.setInt(2, limit);
            ps.setInt(3, limit);
            deleted = ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("prune_webhook_subscriptions"))) {
            setInstant(ps, 1, before);
            ps.executeUpdate();
          }
          return deleted;
        });
  }
}
