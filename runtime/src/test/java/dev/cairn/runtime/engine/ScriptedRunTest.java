package dev.cairn.runtime.engine;

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
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Runs advance to completion on the scripted model, one checkpoint per step. */
@QuarkusTest
class ScriptedRunTest {
  @Inject DataSource dataSource;

  private static String publish(String script, String budget) {
    String name = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},
             "tools":["calculator","notes_put","notes_get","clock"],"budget":%s}"""
                .formatted(name, script, budget))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private static String submit(String agent, String input) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"agent\":\"" + agent + "\",\"input\":\"" + input + "\"}")
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static JsonPath awaitTerminal(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> given().get("/v1/runs/" + id).then().extract().jsonPath(),
            run -> !List.of("QUEUED", "RUNNING", "WAITING").contains(run.getString("status")));
  }

  @Test
  void shouldCompleteAToolUsingRunWithOneCheckpointPerStep() {
    String agent =
        publish(
            """
            [{"toolCalls":[{"name":"calculator","arguments":{"expression":"6*7"}}]},
             {"toolCalls":[{"name":"notes_put","arguments":{"key":"answer","value":"42"}}]},
             {"toolCalls":[{"name":"teleport","arguments":{}}]},
             {"text":"The answer is 42."}]""",
            "{\"maxSteps\":20}");
    String id = submit(agent, "compute");
    JsonPath run = awaitTerminal(id);

    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getString("result.text")).isEqualTo("The answer is 42.");
    assertThat(run.getInt("stepCount")).isEqualTo(7);
    assertThat(run.getInt("modelCalls")).isEqualTo(4);
    assertThat(run.getInt("toolCalls")).isEqualTo(2);

    JsonPath checkpoints =
        given().get("/v1/runs/" + id + "/checkpoints").then().statusCode(200).extract().jsonPath();
    assertThat(checkpoints.getList("items.seq", Integer.class))
        .containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(checkpoints.getList("items.kind", String.class))
        .containsExactly(
            "MODEL_CALL",
            "TOOL_CALL",
            "MODEL_CALL",
            "TOOL_CALL",
            "MODEL_CALL",
            "TOOL_REJECTED",
            "MODEL_CALL");
    assertThat(checkpoints.getString("items[1].outcome.output")).isEqualTo("42");
    assertThat(checkpoints.getString("items[5].outcome.toldModel"))
        .contains("unknown tool 'teleport'");
    List<String> hashes = checkpoints.getList("items.hash", String.class);
    List<String> prev = checkpoints.getList("items.prevHash", String.class);
    assertThat(prev.get(0)).isNull();
    for (int i = 1; i < hashes.size(); i++) {
      assertThat(prev.get(i)).as("chain link %d", i + 1).isEqualTo(hashes.get(i - 1));
    }

    Db db = new Db(dataSource);
    UUID runId = UUID.fromString(id);
    assertThat(
            db.count("SELECT count(*) FROM note WHERE written_by_run = ? AND value = '42'", runId))
        .isEqualTo(1);
    assertThat(
            db.count(
                "SELECT count(*) FROM tool_invocation WHERE run_id = ? AND tool_name = 'notes_put'"
                    + " AND status = 'DONE' AND idempotency_key = ?",
                runId,
                id + ":4"))
        .isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM run_message WHERE run_id = ?", runId)).isEqualTo(8);
    assertThat(db.count("SELECT invalid_tool_calls FROM agent_run WHERE id = ?", runId))
        .isEqualTo(1);
    assertThat(
            db.count("SELECT count(*) FROM agent_run WHERE id = ? AND lease_owner IS NULL", runId))
        .isEqualTo(1);
    assertThat(
            db.count(
                "SELECT count(*) FROM outbox_event WHERE run_id = ? AND type = 'run.completed'",
                runId))
        .isEqualTo(1);
  }

  @Test
  void shouldFailWhenTheModelKeepsCallingInvalidTools() {
    String agent =
        publish(
            """
            [{"toolCalls":[{"name":"calculator","arguments":{"expr":"1"}}]},
             {"toolCalls":[{"name":"calculator","arguments":{"expr":"2"}}]},
             {"text":"never reached"}]""",
            "{\"maxInvalidToolCalls\":1}");
    JsonPath run = awaitTerminal(submit(agent, "x"));
    assertThat(run.getString("status")).isEqualTo("FAILED");
    assertThat(run.getString("error.message")).contains("invalid tool calls");
    assertThat(run.getInt("toolCalls")).isZero();
  }

  @Test
  void shouldStopAtTheStepBudget() {
    String agent =
        publish(
            """
            [{"toolCalls":[{"name":"clock","arguments":{}}]},
             {"toolCalls":[{"name":"clock","arguments":{}}]},
             {"text":"never reached"}]""",
            "{\"maxSteps\":3}");
    JsonPath run = awaitTerminal(submit(agent, "x"));
    assertThat(run.getString("status")).isEqualTo("BUDGET_EXCEEDED");
    assertThat(run.getInt("modelCalls") + run.getInt("toolCalls")).isEqualTo(3);
  }

  @Test
  void shouldPinTheVersionARunStartedWith() {
    String agent = publish("[{\"text\":\"v1\",\"delayMs\":300}]", "{}");
    String id = submit(agent, "x");
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"%s\",\"model\":{\"provider\":\"scripted\",\"script\":[{\"text\":\"v2\"}]}}"
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    JsonPath run = awaitTerminal(id);
    assertThat(run.getInt("agentVersion")).isEqualTo(1);
    assertThat(run.getString("result.text")).isEqualTo("v1");
  }
}
