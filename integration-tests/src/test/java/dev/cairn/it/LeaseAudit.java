package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * An exact detector for I-5 ("every checkpoint's lease epoch is the epoch that held the lease"),
 * installed as triggers in a scenario's test database after the runtime created the schema.
 *
 * <p>A step commit updates the run row and inserts the checkpoint in one transaction. A trigger on
 * {@code agent_run} remembers, for the rest of that transaction, the lease the row carried just
 * before the update (owner and epoch); a trigger on {@code checkpoint} writes that lease next to
 * the checkpoint's own {@code (lease_owner, lease_epoch)} into {@code it_lease_audit}. A checkpoint
 * whose lease differs from the one the run held when it was committed is a write by a replica that
 * no longer owned the run: the fence should have dropped it. Unlike the checks on the checkpoint
 * table alone, this also sees a stale write that lands at the seq where the new owner would have
 * written next. Every change of a run's lease epoch is kept in {@code it_lease_history}, so a
 * failure can print the ownership timeline.
 *
 * <p>Audit rows are written inside the step's transaction, so a rolled-back step leaves none.
 */
final class LeaseAudit {

  private static final String INSTALL =
      """
      CREATE TABLE it_lease_history (
          run_id      uuid        NOT NULL,
          lease_owner text,
          lease_epoch bigint      NOT NULL,
          changed_at  timestamptz NOT NULL DEFAULT clock_timestamp());
      CREATE TABLE it_lease_audit (
          run_id           uuid        NOT NULL,
          seq              integer     NOT NULL,
          checkpoint_owner text        NOT NULL,
          checkpoint_epoch bigint      NOT NULL,
          held_owner       text,
          held_epoch       bigint,
          written_at       timestamptz NOT NULL DEFAULT clock_timestamp());

      CREATE FUNCTION it_remember_lease() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- One setting per run: a grouped commit updates several runs before inserting their
        -- checkpoints.
        PERFORM set_config('cairn_it.held_' || replace(OLD.id::text, '-', ''),
            OLD.id::text || '|' || OLD.lease_epoch || '|' || coalesce(OLD.lease_owner, ''), true);
        IF NEW.lease_epoch IS DISTINCT FROM OLD.lease_epoch THEN
          INSERT INTO it_lease_history (run_id, lease_owner, lease_epoch)
          VALUES (NEW.id, NEW.lease_owner, NEW.lease_epoch);
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER it_remember_lease AFTER UPDATE ON agent_run
          FOR EACH ROW EXECUTE FUNCTION it_remember_lease();

      CREATE FUNCTION it_audit_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        held text[] := string_to_array(
            current_setting('cairn_it.held_' || replace(NEW.run_id::text, '-', ''), true), '|');
      BEGIN
        -- Falls back to the row as it is now when no run update preceded the insert.
        IF coalesce(array_length(held, 1), 0) < 3 OR held[1] <> NEW.run_id::text THEN
          SELECT ARRAY[id::text, lease_epoch::text, coalesce(lease_owner, '')] INTO held
            FROM agent_run WHERE id = NEW.run_id;
        END IF;
        INSERT INTO it_lease_audit (run_id, seq, checkpoint_owner, checkpoint_epoch,
                                    held_owner, held_epoch)
        VALUES (NEW.run_id, NEW.seq, NEW.lease_owner, NEW.lease_epoch,
                nullif(held[3], ''), held[2]::bigint);
        RETURN NULL;
      END $$;
      CREATE TRIGGER it_audit_checkpoint AFTER INSERT ON checkpoint
          FOR EACH ROW EXECUTE FUNCTION it_audit_checkpoint();
      """;

  private final TestDatabase database;

  private LeaseAudit(TestDatabase database) {
    this.database = database;
  }

  /**
   * Installs the triggers; call after the first node is ready (the schema exists) and before any
   * run is submitted, so that every checkpoint is audited.
   */
  static LeaseAudit install(TestDatabase database) {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(INSTALL);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot install the lease audit in " + database, e);
    }
    return new LeaseAudit(database);
  }

  /** Checkpoints committed under a lease other than the one the run held at that moment. */
  List<String> staleWrites() {
    return Sql.rows(
        database,
        """
        SELECT run_id, seq, checkpoint_owner, checkpoint_epoch, held_owner, held_epoch, written_at
        FROM it_lease_audit
        WHERE held_epoch IS DISTINCT FROM checkpoint_epoch
           OR held_owner IS DISTINCT FROM checkpoint_owner
        ORDER BY written_at
        """);
  }

  /** Checkpoints that reached the audit; one per committed checkpoint. */
  int auditedCheckpoints() {
    return Integer.parseInt(Sql.column(database, "SELECT count(*) FROM it_lease_audit").get(0));
  }

  /**
   * Runs whose lease this owner took more than once: after its own lease expired under it (e.g. a
   * missed heartbeat), a replica claims the run again under a new epoch and drops the step it was
   * still executing.
   */
  List<String> claimedMoreThanOnceBy(String owner) {
    return Sql.column(
        database,
        "SELECT run_id FROM it_lease_history WHERE lease_owner = ?"
            + " GROUP BY run_id HAVING count(*) > 1",
        owner);
  }

  /** The ownership timeline of one run: lease changes and checkpoints, in time order. */
  List<String> timeline(String runId) {
    return Sql.rows(
        database,
        """
        SELECT changed_at AS at, 'lease' AS event, lease_owner AS owner, lease_epoch AS epoch,
               NULL::integer AS seq, NULL::text AS held_owner, NULL::bigint AS held_epoch
        FROM it_lease_history WHERE run_id = ?::uuid
        UNION ALL
        SELECT written_at, 'checkpoint', checkpoint_owner, checkpoint_epoch, seq, held_owner,
               held_epoch
        FROM it_lease_audit WHERE run_id = ?::uuid
        ORDER BY 1
        """,
        runId,
        runId);
  }

  /**
   * I-5, exact form: every checkpoint was committed under the lease the run held; and every
   * checkpoint was audited (so the check did not pass by seeing nothing).
   */
  void assertNoStaleWrites(String context) {
    assertThat(staleWrites())
        .as("%s I-5: checkpoints committed under a lease the run no longer held", context)
        .isEmpty();
    int checkpoints =
        Integer.parseInt(Sql.column(database, "SELECT count(*) FROM checkpoint").get(0));
    assertThat(auditedCheckpoints())
        .as("%s: checkpoints seen by the lease audit (installed before the first run)", context)
        .isEqualTo(checkpoints);
  }
}
