package dev.cairn.runtime.control;

import static dev.cairn.runtime.testing.Auth.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approvals end to end over REST (parallel calls approved one by one, a changed or reused approval
 * refused, a rejection told to the model) and a cost budget that no reservation ever exceeds.
 */
@QuarkusTest
class ApprovalsAndCostTest {
  @Inject DataSource dataSource;
  private Db db;
  private String key;

  @BeforeEach
  void setUp() {
    db = new Db(dataSource);
    key = Auth.newKey(Auth.newTenant(), "developer", "operator");
  }

  private String publish(String body) {
    String name = Names.agent();
    as(key)
        .contentType("application/json")
        .body(body.replace("NAME", name))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private JsonPath run(String id) {
    return as(key).get("/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  private List<Map<String, Object>> approvals(String id) {
    return as(key).get("/v1/runs/" + id + "/approvals").then().statusCode(200).extract().path("$");
  }

  private String twoCalculatorCallsNeedingApproval() {
    return publish(
        """
        {"name":"NAME","model":{"provider":"scripted","name":"s","script":[
           {"toolCalls":[{"name":"calculator","arguments":{"expression":"1+1"}},
                         {"name":"calculator","arguments":{"expression":"2+2"}}]},
           {"text":"done"}]},
         "tools":["calculator"],"approvals":{"tools":["calculator"]}}""");
  }

  @Test
  void parallelCallsAreApprovedOneByOneAndOnlyForTheirExactArguments() {
    String id = Auth.submit(key, twoCalculatorCallsNeedingApproval());
    await().atMost(Duration.ofSeconds(10)).until(() -> approvals(id).size() == 2);
    JsonPath waiting = run(id);
    assertThat(waiting.getString("status")).isEqualTo("WAITING");
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE id = ?::uuid AND lease_owner IS NULL", id))
        .as("waiting for approval holds no worker")
        .isEqualTo(1);
    List<Map<String, Object>> pending = approvals(id);
    assertThat(pending).extracting(a -> a.get("state")).containsOnly("PENDING");
    assertThat(pending.get(0).get("argumentsHash"))
        .isNotEqualTo(pending.get(1).get("argumentsHash"));
    String first = (String) pending.get(0).get("id");
    String second = (String) pending.get(1).get("id");

    // The hash of the other call's arguments does not approve this one.
    as(key)
        .contentType("application/json")
        .body(Map.of("argumentsHash", pending.get(1).get("argumentsHash")))
        .post("/v1/runs/" + id + "/approvals/" + first + "/approve")
        .then()
        .statusCode(409);
    approve(id, first, (String) pending.get(0).get("argumentsHash"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> approvals(id).stream().anyMatch(a -> !"PENDING".equals(a.get("state"))));
    // One call approved, one still pending: the run still waits and no call ran.
    assertThat(run(id).getString("status")).isEqualTo("WAITING");
    assertThat(db.count("SELECT count(*) FROM tool_invocation WHERE run_id = ?::uuid", id))
        .isZero();

    approve(id, second, (String) pending.get(1).get("argumentsHash"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "COMPLETED".equals(run(id).getString("status")));
    assertThat(db.count("SELECT count(*) FROM tool_invocation WHERE run_id = ?::uuid", id))
        .isEqualTo(2);
    assertThat(approvals(id)).extracting(a -> a.get("state")).containsOnly("USED");
    // A used approval cannot be given again.
    as(key)
        .contentType("application/json")
        .body(Map.of("argumentsHash", pending.get(0).get("argumentsHash")))
        .post("/v1/runs/" + id + "/approvals/" + first + "/approve")
        .then()
        .statusCode(409);
  }

  @Test
  void aRejectionIsToldToTheModel() {
    String id = Auth.submit(key, twoCalculatorCallsNeedingApproval());
    await().atMost(Duration.ofSeconds(10)).until(() -> approvals(id).size() == 2);
    for (Map<String, Object> a : approvals(id)) {
      as(key)
          .contentType("application/json")
          .body(Map.of("reason", "not on a Friday"))
          .post("/v1/runs/" + id + "/approvals/" + a.get("id") + "/reject")
          .then()
          .statusCode(202);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "COMPLETED".equals(run(id).getString("status")));
    assertThat(
            db.count(
                "SELECT count(*) FROM run_message WHERE run_id = ?::uuid AND role = 'TOOL'"
                    + " AND content = 'error: an operator rejected this call: not on a Friday'",
                id))
        .isEqualTo(2);
    assertThat(db.count("SELECT count(*) FROM tool_invocation WHERE run_id = ?::uuid", id))
        .isZero();
    assertThat(db.count("SELECT invalid_tool_calls FROM agent_run WHERE id = ?::uuid", id))
        .isZero();
  }

  private void approve(String run, String approval, String hash) {
    as(key)
        .contentType("application/json")
        .body(Map.of("argumentsHash", hash))
        .post("/v1/runs/" + run + "/approvals/" + approval + "/approve")
        .then()
        .statusCode(202);
  }

  @Test
  void aRunawayAgentStopsWithinItsCostBudgetAndNoReservationEverExceedsIt() {
    StringBuilder script = new StringBuilder("[");
    for (int i = 0; i < 60; i++) {
      script.append(
          "{\"toolCalls\":[{\"name\":\"calculator\",\"arguments\":{\"expression\":\"%d*2\"}}]},"
              .formatted(i));
    }
    script.append("{\"text\":\"done\"}]");
    String agent =
        publish(
            """
            {"name":"NAME","model":{"provider":"scripted","name":"priced","maxOutputTokens":500,
              "script":%s},
             "tools":["calculator"],"budget":{"maxSteps":500,"maxModelCalls":200,"maxCostUsd":0.1}}"""
                .formatted(script));
    String id = Auth.submit(key, agent);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "BUDGET_EXCEEDED".equals(run(id).getString("status")));

    long cap = 100_000;
    long cost = db.count("SELECT cost_micros FROM agent_run WHERE id = ?::uuid", id);
    assertThat(cost).isPositive().isLessThanOrEqualTo(cap);
    assertThat(run(id).getString("error.message")).contains("cost budget");
    assertThat(run(id).getInt("modelCalls")).isGreaterThan(3);
    // The recorded cost is the sum of the calls' actual costs.
    assertThat(
            db.count(
                "SELECT COALESCE(sum((outcome->>'costMicros')::bigint), 0) FROM checkpoint"
                    + " WHERE run_id = ?::uuid AND kind = 'MODEL_CALL'",
                id))
        .isEqualTo(cost);
  }
}
