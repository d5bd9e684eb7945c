package dev.cairn.runtime.engine;

import static dev.cairn.runtime.testing.Auth.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A step tool's effects: its rows commit with its step, its wait parks the run without a worker,
 * the waiting call runs again when the run wakes, and the history replays to a match.
 */
@QuarkusTest
class StepToolTest {
  @Inject DataSource dataSource;

  private String key;
  private String auditor;

  @BeforeEach
  void setUp() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS step_write_probe (run_id uuid NOT NULL, seq int)");
    }
    String tenant = Auth.newTenant();
    key = Auth.newKey(tenant, "developer", "operator");
    auditor = Auth.newKey(tenant, "auditor");
  }

  private JsonPath run(String id) {
    return as(key).get("/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void aWaitingStepToolParksTheRunAndAnswersTheModelWhenItWakes() {
    String agent = Names.agent();
    as(key)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":[
               {"toolCalls":[{"name":"probe_wait","arguments":{"seconds":2}}]},
               {"text":"done"}]},
             "tools":["probe_wait"],"budget":{"maxSteps":10}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    String id = Auth.submit(key, agent);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "WAITING".equals(run(id).getString("status")));
    assertThat(run(id).getString("waitReason")).isEqualTo("TIMER");
    Db db = new Db(dataSource);
    UUID runId = UUID.fromString(id);
    assertThat(
            db.count("SELECT count(*) FROM step_write_probe WHERE run_id = ? AND seq = 2", runId))
        .as("the probe row commits with the waiting step")
        .isEqualTo(1);
    assertThat(
            db.count("SELECT count(*) FROM agent_run WHERE id = ? AND lease_owner IS NULL", runId))
        .as("a waiting run holds no lease")
        .isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "COMPLETED".equals(run(id).getString("status")));
    JsonPath checkpoints =
        as(key).get("/v1/runs/" + id + "/checkpoints").then().statusCode(200).extract().jsonPath();
    assertThat(checkpoints.getList("items.kind", String.class))
        .containsExactly("MODEL_CALL", "TOOL_WAIT", "TOOL_CALL", "MODEL_CALL");
    assertThat(checkpoints.getString("items[1].outcome.wait.reason")).isEqualTo("TIMER");
    assertThat(checkpoints.getBoolean("items[1].outcome.effects.probe")).isTrue();
    assertThat(checkpoints.getString("items[2].outcome.output")).isEqualTo("woke");
    Instant waited = Instant.parse(checkpoints.getString("items[1].createdAt"));
    Instant woke = Instant.parse(checkpoints.getString("items[2].createdAt"));
    assertThat(Duration.between(waited, woke)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(db.count("SELECT count(*) FROM step_write_probe WHERE run_id = ?", runId))
        .as("the woken call wrote nothing")
        .isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM run_message WHERE run_id = ?", runId))
        .as("input, call, one tool answer, final answer")
        .isEqualTo(4);

    JsonPath replay =
        as(auditor).get("/v1/runs/" + id + "/replay").then().statusCode(200).extract().jsonPath();
    assertThat(replay.getString("result")).as(replay.prettify()).isEqualTo("MATCH");
    assertThat(
            as(auditor)
                .get("/v1/runs/" + id + "/verify")
                .then()
                .statusCode(200)
                .extract()
                .path("status")
                .toString())
        .isEqualTo("intact");
  }
}
