package dev.cairn.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.persistence.store.RunCounts;
import dev.cairn.runtime.engine.RunStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The {@code cairn.runs} gauge counts once for all replicas (the holder of an advisory lock) and
 * every replica exposes the shared figures. Runs are written here in statuses the engine never
 * changes on its own (held for an operator, or closed), so other runs the engine advances meanwhile
 * do not move the figures this test checks.
 */
@QuarkusTest
class RunStateGaugesTest {
  private static final String TENANT = "gauges";
  private static final Duration ALWAYS = Duration.ZERO;
  private static final Duration NEVER = Duration.ofDays(3650);

  @Inject RunStateGauges gauges;
  @Inject RunCounts store;
  @Inject DataSource dataSource;
  @Inject Clock clock;

  @Test
  void shouldCountRunsRightAfterTheyChangeStatus() throws SQLException {
    Map<RunStatus, Long> before = countedNow(gauges);
    String agent = freshAgent();
    insertRuns(agent, "PAUSED", 3);
    insertRuns(agent, "NEEDS_RECONCILIATION", 2);
    insertRuns(agent, "QUARANTINED", 1);
    insertRuns(agent, "BUDGET_EXCEEDED", 4);

    Map<RunStatus, Long> after = countedNow(gauges);
    assertThat(after.get(RunStatus.PAUSED) - before.get(RunStatus.PAUSED)).isEqualTo(3);
    assertThat(
            after.get(RunStatus.NEEDS_RECONCILIATION) - before.get(RunStatus.NEEDS_RECONCILIATION))
        .isEqualTo(2);
    assertThat(after.get(RunStatus.QUARANTINED) - before.get(RunStatus.QUARANTINED)).isEqualTo(1);
    assertThat(after.get(RunStatus.BUDGET_EXCEEDED) - before.get(RunStatus.BUDGET_EXCEEDED))
        .isEqualTo(4);

    execute(
        "UPDATE agent_run SET status = 'CANCELLED', finished_at = now()"
            + " WHERE agent_name = '"
            + agent
            + "' AND status = 'PAUSED'");
    Map<RunStatus, Long> moved = countedNow(gauges);
    assertThat(moved.get(RunStatus.PAUSED) - after.get(RunStatus.PAUSED)).isEqualTo(-3);
    assertThat(moved.get(RunStatus.CANCELLED) - after.get(RunStatus.CANCELLED)).isEqualTo(3);
  }

  @Test
  void shouldExposeTheSharedFiguresOnAReplicaThatDoesNotHoldTheLock() throws SQLException {
    Map<RunStatus, Long> counted = countedNow(gauges);
    String agent = freshAgent();
    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        // Another replica is counting: it holds the lock until its transaction ends.
        s.execute("SELECT pg_advisory_xact_lock(hashtextextended('cairn.run_status_count', 0))");
      }
      insertRuns(agent, "PAUSED", 2);

      assertThat(store.recountIfDue(clock.instant(), ALWAYS, 20_000)).isFalse();
      RunStateGauges replica = anotherReplica();
      replica.refresh(ALWAYS);
      gauges.refresh(ALWAYS);
      for (RunStatus status : RunStatus.values()) {
        assertThat(replica.exposed(status))
            .as("%s on the other replica", status)
            .isEqualTo(counted.get(status));
        assertThat(gauges.exposed(status))
            .as("%s on this replica", status)
            .isEqualTo(counted.get(status));
      }
      other.rollback();
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> store.recountIfDue(clock.instant(), ALWAYS, 20_000));
    RunStateGauges replica = anotherReplica();
    replica.refresh(NEVER);
    assertThat(replica.exposed(RunStatus.PAUSED) - counted.get(RunStatus.PAUSED)).isEqualTo(2);
  }

  @Test
  void shouldNotCountAgainWhileTheLastCountIsFresh() {
    countedNow(gauges);
    Instant countedAt = store.read().get("PAUSED").countedAt();
    assertThat(store.recountIfDue(countedAt.plusSeconds(5), Duration.ofSeconds(10), 20_000))
        .isFalse();
    assertThat(store.recountIfDue(countedAt.plusSeconds(11), Duration.ofSeconds(10), 20_000))
        .isTrue();
  }

  @Test
  void shouldEstimateClosedRunsFromTheStatisticsOfALargeTable() throws SQLException {
    String agent = freshAgent();
    insertRuns(agent, "BUDGET_EXCEEDED", 50);
    execute("ANALYZE agent_run");
    long exact = count("BUDGET_EXCEEDED");
    // A table "larger" than 0 rows: closed runs come from pg_stats, open ones are still counted.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> store.recountIfDue(clock.instant(), ALWAYS, 0));
    RunCounts.StatusCount estimated = store.read().get("BUDGET_EXCEEDED");
    RunCounts.StatusCount paused = store.read().get("PAUSED");
    assertThat(estimated.estimated()).isTrue();
    assertThat(paused.estimated()).isFalse();
    assertThat(paused.runs()).isEqualTo(count("PAUSED"));
    // ANALYZE read the whole (small) table, so the frequency is exact; the row estimate scales it.
    assertThat((double) estimated.runs())
        .isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(10));
  }

  /** Counts now (waiting for the lock if the scheduled refresh holds it) and reads the gauges. */
  private Map<RunStatus, Long> countedNow(RunStateGauges replica) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> store.recountIfDue(clock.instant(), ALWAYS, 20_000));
    replica.refresh(NEVER);
    Map<RunStatus, Long> values = new EnumMap<>(RunStatus.class);
    for (RunStatus status : RunStatus.values()) {
      values.put(status, replica.exposed(status));
    }
    return values;
  }

  private RunStateGauges anotherReplica() {
    return new RunStateGauges(
        store, new SimpleMeterRegistry(), clock, Duration.ofSeconds(15), 20_000);
  }

  private String freshAgent() throws SQLException {
    String agent = "gauges-" + UUID.randomUUID().toString().substring(0, 8);
    execute(
        "INSERT INTO tenant (id, display_name, created_at, created_by) VALUES ('"
            + TENANT
            + "', 'gauges', now(), 'test') ON CONFLICT (id) DO NOTHING");
    execute(
        "INSERT INTO agent_definition (tenant_id, name, version, spec, spec_hash, created_at,"
            + " published_by) VALUES ('"
            + TENANT
            + "', '"
            + agent
            + "', 1, '{}'::jsonb, 'h', now(), 'test')");
    return agent;
  }

  private void insertRuns(String agent, String status, int n) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input,"
                    + " wake_at, created_at, updated_at, submitted_by)"
                    + " SELECT gen_random_uuid(), ?, ?, 1, ?, '\"gauges\"',"
                    + " now() + interval '30 days', now(), now(), 'test'"
                    + " FROM generate_series(1, ?)")) {
      ps.setString(1, TENANT);
      ps.setString(2, agent);
      ps.setString(3, status);
      ps.setInt(4, n);
      ps.executeUpdate();
    }
  }

  private long count(String status) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM agent_run WHERE status = ?")) {
      ps.setString(1, status);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
