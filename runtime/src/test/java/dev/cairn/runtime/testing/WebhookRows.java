package dev.cairn.runtime.testing;

import java.util.UUID;
import javax.sql.DataSource;

/**
 * Webhook subscriptions and dead deliveries written straight to the database, for tests that need
 * ids to point operations at. Their URL is on 127.0.0.1:9 (nothing listens there), so a delivery
 * sent again fails fast and ends dead again.
 */
public final class WebhookRows {
  /** The URL of every subscription written here and of the API tests' fixtures. */
  public static final String URL = "http://127.0.0.1:9/fixture";

  private final Db db;

  /**
   * Wraps a datasource.
   *
   * @param dataSource the application's datasource
   */
  public WebhookRows(DataSource dataSource) {
    this.db = new Db(dataSource);
  }

  /**
   * Deletes (marks deleted) a tenant's fixture subscriptions, so tests that run again on the same
   * database stay under the per-tenant limit.
   *
   * @param tenant the tenant
   */
  public void retire(String tenant) {
    db.execute(
        "UPDATE webhook_subscription SET deleted_at = now(), deleted_by = 'test'"
            + " WHERE tenant_id = ? AND url LIKE 'http://127.0.0.1:9/%' AND deleted_at IS NULL",
        tenant);
  }

  /**
   * A live subscription to {@code run.reconciled} only (rare, so the engine's events elsewhere in
   * the test suite seldom become deliveries for it).
   *
   * @param tenant the tenant
   * @return its id
   */
  public String subscription(String tenant) {
    UUID id = UUID.randomUUID();
    db.execute(
        "INSERT INTO webhook_subscription (id, tenant_id, url, event_types, secret, created_by,"
            + " created_at) VALUES (?, ?, ?, '{run.reconciled}', 'plain:whsec_fixture', 'test',"
            + " now())",
        id,
        tenant,
        URL);
    return id.toString();
  }

  /**
   * A dead delivery of a subscription.
   *
   * @param tenant the tenant
   * @param subscription the subscription
   * @return its id
   */
  public String deadDelivery(String tenant, String subscription) {
    UUID id = UUID.randomUUID();
    db.execute(
        "INSERT INTO webhook_delivery (id, tenant_id, subscription_id, run_id, seq, event_type,"
            + " agent_name, event_time, event_data, state, attempts, next_attempt_at, last_status,"
            + " last_error, created_at, dead_at) VALUES (?, ?, ?::uuid, gen_random_uuid(), 1,"
            + " 'run.failed', 'probe', now(), '{}', 'DEAD', 3, now(), 500, 'HTTP 500', now(),"
            + " now())",
        id,
        tenant,
        subscription);
    return id.toString();
  }
}
