package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Postgres restarted mid-run: the runtime runs on a Postgres the test owns ({@link
 * PostgresServer}); while model calls are in flight the server is stopped in immediate mode, kept
 * down for 3-6 s (longer than the lease TTL, so some commits give up and their steps are redone),
 * then started again on the same port.
 *
 * <p>Asserted: the runtime process stays up (one incarnation throughout), readiness answers 503
 * while the database is away and 200 again after, every run completes (none FAILED because of the
 * outage) and I-1 to I-5 hold. Restarts: 2, or {@code cairn.it.kills / 10} in the soak profile;
 * {@code -Dcairn.it.seed} replays the schedule (when to stop, how long to stay down).
 */
class PostgresRestartIT {

  private static final String TEST = "PostgresRestartIT";
  private static final int RUNS_PER_ROUND = 16;

  /** A key of the right shape whose lookup needs the database (it is in no cache). */
  private static final String UNCACHED_KEY =
      "cairn_outageprobe1_IntegrationTestAdminSecretNotForProduction0";

  /**
   * While the database is away the API answers 503 problem+json with Retry-After, for requests that
   * reach a resource and for a key that authentication cannot look up (not 401, not 500).
   */
  private static void assertApiAnswersDatabaseUnavailable(ScenarioRig.Node node) {
    CairnClient admin = node.client();
    CairnClient unknown = new CairnClient(node.process().baseUrl(), UNCACHED_KEY);
    String submit = "{\"agent\":\"" + CrashyAgent.NAME + "\",\"input\":\"during outage\"}";
    // The admin key may still be cached by authentication: wait until its requests reach the
    // database too (the first may also be caught by a pool acquisition that has not yet failed).
    await("GET /v1/runs answers 503 while the database is away")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> admin.exchange("GET", "/v1/runs", null).statusCode() == 503);
    assertDatabaseUnavailable(admin.exchange("GET", "/v1/runs", null));
    assertDatabaseUnavailable(admin.exchange("POST", "/v1/runs", submit));
    assertDatabaseUnavailable(unknown.exchange("GET", "/v1/runs", null));
  }

  private static void assertDatabaseUnavailable(HttpResponse<String> response) {
    String what = response.request().method() + " " + response.request().uri();
    assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type"))
        .as(what)
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("Retry-After")).as(what).contains("5");
    assertThat(response.body())
        .as(what)
        .contains("database-unavailable\"")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void shouldStayUpReportNotReadyAndCompleteEveryRunWhenPostgresRestartsMidRun() throws Exception {
    long seed = ScenarioRig.seed();
    int restarts = Math.max(2, Integer.getInteger("cairn.it.kills", 10) / 10);
    Random random = new Random(seed);
    try (PostgresServer server = PostgresServer.start(TEST);
        ScenarioRig rig =
            ScenarioRig.create(
                TEST, seed, TestDatabase.onServer(server.jdbcUrl(), server.user(), ""))) {
      ScenarioRig.Node node =
          rig.addNode(
              "node-1",
              CrashyAgent.responder(
                  step -> Duration.ofMillis(800 + Math.floorMod(step.hashCode(), 401))),
              Map.of("CAIRN_WORKER_MAX_IN_FLIGHT", "8"));
      try {
        node.startAndAwaitReady();
        LeaseAudit audit = LeaseAudit.install(rig.database());
        rig.publishAgent(node);
        for (int round = 1; round <= restarts; round++) {
          rig.submitRuns(node, RUNS_PER_ROUND);
          int progress = rig.checkpointCount() + 4 + random.nextInt(12);
          await("steps committed before the outage")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(50))
              .until(() -> rig.checkpointCount() >= progress && !node.model().inFlight().isEmpty());
          Duration outage = Duration.ofMillis(3000 + random.nextInt(3001));
          int inFlight = node.model().inFlight().size();

          server.stopImmediately();
          Instant down = Instant.now();
          await("readiness DOWN while the database is away")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> node.process().readinessStatus() == 503);
          Duration toDown = Duration.between(down, Instant.now());
          assertThat(node.process().isAlive()).as("runtime alive during the outage").isTrue();
          assertApiAnswersDatabaseUnavailable(node);
          Duration left = outage.minus(Duration.between(down, Instant.now()));
          if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
          }
          assertThat(node.process().isAlive()).as("runtime alive during the outage").isTrue();

          server.start();
          Instant up = Instant.now();
          await("readiness UP once the database is back")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> node.process().readinessStatus() == 200);
          Duration toUp = Duration.between(up, Instant.now());
          rig.note(
              ("restart %d: stopped (immediate) with %d model calls in flight, down for %s;"
                      + " readiness 503 after %s, 200 again %s after the restart")
                  .formatted(
                      round,
                      inFlight,
                      Incarnation.seconds(Duration.between(down, up)),
                      Incarnation.seconds(toDown),
                      Incarnation.seconds(toUp)));
        }
        rig.awaitAllSettled(Duration.ofMinutes(3));
        rig.note(
            "checkpoints by kind: "
                + Sql.rows(
                    rig.database(),
                    "SELECT kind, count(*) FROM checkpoint GROUP BY kind ORDER BY kind"));
        rig.note(
            "model calls: %d for %d runs (%d model steps)"
                .formatted(
                    rig.allModelCalls().size(),
                    rig.inputsByRunId().size(),
                    3 * rig.inputsByRunId().size()));
        rig.note(
            ("log lines: claim loop paused %d / resumed %d, failed heartbeats %d, LISTEN"
                    + " reconnect attempts %d, step results dropped for a lost lease %d")
                .formatted(
                    ScenarioRig.logLinesContaining(node, "claiming paused"),
                    ScenarioRig.logLinesContaining(node, "claiming resumes"),
                    ScenarioRig.logLinesContaining(node, "heartbeat failed"),
                    ScenarioRig.logLinesContaining(node, "LISTEN connection lost"),
                    ScenarioRig.logLinesContaining(node, "lease lost before commit")));
        rig.writeSummary();

        assertThat(node.process().isAlive())
            .as("%s: the runtime survived every restart", rig.context())
            .isTrue();
        assertThat(node.process().incarnations())
            .as("%s: one incarnation throughout", rig.context())
            .isEqualTo(1);
        assertThat(
                Sql.rows(
                    rig.database(), "SELECT id, error FROM agent_run WHERE status <> 'COMPLETED'"))
            .as("%s: runs not COMPLETED (e.g. FAILED by the outage)", rig.context())
            .isEmpty();
        rig.assertRunsCompletedCorrectly(audit, node);
      } catch (AssertionError | RuntimeException e) {
        rig.printLogs();
        throw e;
      }
    }
  }
}
