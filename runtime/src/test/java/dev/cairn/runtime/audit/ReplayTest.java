package dev.cairn.runtime.audit;

import static dev.cairn.runtime.testing.Auth.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.audit.replay.FoldEngine;
import dev.cairn.runtime.audit.replay.ReplayEngines;
import dev.cairn.runtime.audit.replay.ReplayReport;
import dev.cairn.runtime.audit.replay.ReplayService;
import dev.cairn.runtime.engine.CanonicalJson;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.RunEvent;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recorded replay of runs made by the scripted model: tool calls, approvals and operator commands
 * replay to a match; a changed decider or another definition version diverges at the right seq; the
 * state at every seq equals the stored state; diff and shadow replay over several runs.
 */
@QuarkusTest
class ReplayTest {
  @Inject DataSource dataSource;
  @Inject ReplayService replays;
  @Inject ReplayEngines engines;

  private String tenant;
  private String key;
  private String auditor;

  @BeforeEach
  void setUp() {
    tenant = Auth.newTenant();
    key = Auth.newKey(tenant, "developer", "operator");
    auditor = Auth.newKey(tenant, "auditor");
  }

  private String publish(String body) {
    String name = Names.agent();
    publishAs(name, body);
    return name;
  }

  private void publishAs(String name, String body) {
    as(key)
        .contentType("application/json")
        .body(body.replace("NAME", name))
        .post("/v1/agents")
        .then()
        .statusCode(201);
  }

  private static final String CALCULATOR_SCRIPT =
      """
      {"name":"NAME","model":{"provider":"scripted","name":"s","script":[
         {"toolCalls":[{"name":"calculator","arguments":{"expression":"1+1"}}]},
         {"toolCalls":[{"name":"calculator","arguments":{"expression":"2*3"}},
                       {"name":"nope","arguments":{}}]},
         {"toolCalls":[{"name":"calculator","arguments":{"expression":"7-1"}}]},
         {"text":"done"}]},
       "tools":["calculator"],"budget":{"maxSteps":MAXSTEPS}}""";

  private JsonPath run(String id) {
    return as(key).get("/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  private void awaitStatus(String id, String status) {
    await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(run(id).getString("status")));
  }

  private JsonPath replay(String id, String query) {
    return as(auditor)
        .get("/v1/runs/" + id + "/replay" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private void assertMatches(String id) {
    JsonPath report = replay(id, "");
    int steps = run(id).getInt("stepCount");
    assertThat(report.getString("result")).as(report.prettify()).isEqualTo("MATCH");
    assertThat(report.getInt("checkpointsReplayed")).isEqualTo(steps).isPositive();
    assertThat(report.getInt("lastSeq")).isEqualTo(steps);
    assertThat(report.getInt("modelCalls")).isZero();
    assertThat(report.getInt("toolCalls")).isZero();
  }

  @Test
  void toolCallsAndAnInvalidCallReplayToAMatchAndTheStateAtEverySeqIsTheStoredOne()
      throws Exception {
    String agent = publish(CALCULATOR_SCRIPT.replace("MAXSTEPS", "20"));
    String id = Auth.submit(key, agent);
    awaitStatus(id, "COMPLETED");
    assertMatches(id);

    List<String> stored = storedStates(id);
    assertThat(stored).hasSize(run(id).getInt("stepCount"));
    for (int seq = 1; seq <= stored.size(); seq++) {
      JsonPath state =
          as(auditor)
              .get("/v1/runs/" + id + "/state?seq=" + seq)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      JsonNode recorded = Json.parse(stored.get(seq - 1));
      assertThat(state.getBoolean("matchesStored")).isTrue();
      assertThat(state.getString("status")).isEqualTo(recorded.path("status").asText());
      assertThat(state.getInt("usage.modelCalls")).isEqualTo(recorded.path("modelCalls").asInt());
      assertThat(state.getInt("usage.toolCalls")).isEqualTo(recorded.path("toolCalls").asInt());
      assertThat(state.getLong("costMicros")).isEqualTo(recorded.path("costMicros").asLong());
      assertThat(state.getInt("messageCount")).isEqualTo(recorded.path("messages").asInt());
      assertThat(state.getList("pendingToolCalls"))
          .hasSize(recorded.path("pendingToolCalls").asInt());
    }
    JsonPath atStart =
        as(auditor)
            .get("/v1/runs/" + id + "/state?seq=0")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(atStart.getString("status")).isEqualTo("QUEUED");
    assertThat(atStart.getInt("messageCount")).isEqualTo(1);

    // Between seq 1 and 3: the first tool ran, the model asked for two more, one was rejected.
    JsonPath diff =
        as(auditor)
            .get("/v1/runs/" + id + "/diff?from=1&to=4")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(diff.getList("steps.seq", Integer.class)).containsExactly(2, 3, 4);
    assertThat(diff.getList("steps.kind", String.class))
        .containsExactly("TOOL_CALL", "MODEL_CALL", "TOOL_CALL");
    assertThat(diff.getList("messages.role", String.class))
        .containsExactly("TOOL", "ASSISTANT", "TOOL");
    List<Map<String, String>> changes = diff.getList("changes");
    assertThat(changes)
        .anySatisfy(
            c -> {
              assertThat(c.get("field")).isEqualTo("toolCalls");
              assertThat(c.get("from")).isEqualTo("0");
              assertThat(c.get("to")).isEqualTo("2");
            });
  }

  @Test
  void approvalsAndARejectionReplayToAMatch() {
    String agent =
        publish(
            """
            {"name":"NAME","model":{"provider":"scripted","name":"s","script":[
               {"toolCalls":[{"name":"calculator","arguments":{"expression":"1+1"}},
                             {"name":"calculator","arguments":{"expression":"2+2"}}]},
               {"text":"done"}]},
             "tools":["calculator"],"approvals":{"tools":["calculator"]}}""");
    String id = Auth.submit(key, agent);
    await().atMost(Duration.ofSeconds(20)).until(() -> approvals(id).size() == 2);
    List<Map<String, Object>> pending = approvals(id);
    as(key)
        .contentType("application/json")
        .body(Map.of("argumentsHash", pending.get(0).get("argumentsHash")))
        .post("/v1/runs/" + id + "/approvals/" + pending.get(0).get("id") + "/approve")
        .then()
        .statusCode(202);
    as(key)
        .contentType("application/json")
        .body(Map.of("reason", "not today"))
        .post("/v1/runs/" + id + "/approvals/" + pending.get(1).get("id") + "/reject")
        .then()
        .statusCode(202);
    awaitStatus(id, "COMPLETED");
    assertMatches(id);
  }

  private List<Map<String, Object>> approvals(String id) {
    return as(key).get("/v1/runs/" + id + "/approvals").then().statusCode(200).extract().path("$");
  }

  @Test
  void operatorPauseSteerAndResumeReplayToAMatch() {
    StringBuilder script = new StringBuilder("[");
    for (int i = 0; i < 6; i++) {
      script.append(
          "{\"delayMs\":150,\"toolCalls\":[{\"name\":\"calculator\",\"arguments\":{\"expression\":\"%d+1\"}}]},"
              .formatted(i));
    }
    script.append("{\"text\":\"done\"}]");
    String agent =
        publish(
            """
            {"name":"NAME","model":{"provider":"scripted","name":"s","script":%s},
             "tools":["calculator"]}"""
                .formatted(script));
    String id = Auth.submit(key, agent);
    await().atMost(Duration.ofSeconds(20)).until(() -> run(id).getInt("stepCount") >= 1);
    command(id, "pause", null);
    awaitStatus(id, "PAUSED");
    command(id, "steer", Map.of("text", "be brief"));
    command(id, "budget", Map.of("maxSteps", 150));
    command(id, "resume", null);
    awaitStatus(id, "COMPLETED");
    assertMatches(id);
  }

  @Test
  void aCancelThatAbandonsAModelCallReplaysToAMatch() {
    String agent =
        publish(
            """
            {"name":"NAME","model":{"provider":"scripted","name":"s","script":[
               {"text":"slow","delayMs":5000}]}}""");
    String id = Auth.submit(key, agent);
    Db db = new Db(dataSource);
    // The model call is in flight once the claim reserved it.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM agent_run WHERE id = ?::uuid"
                            + " AND lease_owner IS NOT NULL AND reserved_calls = 1",
                        id)
                    == 1);
    command(id, "cancel", null);
    awaitStatus(id, "CANCELLED");
    List<String> decisions =
        as(key)
            .get("/v1/runs/" + id + "/checkpoints")
            .then()
            .statusCode(200)
            .extract()
            .path("items.decision.abandonedCall");
    assertThat(decisions).containsExactly("model call of step 1");
    assertMatches(id);
  }

  private void command(String id, String kind, Map<String, Object> body) {
    var request = as(key).contentType("application/json");
    if (body != null) {
      request = request.body(body);
    }
    request.post("/v1/runs/" + id + "/" + kind).then().statusCode(202);
  }

  @Test
  void aChangedDeciderDivergesAtTheSeqItChanges() {
    String agent = publish(CALCULATOR_SCRIPT.replace("MAXSTEPS", "20"));
    String id = Auth.submit(key, agent);
    awaitStatus(id, "COMPLETED");
    FoldEngine current = engines.current();
    FoldEngine changed =
        new FoldEngine(
            (run, commands, now, tools) ->
                run.nextSeq() == 4
                    ? new Decision.Stop(RunEvent.FAIL, "changed")
                    : current.decider().decide(run, commands, now, tools),
            current.applier(),
            current.tools(),
            current.prices());
    ReplayReport report = replays.replay(tenant, UUID.fromString(id), null, changed);
    assertThat(report.result()).isEqualTo(ReplayReport.DIVERGED);
    assertThat(report.divergence().seq()).isEqualTo(4);
    assertThat(report.divergence().field()).isEqualTo("decision.type");
    assertThat(report.divergence().recorded()).isEqualTo("CALL_TOOL");
    assertThat(report.divergence().replayed()).startsWith("STOP");
    assertThat(report.checkpointsReplayed()).isEqualTo(3);
  }

  @Test
  void anotherVersionWithASmallerBudgetDivergesWhereItsBudgetStopsTheRun() {
    String agent = publish(CALCULATOR_SCRIPT.replace("MAXSTEPS", "20"));
    publishAs(agent, CALCULATOR_SCRIPT.replace("MAXSTEPS", "3"));
    String id = Auth.submit(key, agent + "\",\"version\":\"1");
    awaitStatus(id, "COMPLETED");
    assertMatches(id);
    JsonPath report = replay(id, "?agentVersion=2");
    assertThat(report.getString("result")).isEqualTo("DIVERGED");
    assertThat(report.getInt("replayedVersion")).isEqualTo(2);
    assertThat(report.getInt("divergence.seq")).isEqualTo(3);
    assertThat(report.getString("divergence.field")).isEqualTo("outcome.budgetStop");
    as(auditor).get("/v1/runs/" + id + "/replay?agentVersion=9").then().statusCode(404);
  }

  @Test
  void aShadowReplayAnswersPerRunAndSummarizes() {
    String agent = publish(CALCULATOR_SCRIPT.replace("MAXSTEPS", "20"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(Auth.submit(key, agent));
    }
    ids.forEach(id -> awaitStatus(id, "COMPLETED"));
    publishAs(agent, CALCULATOR_SCRIPT.replace("MAXSTEPS", "3"));

    JsonPath same =
        as(auditor)
            .get("/v1/replays?runId=" + String.join("&runId=", ids))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(same.getInt("runs")).isEqualTo(3);
    assertThat(same.getInt("matched")).isEqualTo(3);
    assertThat(same.getList("results.runId", String.class)).containsExactlyElementsOf(ids);

    JsonPath next =
        as(auditor)
            .get("/v1/replays?agent=" + agent + "&fromVersion=1&agentVersion=2&limit=10")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(next.getInt("runs")).isEqualTo(3);
    assertThat(next.getInt("diverged")).isEqualTo(3);
    assertThat(next.getList("results.divergence.seq", Integer.class)).containsOnly(3);

    String unknown = UUID.randomUUID().toString();
    JsonPath withUnknown =
        as(auditor)
            .get("/v1/replays?runId=" + ids.getFirst() + "&runId=" + unknown)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(withUnknown.getInt("matched")).isEqualTo(1);
    assertThat(withUnknown.getInt("errors")).isEqualTo(1);
  }

  @Test
  void badParametersAreProblems() {
    String agent = publish(CALCULATOR_SCRIPT.replace("MAXSTEPS", "20"));
    String id = Auth.submit(key, agent);
    awaitStatus(id, "COMPLETED");
    as(auditor).get("/v1/runs/" + id + "/state?seq=999").then().statusCode(400);
    as(auditor).get("/v1/runs/" + id + "/state?seq=-1").then().statusCode(400);
    as(auditor).get("/v1/runs/" + id + "/state").then().statusCode(400);
    as(auditor).get("/v1/runs/" + id + "/diff?from=3&to=2").then().statusCode(400);
    as(auditor).get("/v1/runs/" + UUID.randomUUID() + "/replay").then().statusCode(404);
    as(auditor).get("/v1/runs/not-a-uuid/replay").then().statusCode(400);
    as(auditor).get("/v1/replays").then().statusCode(400);
    as(auditor).get("/v1/replays?agent=" + agent + "&limit=101").then().statusCode(400);
    // Another tenant sees nothing.
    String other = Auth.newKey(Auth.newTenant(), "auditor");
    as(other).get("/v1/runs/" + id + "/replay").then().statusCode(404);
  }

  private List<String> storedStates(String id) throws Exception {
    List<String> states = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT state_after::text FROM checkpoint WHERE run_id = ?::uuid ORDER BY seq")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          states.add(CanonicalJson.encode(Json.parse(rs.getString(1))));
        }
      }
    }
    return states;
  }
}
