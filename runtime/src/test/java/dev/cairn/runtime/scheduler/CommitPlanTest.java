package dev.cairn.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.persistence.SqlFile;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The fenced step commit is a prepared statement, which PostgreSQL runs with a generic plan (costed
 * without the parameters' values). With about 2,000 runs leased by one replica, that plan must
 * still find the run's row by its key, never by walking every run the replica leases.
 *
 * <p>The plans are taken on a session-private copy of {@code agent_run} (a temporary table of the
 * same name, which the statements then resolve to) that carries the migrated table's own index
 * definitions: the other tests and the running engine never see the 2,000 rows, and the statistics
 * are exactly the ones this test takes. The negative control swaps in the lease owner index's
 * former shape, {@code (lease_owner)}, and shows the check then fails. The claim's due timers are
 * checked the same way: a range scan of the timer index, which an index on every open status (the
 * negative control) would replace by a walk of every waiting run.
 */
@QuarkusTest
class CommitPlanTest {
  private static final int LEASED_RUNS = 2_000;
  private static final String OWNER = "replica-a";

  /** The run id parameter of commit_step.sql (28) and of reserve_model_calls.sql's ids (2). */
  private static final Pattern COMMIT_KEY = Pattern.compile("(^|[^\\w.])id = \\$28\\b");

  private static final Pattern RESERVE_KEY = Pattern.compile("(^|[^\\w.])id = c\\.id\\b");

  private static final String FORMER_OWNER_INDEX =
      "CREATE INDEX agent_run_lease_owner_idx ON pg_temp.agent_run (lease_owner)"
          + " WHERE lease_owner IS NOT NULL";

  /**
   * The types pgjdbc sends for commit_step.sql's parameters, in order, as StepWriter binds them
   * (strings as varchar, instants as timestamptz, ints and longs, booleans, the run id as uuid,
   * arrays of int4 and text).
   */
  private static final String COMMIT_PARAMETER_TYPES =
      String.join(
          ", ",
          // run: 1-30
          "varchar, varchar, timestamptz, varchar, varchar, int4, int4, int4, int8, int8",
          "int4, int4, varchar, varchar, varchar, int8, int4, int8, int8, varchar",
          "timestamptz, bool, bool, timestamptz, timestamptz, timestamptz, int4, uuid, varchar, int8",
          // messages: 31-38
          "timestamptz, int4[], int4[], text[], text[], text[], text[], text[]",
          // tool result: 39-50
          "int4, varchar, varchar, varchar, varchar, varchar, varchar, bool, int8, timestamptz",
          "timestamptz, bool",
          // events: 51-54
          "int4, timestamptz, text[], text[]",
          // checkpoint: 55-70
          "int4, varchar, varchar, int8, varchar, varchar, int4, int4, varchar, varchar",
          "varchar, varchar, timestamptz, varchar, int8, varchar");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject DataSource dataSource;

  @Test
  void shouldFindTheRunByItsKeyWhenTwoThousandRunsWereLeasedAfterTheLastAnalyze()
      throws SQLException {
    List<String> scans = commitScans(Shape.MIGRATED, Statistics.TAKEN_BEFORE_THE_CLAIM);
    assertFindsTheRunByKey(scans);
  }

  @Test
  void shouldFindTheRunByItsKeyWhenTheStatisticsSeeTwoThousandLeasedRuns() throws SQLException {
    List<String> scans = commitScans(Shape.MIGRATED, Statistics.TAKEN_WHILE_LEASED);
    assertFindsTheRunByKey(scans);
  }

  @Test
  void shouldWalkTheOwnersRunsWithTheFormerIndexShape() throws SQLException {
    // Negative control: the plan the profile showed, and that the check above rejects.
    List<String> scans = commitScans(Shape.FORMER, Statistics.TAKEN_BEFORE_THE_CLAIM);
    assertThat(scans).singleElement().asString().contains("agent_run_lease_owner_idx");
    assertThatThrownBy(() -> assertFindsTheRunByKey(scans)).isInstanceOf(AssertionError.class);
  }

  @Test
  void shouldReserveModelCallsRunByRunWhenTheStatisticsSeeTwoThousandLeasedRuns()
      throws SQLException {
    String reserve = parameterized(SqlFile.load("reserve_model_calls"));
    List<String> scans =
        scansOfAgentRun(
            Shape.MIGRATED,
            Statistics.TAKEN_WHILE_LEASED,
            "timestamptz, uuid[], int8[], int4[], int8[], int8[], int4[], int8[], int8[], varchar",
            reserve,
            "now(), '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '" + OWNER + "'");
    assertThat(scans).hasSize(1);
    assertThat(indexCondition(scans.get(0)))
        .as("each reserved run is found by its id, not by walking the owner's runs: %s", scans)
        .containsPattern(RESERVE_KEY);
  }

  /** The index condition part of a scan line written by {@link #collectAgentRunScans}. */
  private static String indexCondition(String scan) {
    int from = scan.indexOf(" cond=");
    int to = scan.indexOf(" filter=");
    return from < 0 || to < from ? "" : scan.substring(from + " cond=".length(), to);
  }

  @Test
  void shouldRangeScanTheDueTimersWhenTheStatisticsSawNoWaitingRun() throws SQLException {
    // The claim's due timers are a range of the timer index (tenant, wake_at), which stops at the
    // first timer still in the future; no other partial index that holds waiting runs may take
    // its place when the statistics saw none (ADR 20).
    assertRangeScansTheDueTimers(claimScans(Shape.MIGRATED));
  }

  @Test
  void shouldWalkTheWaitingRunsWithAnIndexOnEveryOpenStatus() throws SQLException {
    // Negative control: the index a first design of the run counts added.
    List<String> scans = claimScans(Shape.WITH_OPEN_STATUS_INDEX);
    assertThat(scans).anyMatch(scan -> scan.contains("agent_run_open_status_idx"));
    assertThatThrownBy(() -> assertRangeScansTheDueTimers(scans))
        .isInstanceOf(AssertionError.class);
  }

  private List<String> claimScans(Shape shape) throws SQLException {
    String claim = parameterized(SqlFile.load("claim_runs"));
    StringBuilder values = new StringBuilder();
    for (int i = 1; i <= 15; i++) {
      values.append(i == 1 ? "" : ", ").append("NULL");
    }
    return scansOfAgentRun(
        shape,
        Statistics.TAKEN_BEFORE_THE_CLAIM,
        "bool, timestamptz, int4, int4, timestamptz, timestamptz, uuid[], timestamptz,"
            + " timestamptz, uuid[], timestamptz, uuid[], int4, varchar, timestamptz",
        claim,
        values.toString());
  }

  private static void assertRangeScansTheDueTimers(List<String> scans) {
    assertThat(scans)
        .as("the claim's scans of agent_run")
        .anySatisfy(
            scan ->
                assertThat(scan)
                    .startsWith("Index Scan agent_run_timer_idx")
                    .contains("wake_at <= $8"));
  }

  private static void assertFindsTheRunByKey(List<String> scans) {
    assertThat(scans).as("scans of agent_run in the fenced commit's generic plan").hasSize(1);
    String scan = scans.get(0);
    assertThat(scan).as("the run's row is read through an index").startsWith("Index Scan");
    assertThat(indexCondition(scan))
        .as("the run's row is found by its id (an index condition on parameter 28): %s", scan)
        .containsPattern(COMMIT_KEY);
  }

  private List<String> commitScans(Shape shape, Statistics statistics) throws SQLException {
    String commit = parameterized(SqlFile.load("commit_step"));
    StringBuilder values = new StringBuilder();
    for (int i = 1; i <= 70; i++) {
      values.append(i == 1 ? "" : ", ").append("NULL");
    }
    return scansOfAgentRun(shape, statistics, COMMIT_PARAMETER_TYPES, commit, values.toString());
  }

  /**
   * Loads the leased runs into a private copy of agent_run, takes statistics as told, prepares the
   * statement with the given parameter types and returns how its generic plan reads agent_run (one
   * line per scan node: node type, index, index condition, filter).
   */
  private List<String> scansOfAgentRun(
      Shape shape, Statistics statistics, String types, String sql, String values)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        copyRunTable(s, shape);
        s.execute(
            "INSERT INTO pg_temp.agent_run (id, tenant_id, agent_name, agent_version, status, input,"
                + " wake_at, lease_epoch, created_at, updated_at, submitted_by)"
                + " SELECT gen_random_uuid(), 'plan-tenant', 'plan-agent', 1, 'QUEUED',"
                + " to_jsonb('plan input ' || g), now(), 0, now(), now(), 'plan-test'"
                + " FROM generate_series(1, "
                + LEASED_RUNS
                + ") AS g");
        if (statistics == Statistics.TAKEN_BEFORE_THE_CLAIM) {
          s.execute("ANALYZE pg_temp.agent_run");
        }
        s.execute(
            "UPDATE pg_temp.agent_run SET status = 'RUNNING', lease_owner = '"
                + OWNER
                + "', lease_epoch = 1, lease_expires_at = now() + interval '1 minute'");
        if (statistics == Statistics.TAKEN_WHILE_LEASED) {
          s.execute("ANALYZE pg_temp.agent_run");
        }
        s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        s.execute("PREPARE plan_under_test (" + types + ") AS " + sql);
        try {
          JsonNode plan;
          try (ResultSet rs =
              s.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE plan_under_test (" + values + ")")) {
            rs.next();
            plan = JSON.readTree(rs.getString(1));
          }
          List<String> scans = new ArrayList<>();
          collectAgentRunScans(plan.get(0).get("Plan"), scans);
          return scans;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException("EXPLAIN answered no JSON", e);
        } finally {
          s.execute("DEALLOCATE plan_under_test");
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * A temporary agent_run with the migrated table's columns and indexes (same names, same
   * definitions), or with the lease owner index in its former shape.
   */
  private static void copyRunTable(Statement s, Shape shape) throws SQLException {
    s.execute(
        "CREATE TEMP TABLE agent_run (LIKE public.agent_run INCLUDING DEFAULTS INCLUDING"
            + " CONSTRAINTS) ON COMMIT DROP");
    List<String> indexes = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index"
                + " WHERE indrelid = 'public.agent_run'::regclass")) {
      while (rs.next()) {
        indexes.add(rs.getString(1));
      }
    }
    assertThat(indexes).anyMatch(d -> d.contains("agent_run_lease_owner_idx"));
    if (shape == Shape.WITH_OPEN_STATUS_INDEX) {
      s.execute(
          "CREATE INDEX agent_run_open_status_idx ON pg_temp.agent_run (status) WHERE status IN"
              + " ('QUEUED', 'RUNNING', 'WAITING', 'PAUSED', 'NEEDS_RECONCILIATION',"
              + " 'QUARANTINED')");
    }
    for (String definition : indexes) {
      boolean ownerIndex = definition.contains(" agent_run_lease_owner_idx ");
      if (ownerIndex && shape == Shape.FORMER) {
        s.execute(FORMER_OWNER_INDEX);
      } else {
        s.execute(definition.replace(" ON public.agent_run ", " ON pg_temp.agent_run "));
      }
    }
  }

  private static void collectAgentRunScans(JsonNode node, List<String> scans) {
    if ("agent_run".equals(node.path("Relation Name").asText())
        && !"ModifyTable".equals(node.path("Node Type").asText())) {
      scans.add(
          node.path("Node Type").asText()
              + " "
              + node.path("Index Name").asText("-")
              + " cond="
              + node.path("Index Cond").asText(node.path("Recheck Cond").asText("-"))
              + " filter="
              + node.path("Filter").asText("-"));
    }
    for (JsonNode child : node.path("Plans")) {
      collectAgentRunScans(child, scans);
    }
  }

  /** The statement with JDBC's {@code ?} placeholders numbered, comments dropped. */
  static String parameterized(String sql) {
    String code = sql.replaceAll("--[^\\n]*", "");
    StringBuilder out = new StringBuilder();
    Matcher m = Pattern.compile("\\?").matcher(code);
    int n = 0;
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement("$" + ++n));
    }
    m.appendTail(out);
    return out.toString();
  }

  private enum Shape {
    /** The migrated table's indexes. */
    MIGRATED,
    /** The lease owner index in its former shape, (lease_owner). */
    FORMER,
    /** The migrated indexes plus one on every open status. */
    WITH_OPEN_STATUS_INDEX
  }

  private enum Statistics {
    /** The last ANALYZE saw the runs queued, without a lease (the usual case under load). */
    TAKEN_BEFORE_THE_CLAIM,
    /** The last ANALYZE saw the 2,000 runs leased by one replica. */
    TAKEN_WHILE_LEASED
  }
}
