package dev.cairn.runtime.engine;

import dev.cairn.persistence.store.ToolCallRecord;
import dev.cairn.runtime.testing.Db;
import java.time.Instant;
import java.util.UUID;

/** Runs written straight to the database, leased to a replica that is not this JVM's engine. */
final class LeasedRuns {
  /** Orders these runs before any other in a claim. */
  private static final int FIRST = -2_000_000_000;

  private LeasedRuns() {}

  /**
   * Creates a tenant with one agent definition, {@code probe} version 1.
   *
   * @param db the database
   * @return the tenant id
   */
  static String tenant(Db db) {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    db.execute(
        "INSERT INTO tenant (id, display_name, created_at, created_by)"
            + " VALUES (?, ?, now(), 'test')",
        tenant,
        tenant);
    db.execute(
        "INSERT INTO agent_definition (tenant_id, name, version, spec, spec_hash, created_at,"
            + " published_by) VALUES (?, 'probe', 1, '{}'::jsonb, 'h', now(), 'test')",
        tenant);
    return tenant;
  }

  /**
   * A RUNNING run leased to {@code owner} for ten more minutes, first in any claim's order.
   *
   * @param db the database
   * @param tenant its tenant
   * @param owner the lease owner
   * @param epoch the lease epoch
   * @return the run id
   */
  static UUID leasedRun(Db db, String tenant, String owner, long epoch) {
    UUID run = UUID.randomUUID();
    db.execute(
        "INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input, priority,"
            + " wake_at, lease_owner, lease_epoch, lease_expires_at, step_count, created_at,"
            + " updated_at, submitted_by)"
            + " VALUES (?, ?, 'probe', 1, 'RUNNING', '\"hi\"', ?, '2000-01-01T00:00:00Z', ?, ?,"
            + " now() + interval '10 minutes', 2, now(), now(), 'test')",
        run,
        tenant,
        FIRST,
        owner,
        epoch);
    return run;
  }

  /**
   * Ends every run made here but {@code keep} (left over by an earlier test), so no claim takes
   * them.
   *
   * @param db the database
   * @param keep the run to leave as it is, or null
   */
  static void retireOthers(Db db, UUID keep) {
    db.execute(
        "UPDATE agent_run SET status = 'CANCELLED', lease_owner = NULL, lease_expires_at = NULL,"
            + " finished_at = now() WHERE priority = ? AND status = 'RUNNING'"
            + " AND id <> ?",
        FIRST,
        keep == null ? new UUID(0, 0) : keep);
  }

  /**
   * A non-idempotent call of step {@code seq}.
   *
   * @param run the run
   * @param seq the step
   * @return the call
   */
  static ToolCallRecord nonIdempotentCall(UUID run, int seq) {
    return call(run, seq, "NON_IDEMPOTENT");
  }

  /**
   * A call of step {@code seq}.
   *
   * @param run the run
   * @param seq the step
   * @param sideEffect the tool's side-effect class
   * @return the call
   */
  static ToolCallRecord call(UUID run, int seq, String sideEffect) {
    return new ToolCallRecord(
        "call-" + seq,
        "webhook",
        sideEffect,
        run + ":" + seq,
        "{\"event\":\"x\"}",
        null,
        false,
        Instant.now());
  }

  /**
   * Whether a backend waits for a lock.
   *
   * @param db the database
   * @param pid the backend
   * @return whether it waits
   */
  static boolean waitsForLock(Db db, int pid) {
    return db.count(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'", pid)
        > 0;
  }
}
