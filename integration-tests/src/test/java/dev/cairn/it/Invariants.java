package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run invariants I-1 to I-6, checked after a scenario on the database and on the ledger, in
 * both directions (nothing lost and nothing duplicated).
 *
 * <p>Every query returns the offending rows, so a failure message shows the evidence. Every message
 * starts with the scenario's context (its seed), so a failing schedule can be replayed.
 */
public final class Invariants {

  /** Run states after which a run never changes again, as recorded in checkpoints. */
  static final String TERMINAL =
      "('COMPLETED', 'FAILED', 'CANCELLED', 'BUDGET_EXCEEDED', 'QUARANTINED')";

  private final TestDatabase database;
  private final String context;

  /**
   * @param database the scenario's database
   * @param context prefixed to every assertion message, e.g. {@code "seed=42"}
   */
  public Invariants(TestDatabase database, String context) {
    this.database = database;
    this.context = context;
  }

  /** I-1 to I-5 for a scenario in which every acknowledged run must complete. */
  public void assertAll(Collection<String> acknowledgedRunIds, LedgerServer ledger) {
    assertNoRunLost(acknowledgedRunIds);
    assertCheckpointsContiguous();
    assertEffectsExactlyOnce(ledger);
    assertRecordedExactlyOnce();
    assertNoDoubleOwnership();
  }

  /** I-1: the runs in the database are exactly the acknowledged ones, and all are COMPLETED. */
  public void assertNoRunLost(Collection<String> acknowledgedRunIds) {
    Set<String> stored = new TreeSet<>(column("SELECT id::text FROM agent_run"));
    assertThat(stored)
        .as("%s I-1: runs in agent_run are exactly the acknowledged runs", context)
        .isEqualTo(new TreeSet<>(acknowledgedRunIds));
    assertThat(
            rows("SELECT id, status, step_count, error FROM agent_run WHERE status <> 'COMPLETED'"))
        .as("%s I-1: runs not COMPLETED", context)
        .isEmpty();
  }

  /** I-2: each run's checkpoint seqs are exactly 1..step_count. */
  public void assertCheckpointsContiguous() {
    assertThat(
            rows(
                """
                SELECT r.id, r.step_count, count(c.seq) AS checkpoints,
                       min(c.seq) AS first_seq, max(c.seq) AS last_seq
                FROM agent_run r LEFT JOIN checkpoint c ON c.run_id = r.id
                GROUP BY r.id, r.step_count
                HAVING count(c.seq) <> r.step_count
                    OR count(DISTINCT c.seq) <> count(c.seq)
                    OR (r.step_count > 0 AND (min(c.seq) <> 1 OR max(c.seq) <> r.step_count))
                """))
        .as("%s I-2: runs whose checkpoint seqs are not 1..step_count", context)
        .isEmpty();
  }

  /**
   * I-3: no key applied twice; the applied keys are exactly the webhook invocations recorded as
   * DONE (no effect without a record, no record without an effect); no completed run keeps an open
   * intent.
   */
  public void assertEffectsExactlyOnce(LedgerServer ledger) {
    List<String> duplicated = new ArrayList<>();
    for (String key : new TreeSet<>(ledger.allKeys())) {
      if (ledger.appliedCount(key) > 1) {
        duplicated.add(key + " applied " + ledger.appliedCount(key) + " times");
      }
    }
    assertThat(duplicated).as("%s I-3: keys whose effect was applied twice", context).isEmpty();
    assertThat(ledger.rejectedCount())
        .as("%s I-3: webhook calls without an idempotency key", context)
        .isZero();
    Set<String> recorded =
        new TreeSet<>(
            column(
                "SELECT idempotency_key FROM tool_invocation"
                    + " WHERE tool_name = 'webhook' AND status = 'DONE'"));
    assertThat(new TreeSet<>(ledger.appliedKeys()))
        .as("%s I-3: keys applied by the ledger vs webhook invocations recorded DONE", context)
        .isEqualTo(recorded);
    assertThat(
            rows(
                """
                SELECT t.run_id, t.seq, t.tool_name, t.idempotency_key, t.status, t.attempts
                FROM tool_invocation t JOIN agent_run r ON r.id = t.run_id
                WHERE r.status = 'COMPLETED' AND t.status <> 'DONE'
                """))
        .as("%s I-3: completed runs with a tool intent never resolved", context)
        .isEmpty();
  }

  /**
   * I-4: one checkpoint per (run, seq); a run in a terminal state has exactly one terminal
   * checkpoint, its last, whose state is the run's; other runs have none.
   */
  public void assertRecordedExactlyOnce() {
    assertThat(
            rows(
                "SELECT run_id, seq, count(*) AS copies FROM checkpoint"
                    + " GROUP BY run_id, seq HAVING count(*) > 1"))
        .as("%s I-4: (run, seq) recorded more than once", context)
        .isEmpty();
    assertThat(
            rows(
                """
                SELECT r.id, r.status,
                       count(c.seq) FILTER (WHERE c.status_after IN %1$s) AS terminal_checkpoints,
                       max(c.seq) FILTER (WHERE c.status_after IN %1$s) AS terminal_seq,
                       max(c.seq) AS last_seq
                FROM agent_run r LEFT JOIN checkpoint c ON c.run_id = r.id
                GROUP BY r.id, r.status
                HAVING count(c.seq) FILTER (WHERE c.status_after IN %1$s)
                         <> CASE WHEN r.status IN %1$s THEN 1 ELSE 0 END
                    OR (r.status IN %1$s
                        AND max(c.seq) FILTER (WHERE c.status_after IN %1$s) <> max(c.seq))
                """
                    .formatted(TERMINAL)))
        .as("%s I-4: runs without exactly one terminal checkpoint at their last seq", context)
        .isEmpty();
    assertThat(
            rows(
                """
                SELECT r.id, r.status, c.seq, c.status_after
                FROM agent_run r JOIN checkpoint c ON c.run_id = r.id AND c.seq = r.step_count
                WHERE r.status IN %s AND c.status_after <> r.status
                """
                    .formatted(TERMINAL)))
        .as("%s I-4: terminal runs whose last checkpoint records another outcome", context)
        .isEmpty();
  }

  /**
   * I-5: along each run's seqs the lease epoch never goes back (a zombie's late write would carry
   * an older epoch after a newer one), no checkpoint carries an epoch the run never reached, and
   * within one epoch only one owner wrote.
   */
  public void assertNoDoubleOwnership() {
    assertThat(
            rows(
                """
                SELECT run_id, seq, lease_owner, lease_epoch, previous_epoch FROM (
                  SELECT run_id, seq, lease_owner, lease_epoch,
                         lag(lease_epoch) OVER (PARTITION BY run_id ORDER BY seq) AS previous_epoch
                  FROM checkpoint) c
                WHERE lease_epoch < previous_epoch
                """))
        .as("%s I-5: checkpoints whose lease epoch is older than their predecessor's", context)
        .isEmpty();
    assertThat(
            rows(
                """
                SELECT c.run_id, c.seq, c.lease_epoch, r.lease_epoch AS run_epoch
                FROM checkpoint c JOIN agent_run r ON r.id = c.run_id
                WHERE c.lease_epoch > r.lease_epoch
                """))
        .as("%s I-5: checkpoints with an epoch the run never had", context)
        .isEmpty();
    assertThat(
            rows(
                "SELECT run_id, lease_epoch, string_agg(DISTINCT lease_owner, ',') AS owners"
                    + " FROM checkpoint GROUP BY run_id, lease_epoch"
                    + " HAVING count(DISTINCT lease_owner) > 1"))
        .as("%s I-5: epochs in which more than one node wrote checkpoints", context)
        .isEmpty();
  }

  /**
   * I-6: every tenant's audit chain verifies link by link (recomputed with the database's own
   * {@code audit_hash}: contiguous seqs from 1, each record linked to its predecessor's hash, each
   * hash matching its content), and each run's status changes appear in it one for one: the
   * statuses its checkpoints record, in order and without repeats, are exactly the {@code to} of
   * its {@code run.status} records.
   */
  public void assertAuditChain() {
    assertThat(
            rows(
                """
                SELECT tenant_id, seq, action FROM (
                  SELECT e.*, lag(e.hash) OVER w AS before, lag(e.seq) OVER w AS seq_before
                  FROM audit_event e WINDOW w AS (PARTITION BY tenant_id ORDER BY seq)) x
                WHERE prev_hash <> COALESCE(before, repeat('0', 64))
                   OR seq <> COALESCE(seq_before, 0) + 1
                   OR hash <> audit_hash(prev_hash, seq, tenant_id, at, actor, action,
                                         target_type, target_id, details)
                """))
        .as("%s I-6: audit records that break their chain", context)
        .isEmpty();
    assertThat(
            rows(
                """
                WITH cp AS (
                  SELECT run_id, seq, status_after,
                         lag(status_after) OVER (PARTITION BY run_id ORDER BY seq) AS before
                  FROM checkpoint),
                from_checkpoints AS (
                  SELECT run_id::text AS run, string_agg(status_after, ',' ORDER BY seq) AS path
                  FROM cp WHERE status_after <> COALESCE(before, 'QUEUED') GROUP BY run_id),
                from_audit AS (
                  SELECT target_id AS run, string_agg(details->>'to', ',' ORDER BY seq) AS path
                  FROM audit_event WHERE action = 'run.status' GROUP BY target_id)
                SELECT r.id, c.path AS checkpoints, a.path AS audit
                FROM agent_run r
                LEFT JOIN from_checkpoints c ON c.run = r.id::text
                LEFT JOIN from_audit a ON a.run = r.id::text
                WHERE c.path IS DISTINCT FROM a.path
                """))
        .as("%s I-6: runs whose status changes and audit records differ", context)
        .isEmpty();
  }

  private List<String> column(String sql) {
    return Sql.column(database, sql);
  }

  private List<String> rows(String sql) {
    return Sql.rows(database, sql);
  }
}
