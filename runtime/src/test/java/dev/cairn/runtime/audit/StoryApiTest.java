package dev.cairn.runtime.audit;

import static dev.cairn.runtime.testing.Auth.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run told whole: a tool call that waited for approval, a pause, a steer and a resume while it
 * waited, the approval, the answer. The story (one JSON document) and its download (NDJSON) say who
 * did what, in order, with usage and cost.
 */
@QuarkusTest
class StoryApiTest {
  private String staff;
  private String auditor;

  @BeforeEach
  void tenant() {
    String tenant = Auth.newTenant();
    staff = Auth.newKey(tenant, "developer", "operator");
    auditor = Auth.newKey(tenant, "auditor");
  }

  private JsonPath run(String id) {
    return as(staff).get("/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  private void command(String id, String command, String body) {
    var request = as(staff).contentType("application/json");
    if (body != null) {
      request.body(body);
    }
    request.post("/v1/runs/" + id + "/" + command).then().statusCode(202);
  }

  private void awaitCommandsApplied(String id, int count) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              List<String> states =
                  as(staff)
                      .get("/v1/runs/" + id + "/commands")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath()
                      .getList("items.state", String.class);
              return states.size() == count && states.stream().allMatch("APPLIED"::equals);
            });
  }

  /** Runs the story's scenario and returns the run id. */
  private String interveneAndFinish() {
    String agent = Names.agent();
    as(staff)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":[
               {"toolCalls":[{"name":"calculator","arguments":{"expression":"6*7"}}]},
               {"text":"The answer is 42."}]},
             "tools":["calculator"],"approvals":{"tools":["calculator"]}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    String id =
        as(staff)
            .contentType("application/json")
            .body(
                "{\"agent\":\"%s\",\"input\":{\"question\":\"six times seven\"}}".formatted(agent))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                as(staff)
                        .get("/v1/runs/" + id + "/approvals")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("$")
                        .size()
                    == 1);
    command(id, "pause", null);
    await().atMost(Duration.ofSeconds(20)).until(() -> "PAUSED".equals(run(id).get("status")));
    command(id, "steer", "{\"text\":\"answer in one sentence\"}");
    command(id, "resume", null);
    awaitCommandsApplied(id, 3);
    Map<String, Object> approval =
        as(staff).get("/v1/runs/" + id + "/approvals").then().extract().jsonPath().getMap("[0]");
    as(staff)
        .contentType("application/json")
        .body(Map.of("argumentsHash", approval.get("argumentsHash")))
        .post("/v1/runs/" + id + "/approvals/" + approval.get("id") + "/approve")
        .then()
        .statusCode(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> "COMPLETED".equals(run(id).get("status")));
    return id;
  }

  @Test
  void theStoryTellsWhoDidWhatInOrder() {
    String id = interveneAndFinish();
    JsonPath runNow = run(id);
    JsonPath story =
        as(auditor).get("/v1/runs/" + id + "/story").then().statusCode(200).extract().jsonPath();

    assertThat(story.getString("runId")).isEqualTo(id);
    assertThat(story.getInt("agent.version")).isEqualTo(1);
    assertThat(story.getList("agent.spec.tools", String.class)).containsExactly("calculator");
    assertThat(story.getList("agent.spec.approvals.tools", String.class))
        .containsExactly("calculator");
    assertThat(story.getString("agent.specHash")).isNotBlank();
    assertThat(story.getString("submittedBy")).startsWith("key:");
    assertThat(story.getString("input.question")).isEqualTo("six times seven");
    assertThat(story.getString("outcome.status")).isEqualTo("COMPLETED");
    assertThat(story.getString("outcome.result.text")).isEqualTo("The answer is 42.");
    assertThat(story.getString("outcome.finishedAt")).isNotNull();

    int steps = runNow.getInt("stepCount");
    assertThat(story.getInt("totals.steps")).isEqualTo(steps);
    assertThat(story.getInt("totals.toolCalls")).isEqualTo(1);
    assertThat(story.getLong("totals.inputTokens")).isEqualTo(runNow.getLong("inputTokens"));
    assertThat(story.getLong("totals.outputTokens")).isEqualTo(runNow.getLong("outputTokens"));
    assertThat(story.getList("steps.seq", Integer.class))
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, steps).boxed().toList());
    List<Map<String, Object>> stepList = story.getList("steps");
    assertThat(stepList)
        .anySatisfy(
            s -> {
              assertThat(s.get("kind")).isEqualTo("TOOL_CALL");
              assertThat(s.get("tool")).isEqualTo("calculator");
              assertThat(s.get("action")).isEqualTo("CALL_TOOL");
            });
    assertThat(stepList).allSatisfy(s -> assertThat(s.get("hash")).isNotNull());
    assertThat(stepList).allSatisfy(s -> assertThat(s.get("pruned")).isEqualTo(false));
    // Steps that applied an operator's commands name the operator, the others the engine.
    assertThat(stepList).anySatisfy(s -> assertThat((String) s.get("actor")).startsWith("key:"));
    assertThat(stepList).anySatisfy(s -> assertThat(s.get("actor")).isEqualTo("engine"));

    assertThat(story.getList("interventions.kind", String.class))
        .containsExactly("PAUSE", "STEER", "RESUME", "APPROVE");
    assertThat(story.getList("interventions.state", String.class)).containsOnly("APPLIED");
    assertThat(story.getList("interventions.actor", String.class))
        .allSatisfy(actor -> assertThat(actor).startsWith("key:"));
    assertThat(story.getString("interventions[1].payload.text"))
        .isEqualTo("answer in one sentence");
    assertThat(story.getList("interventions.appliedSeq", Integer.class)).doesNotContainNull();

    assertThat(story.getList("approvals")).hasSize(1);
    assertThat(story.getString("approvals[0].tool")).isEqualTo("calculator");
    assertThat(story.getString("approvals[0].state")).isEqualTo("USED");
    assertThat(story.getString("approvals[0].decidedBy")).startsWith("key:");
    assertThat(story.getString("approvals[0].decidedAt")).isNotNull();
    assertThat(story.getString("approvals[0].argumentsHash")).isNotBlank();
  }

  @Test
  void theDownloadHasEveryRecordAndEndsWithTheCounts() {
    String id = interveneAndFinish();
    int steps = run(id).getInt("stepCount");
    Response response = as(auditor).get("/v1/runs/" + id + "/story/export");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/x-ndjson");
    assertThat(response.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"run-" + id + "-story.ndjson\"");
    List<JsonNode> lines = response.asString().lines().map(Json::parse).toList();
    List<String> types = lines.stream().map(l -> l.get("type").asText()).toList();
    assertThat(types.getFirst()).isEqualTo("run");
    assertThat(types.getLast()).isEqualTo("end");
    assertThat(types.stream().filter("step"::equals).count()).isEqualTo(steps);
    assertThat(types.stream().filter("intervention"::equals).count()).isEqualTo(4);
    assertThat(types.stream().filter("approval"::equals).count()).isEqualTo(1);
    JsonNode head = lines.getFirst();
    assertThat(head.at("/agent/spec/tools/0").asText()).isEqualTo("calculator");
    assertThat(head.at("/input/question").asText()).isEqualTo("six times seven");
    JsonNode firstStep = lines.get(1);
    assertThat(firstStep.get("seq").asInt()).isEqualTo(1);
    assertThat(firstStep.get("decision").isObject()).isTrue();
    assertThat(firstStep.get("hashAlg").asText()).isEqualTo("jcs-sha256/v1");
    JsonNode end = lines.getLast();
    assertThat(end.get("steps").asInt()).isEqualTo(steps);
    assertThat(end.get("interventions").asInt()).isEqualTo(4);
    assertThat(end.get("approvals").asInt()).isEqualTo(1);
  }
}
