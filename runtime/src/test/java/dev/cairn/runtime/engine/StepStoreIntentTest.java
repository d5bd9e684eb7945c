package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.persistence.store.IntentResult;
import dev.cairn.persistence.store.StepStore;
import dev.cairn.runtime.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tool intents in the real database: fenced, and a started non-idempotent call never restarts. */
@QuarkusTest
class StepStoreIntentTest {
  @Inject DataSource dataSource;
  @Inject StepStore store;

  private Db db;
  private String tenant;
  private UUID run;

  @BeforeEach
  void aRunLeasedToReplicaA() {
    db = new Db(dataSource);
    tenant = LeasedRuns.tenant(db);
    run = LeasedRuns.leasedRun(db, tenant, "replica-a", 1);
  }

  @AfterEach
  void retire() {
    LeasedRuns.retireOthers(db, null);
  }

  @Test
  void shouldRecordAnIntentWhileTheLeaseHolds() {
    assertThat(record("replica-a", 1, "NON_IDEMPOTENT")).isEqualTo(IntentResult.RECORDED);

    assertThat(attempts()).isEqualTo(1);
  }

  @Test
  void shouldWriteNothingWithoutTheLease() {
    assertThat(record("replica-a", 0, "IDEMPOTENT")).isEqualTo(IntentResult.LEASE_LOST);
    assertThat(record("replica-b", 1, "IDEMPOTENT")).isEqualTo(IntentResult.LEASE_LOST);

    assertThat(db.count("SELECT count(*) FROM tool_invocation WHERE run_id = ?", run)).isZero();
  }

  @Test
  void shouldNotStartANonIdempotentCallTwice() {
    record("replica-a", 1, "NON_IDEMPOTENT");
    takeOver();

    assertThat(record("replica-b", 2, "NON_IDEMPOTENT")).isEqualTo(IntentResult.ALREADY_STARTED);
    assertThat(attempts()).isEqualTo(1);
    assertThat(db.count("SELECT lease_epoch FROM tool_invocation WHERE run_id = ?", run))
        .isEqualTo(1);
  }

  @Test
  void shouldCountOneMoreAttemptOfAnIdempotentCall() {
    record("replica-a", 1, "IDEMPOTENT");
    takeOver();

    assertThat(record("replica-b", 2, "IDEMPOTENT")).isEqualTo(IntentResult.RECORDED);
    assertThat(attempts()).isEqualTo(2);
    assertThat(db.count("SELECT lease_epoch FROM tool_invocation WHERE run_id = ?", run))
        .isEqualTo(2);
  }

  private void takeOver() {
    db.execute("UPDATE agent_run SET lease_owner = 'replica-b', lease_epoch = 2 WHERE id = ?", run);
  }

  private IntentResult record(String owner, long epoch, String sideEffect) {
    return store.recordIntent(run, tenant, 3, owner, epoch, LeasedRuns.call(run, 3, sideEffect));
  }

  private long attempts() {
    return db.count("SELECT attempts FROM tool_invocation WHERE run_id = ? AND seq = 3", run);
  }
}
