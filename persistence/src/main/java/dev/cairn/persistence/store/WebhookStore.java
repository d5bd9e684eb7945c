package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;
import static dev.cairn.persistence.Jdbc.toInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Webhook subscriptions and deliveries as the API reads and changes them. Every transaction runs in
 * the tenant's scope (row-level security as {@code cairn_api}).
 */
@ApplicationScoped
public class WebhookStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public WebhookStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** What asking for a redelivery did. */
  public sealed interface Redelivery {
    /**
     * The delivery is pending again.
     *
     * @param delivery the delivery as it is now
     */
    record Queued(WebhookDeliveryRow delivery) implements Redelivery {}

    /** No such delivery in the tenant. */
    record Missing() implements Redelivery {}

    /** Its subscription was deleted: there is nowhere to send it. */
    record SubscriptionDeleted() implements Redelivery {}
  }

  /**
   * Creates a subscription unless the tenant has {@code limit} live ones already.
   *
   * @param subscription the subscription
   * @param limit most live subscriptions per tenant
   * @return the subscription, or empty when the limit is reached
   */
  public Optional<WebhookSubscriptionRow> create(NewWebhookSubscription subscription, int limit) {
    return inTenant(
        subscription.tenantId(),
        "create webhook subscription",
        c -> {
          try (PreparedStatement lock =
              c.prepareStatement(SqlFile.load("lock_webhook_subscriptions"))) {
            lock.setString(1, subscription.tenantId());
            lock.execute();
          }
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("insert_webhook_subscription"))) {
            ps.setObject(1, subscription.id());
            ps.setString(2, subscription.tenantId());
            ps.setString(3, subscription.url());
            ps.setArray(4, c.createArrayOf("text", subscription.eventTypes().toArray()));
            setText(ps, 5, subscription.description());
            ps.setString(6, subscription.sealedSecret());
            ps.setString(7, subscription.createdBy());
            setInstant(ps, 8, subscription.createdAt());
            ps.setString(9, subscription.tenantId());
            ps.setInt(10, limit);
            return subscriptions(ps).stream().findFirst();
          }
        });
  }

  /**
   * A tenant's live subscriptions, oldest first.
   *
   * @param tenantId the tenant
   * @return the subscriptions
   */
  public List<WebhookSubscriptionRow> list(String tenantId) {
    return inTenant(
        tenantId,
        "list webhook subscriptions",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("list_webhook_subscriptions"))) {
            ps.setString(1, tenantId);
            return subscriptions(ps);
          }
        });
  }

  /**
   * One live subscription.
   *
   * @param tenantId the tenant
   * @param id the subscription
   * @return it, if it exists and is not deleted
   */
  public Optional<WebhookSubscriptionRow> find(String tenantId, UUID id) {
    return inTenant(
        tenantId,
        "get webhook subscription",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("get_webhook_subscription"))) {
            ps.setString(1, tenantId);
            ps.setObject(2, id);
            return subscriptions(ps).stream().findFirst();
          }
        });
  }

  /**
   * Marks a subscription deleted.
   *
   * @param tenantId the tenant
   * @param id the subscription
   * @param actor who deletes it
   * @param now when
   * @return false when there was no such live subscription
   */
  public boolean delete(String tenantId, UUID id, String actor, Instant now) {
    return inTenant(
        tenantId,
        "delete webhook subscription",
        c -> {
          try (PreparedStatement lock =
              c.prepareStatement(SqlFile.load("lock_webhook_subscriptions"))) {
            lock.setString(1, tenantId);
            lock.execute();
          }
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("delete_webhook_subscription"))) {
            ps.setString(1, actor);
            setInstant(ps, 2, now);
            ps.setString(3, tenantId);
            ps.setObject(4, id);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * A tenant's deliveries in one state, newest first.
   *
   * @param tenantId the tenant
   * @param state PENDING, DELIVERED or DEAD
   * @param subscriptionId only this subscription's, or null for all
   * @param beforeCreatedAt keyset position: only deliveries before (this, beforeId)
   * @param beforeId keyset position
   * @param limit most rows
   * @return the deliveries
   */
  public List<WebhookDeliveryRow> deliveries(
      String tenantId,
      String state,
      UUID subscriptionId,
      Instant beforeCreatedAt,
      UUID beforeId,
      int limit) {
    return inTenant(
        tenantId,
        "list webhook deliveries",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("list_webhook_deliveries"))) {
            ps.setString(1, tenantId);
            ps.setString(2, state);
            ps.setObject(3, subscriptionId, Types.OTHER);
            ps.setObject(4, subscriptionId, Types.OTHER);
            setInstant(ps, 5, beforeCreatedAt);
            ps.setObject(6, beforeId);
            ps.setInt(7, limit);
            List<WebhookDeliveryRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(delivery(rs));
              }
            }
            return rows;
          }
        });
  }

  /**
   * One delivery.
   *
   * @param tenantId the tenant
   * @param id the delivery
   * @return it, if it exists in the tenant
   */
  public Optional<WebhookDeliveryRow> delivery(String tenantId, UUID id) {
    return inTenant(tenantId, "get webhook delivery", c -> find(c, tenantId, id))
        .map(FoundDelivery::row);
  }

  /**
   * Sends a delivery again: back to PENDING, due now, attempts from zero.
   *
   * @param tenantId the tenant
   * @param id the delivery
   * @param actor who asks
   * @param now when
   * @return what happened
   */
  public Redelivery redeliver(String tenantId, UUID id, String actor, Instant now) {
    return inTenant(
        tenantId,
        "redeliver webhook delivery",
        c -> {
          Optional<FoundDelivery> found = find(c, tenantId, id);
          if (found.isEmpty()) {
            return new Redelivery.Missing();
          }
          if (found.get().subscriptionDeleted()) {
            return new Redelivery.SubscriptionDeleted();
          }
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("redeliver_webhook_delivery"))) {
            setInstant(ps, 1, now);
            ps.setString(2, actor);
            setInstant(ps, 3, now);
            ps.setString(4, tenantId);
            ps.setObject(5, id);
            ps.executeUpdate();
          }
          return new Redelivery.Queued(find(c, tenantId, id).orElseThrow().row());
        });
  }

  private record FoundDelivery(WebhookDeliveryRow row, boolean subscriptionDeleted) {}

  private static Optional<FoundDelivery> find(Connection c, String tenantId, UUID id)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("get_webhook_delivery"))) {
      ps.setString(1, tenantId);
      ps.setObject(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new FoundDelivery(delivery(rs), rs.getBoolean(19)))
            : Optional.empty();
      }
    }
  }

  private <T> T inTenant(String tenantId, String what, Jdbc.TxWork<T> work) {
    return Jdbc.inTransaction(
        dataSource,
        what,
        c -> {
          TenantScope.enter(c, tenantId);
          return work.run(c);
        });
  }

  private static List<WebhookSubscriptionRow> subscriptions(PreparedStatement ps)
      throws SQLException {
    List<WebhookSubscriptionRow> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new WebhookSubscriptionRow(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                texts(rs.getArray(4)),
                rs.getString(5),
                rs.getString(6),
                toInstant(rs.getTimestamp(7))));
      }
    }
    return rows;
  }

  private static List<String> texts(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  private static WebhookDeliveryRow delivery(ResultSet rs) throws SQLException {
    return new WebhookDeliveryRow(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getObject(3, UUID.class),
        rs.getString(4),
        rs.getObject(5, UUID.class),
        rs.getInt(6),
        rs.getString(7),
        rs.getString(8),
        rs.getInt(9),
        toInstant(rs.getTimestamp(10)),
        toInstant(rs.getTimestamp(11)),
        (Integer) rs.getObject(12),
        rs.getString(13),
        toInstant(rs.getTimestamp(14)),
        toInstant(rs.getTimestamp(15)),
        toInstant(rs.getTimestamp(16)),
        rs.getString(17),
        toInstant(rs.getTimestamp(18)));
  }
}
