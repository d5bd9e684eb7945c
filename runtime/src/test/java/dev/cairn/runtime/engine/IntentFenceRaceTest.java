package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.persistence.store.ClaimStore;
import dev.cairn.persistence.store.ClaimedRunRow;
import dev.cairn.persistence.store.IntentResult;
import dev.cairn.persistence.store.StepStore;
import dev.cairn.persistence.store.ToolIntentRow;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.PausingDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A replica that lost its lease while frozen must not leave behind an intent the new owner never
 * saw: either the new owner's recovery loads the intent, or the late intent is refused. Two real
 * connections against Postgres, ordered by pausing each replica's commit.
 */
@QuarkusTest
class IntentFenceRaceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Inject DataSource dataSource;

  @Test
  void aLateIntentIsSeenByTheNewOwnerOrRefused() throws Exception {
    Db db = new Db(dataSource);
    String tenant = LeasedRuns.tenant(db);
    UUID run = LeasedRuns.leasedRun(db, tenant, "replica-a", 1);
    // Runs left by earlier tests would compete with this one for the claim.
    LeasedRuns.retireOthers(db, run);
    PausingDataSource a = new PausingDataSource(dataSource);
    PausingDataSource b = new PausingDataSource(dataSource);
    StepStore replicaA = new StepStore(a.dataSource(), false);
    ClaimStore replicaB = new ClaimStore(b.dataSource());
    // The run's lease is still valid on the wall clock, so this replica's engine leaves it alone;
    // replica B claims it as of an hour later, when it has expired.
    Instant later = Instant.now().plus(Duration.ofHours(1));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      // B's claim has locked and updated the run (new epoch) but not committed yet.
      Future<List<ClaimedRunRow>> claim =
          threads.submit(
              () -> replicaB.claim("replica-b", later, later.plusSeconds(3600), 1, List.of(), 0));
      b.awaitCommit();
      // Frozen replica A records its intent under its old epoch: its statement starts while the
      // old epoch is still the committed one.
      Future<IntentResult> intent =
          threads.submit(
              () ->
                  replicaA.recordIntent(
                      run, tenant, 3, "replica-a", 1, LeasedRuns.nonIdempotentCall(run, 3)));
      await()
          .atMost(TIMEOUT)
          .until(() -> a.atCommit() || LeasedRuns.waitsForLock(db, a.backendPid()));
      // B's claim commits, then B recovers the run: it loads the open intents while A's
      // transaction is still open.
      b.proceed();
      assertThat(claim.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .extracting(ClaimedRunRow::id)
          .containsExactly(run);
      a.awaitCommit();
      List<ToolIntentRow> seenByB =
          new ClaimStore(dataSource).loadOpenIntents(List.of(run)).getOrDefault(run, List.of());
      // Only now does A's transaction commit.
      a.proceed();
      IntentResult answerToA = intent.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      long openIntents =
          db.count(
              "SELECT count(*) FROM tool_invocation WHERE run_id = ? AND status = 'INTENT'", run);
      assertThat(seenByB.size() == openIntents)
          .as(
              "open intents in the database: %d, seen by the new owner: %d, answer to A: %s",
              openIntents, seenByB.size(), answerToA)
          .isTrue();
      assertThat(openIntents).as("A's late intent is refused").isZero();
      assertThat(answerToA).isEqualTo(IntentResult.LEASE_LOST);
    } finally {
      a.proceed();
      b.proceed();
      threads.shutdownNow();
      LeasedRuns.retireOthers(db, null);
    }
  }
}
