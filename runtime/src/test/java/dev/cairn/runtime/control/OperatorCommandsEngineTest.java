package dev.cairn.runtime.control;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine applies operator commands written as rows: at a step boundary, in order, once; a
 * cancel abandons an in-flight model call. Commands are written here the way the API writes them
 * (run row lock, per-run seq, NOTIFY), so these tests pin the engine's side.
 */
@QuarkusTest
class OperatorCommandsEngineTest {
  @Inject DataSource dataSource;
  private Db db;

  @BeforeEach
  void setUp() {
    db = new Db(dataSource);
  }

  private static String publish(String script, String budget) {
    String name = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},
             "tools":["calculator"],"budget":%s}"""
                .formatted(name, script, budget))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private static String submit(String agent) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"agent\":\"" + agent + "\",\"input\":\"go\"}")
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /** A calculator call per turn, each answer taking {@code delayMs}, then a final answer. */
  private static String turns(int n, int delayMs) {
    StringBuilder script = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      script.append(
          "{\"toolCalls\":[{\"name\":\"calculator\",\"arguments\":{\"expression\":\"%d+1\"}}],\"delayMs\":%d},"
              .formatted(i, delayMs));
    }
    return script.append("{\"text\":\"done\",\"delayMs\":").append(delayMs).append("}]").toString();
  }

  private UUID give(String runId, String kind, String payload) {
    UUID id = UUID.randomUUID();
    db.execute(
        "WITH bumped AS (UPDATE agent_run SET command_seq = command_seq + 1 WHERE id = ?::uuid"
            + " RETURNING id, tenant_id, command_seq)"
            + " INSERT INTO operator_command (id, tenant_id, run_id, seq, kind, payload, actor,"
            + " created_at) SELECT ?, tenant_id, id, command_seq, ?, ?::jsonb, 'ops-tester', now()"
            + " FROM bumped",
        runId,
        id,
        kind,
        payload);
    db.execute(
        "SELECT pg_notify('cairn_command', ?)", runId + ("CANCEL".equals(kind) ? ":CANCEL" : ""));
    return id;
  }

  private static JsonPath run(String id) {
    return given().get("/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static JsonPath awaitStatus(String id, String status, Duration within) {
    return await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> run(id), r -> status.equals(r.getString("status")));
  }

  private String commandState(UUID command) {
    return db.count(
                "SELECT count(*) FROM operator_command WHERE id = ? AND state = 'APPLIED'", command)
            == 1
        ? "APPLIED"
        : db.count(
                    "SELECT count(*) FROM operator_command WHERE id = ? AND state = 'REJECTED'",
                    command)
                == 1
            ? "REJECTED"
            : "PENDING";
  }

  @Test
  void pausedRunMakesNoModelCallUntilResumed() {
    String id = submit(publish(turns(6, 150), "{\"maxSteps\":50}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> run(id).getInt("stepCount") >= 2);

    UUID pause = give(id, "PAUSE", "{}");
    awaitStatus(id, "PAUSED", Duration.ofSeconds(10));
    int calls = run(id).getInt("modelCalls");
    // Paused: no worker holds it and no model call happens.
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(
            () -> run(id),
            r -> "PAUSED".equals(r.getString("status")) && r.getInt("modelCalls") == calls);
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE id = ?::uuid AND lease_owner IS NULL", id))
        .isEqualTo(1);
    assertThat(commandState(pause)).isEqualTo("APPLIED");

    UUID resume = give(id, "RESUME", "{}");
    JsonPath done = awaitStatus(id, "COMPLETED", Duration.ofSeconds(20));
    assertThat(commandState(resume)).isEqualTo("APPLIED");
    assertThat(done.getInt("modelCalls")).isEqualTo(7);
    assertThat(
            db.count(
                "SELECT count(*) FROM checkpoint WHERE run_id = ?::uuid AND kind = 'COMMANDS'", id))
        .isEqualTo(2);
  }

  @Test
  void steeringReachesTheModelOnceBeforeItsNextCall() {
    String id = submit(publish(turns(4, 200), "{\"maxSteps\":50}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> run(id).getInt("stepCount") >= 1);

    give(id, "STEER", "{\"text\":\"prefer small numbers\"}");
    awaitStatus(id, "COMPLETED", Duration.ofSeconds(20));

    assertThat(
            db.count(
                "SELECT count(*) FROM run_message WHERE run_id = ?::uuid AND role = 'SYSTEM'"
                    + " AND content LIKE '%prefer small numbers'",
                id))
        .isEqualTo(1);
    // An assistant answer came after the guidance: the model saw it.
    assertThat(
            db.count(
                "SELECT count(*) FROM run_message a JOIN run_message s ON s.run_id = a.run_id"
                    + " WHERE a.run_id = ?::uuid AND s.role = 'SYSTEM' AND a.role = 'ASSISTANT'"
                    + " AND a.idx > s.idx",
                id))
        .isPositive();
  }

  @Test
  void cancelAbandonsALongModelCallAndReportsIt() {
    String id = submit(publish("[{\"text\":\"slow\",\"delayMs\":30000}]", "{\"maxSteps\":5}"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM agent_run WHERE id = ?::uuid"
                            + " AND lease_owner IS NOT NULL AND reserved_calls = 1",
                        id)
                    == 1);

    Instant asked = Instant.now();
    give(id, "CANCEL", "{}");
    JsonPath cancelled = awaitStatus(id, "CANCELLED", Duration.ofSeconds(5));

    assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(5));
    assertThat(cancelled.getString("error.report.abandonedCall")).contains("model call");
    assertThat(cancelled.getInt("error.report.stepsCompleted")).isZero();
    // The abandoned call may have been paid for: it is charged at its reservation.
    assertThat(cancelled.getInt("modelCalls")).isEqualTo(1);
  }

  @Test
  void commandsThatConflictWithTheRunsRealStateAreRefusedWithTheReason() {
    String id = submit(publish(turns(2, 2000), "{\"maxSteps\":50}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> run(id).getInt("stepCount") >= 0);

    UUID cancel = give(id, "CANCEL", "{}");
    UUID resume = give(id, "RESUME", "{}");
    awaitStatus(id, "CANCELLED", Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(5)).until(() -> !"PENDING".equals(commandState(resume)));

    assertThat(commandState(cancel)).isEqualTo("APPLIED");
    assertThat(commandState(resume)).isEqualTo("REJECTED");
    assertThat(
            db.count(
                "SELECT count(*) FROM operator_command WHERE id = ?"
                    + " AND outcome = 'cannot resume a run that is CANCELLED'",
                resume))
        .isEqualTo(1);
  }

  @Test
  void stepBudgetOfNWritesExactlyNCheckpoints() {
    String id = submit(publish(turns(20, 0), "{\"maxSteps\":5}"));
    JsonPath run = awaitStatus(id, "BUDGET_EXCEEDED", Duration.ofSeconds(20));

    assertThat(run.getInt("stepCount")).isEqualTo(5);
    assertThat(db.count("SELECT count(*) FROM checkpoint WHERE run_id = ?::uuid", id)).isEqualTo(5);
    assertThat(run.getString("error.message")).contains("step budget of 5");
  }

  @Test
  void modelCallBudgetStopsBeforeTheCallThatWouldExceedIt() {
    String id = submit(publish(turns(20, 0), "{\"maxSteps\":100,\"maxModelCalls\":3}"));
    JsonPath run = awaitStatus(id, "BUDGET_EXCEEDED", Duration.ofSeconds(20));

    assertThat(run.getInt("modelCalls")).isEqualTo(3);
    // model, tool, model, tool, model, tool: the stop is part of the sixth step's commit.
    assertThat(run.getInt("stepCount")).isEqualTo(6);
    assertThat(run.getString("error.message")).contains("model call budget of 3");
  }
}
