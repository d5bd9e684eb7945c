package dev.cairn.runtime.tasks;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Task graphs, child runs, timers and signals end to end: scripted agents over real HTTP and a real
 * database, each run's history replayed and verified where it matters.
 */
@QuarkusTest
class TasksAndTimersTest {
  @Inject DataSource dataSource;

  private String key;
  private String auditor;

  @BeforeEach
  void setUp() {
    String tenant = Auth.newTenant();
    key = Auth.newKey(tenant, "developer", "operator");
    auditor = Auth.newKey(tenant, "auditor");
  }

  private String publish(String script, String tools, String budget) {
    String agent = Names.agent();
    as(key)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},
             "tools":%s,"budget":%s}"""
                .formatted(agent, script, tools, budget))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return agent;
  }

  private JsonPath run(String id) {
    return as(key).get("/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  private JsonPath tasks(String id) {
    return as(key).get("/v1/runs/" + id + "/tasks").then().statusCode(200).extract().jsonPath();
  }

  private JsonPath checkpoints(String id) {
    return as(key)
        .get("/v1/runs/" + id + "/checkpoints?limit=200")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private void awaitStatus(String id, String status, int seconds) {
    await()
        .atMost(Duration.ofSeconds(seconds))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status.equals(run(id).getString("status")));
  }

  private void assertReplaysAndVerifies(String id) {
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

  /** The tool answers the model got, in order. */
  private List<String> toolAnswers(String id) {
    JsonPath cps = checkpoints(id);
    List<String> kinds = cps.getList("items.kind", String.class);
    List<String> answers = new java.util.ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      if ("TOOL_CALL".equals(kinds.get(i))) {
        answers.add(cps.getString("items[" + i + "].outcome.output"));
      }
    }
    return answers;
  }

  private static final String BIG = "{\"maxSteps\":40,\"maxModelCalls\":20,\"maxTokens\":100000}";

  @Test
  void planBuildsADagRefusesACycleWithAClearMessageAndMarksTasks() {
    String agent =
        publish(
            """
            [{"toolCalls":[{"name":"plan","arguments":{"add":[
                {"id":"a","title":"gather"},
                {"id":"b","title":"analyse","dependsOn":["a"]},
                {"id":"c","title":"report","dependsOn":["b"]}]}}]},
             {"toolCalls":[{"name":"plan","arguments":{"add":[
                {"id":"x","title":"x","dependsOn":["y"]},
                {"id":"y","title":"y","dependsOn":["x"]}]}}]},
             {"toolCalls":[{"name":"plan","arguments":{"done":["b"]}}]},
             {"toolCalls":[{"name":"plan","arguments":{"done":["a"],
                "failed":[{"id":"c","reason":"no data"}]}}]},
             {"text":"planned"}]""",
            "[\"plan\"]",
            BIG);
    String id = Auth.submit(key, agent);
    awaitStatus(id, "COMPLETED", 20);

    List<String> answers = toolAnswers(id);
    assertThat(answers).hasSize(4);
    assertThat(answers.get(0)).contains("\"id\":\"a\"").contains("\"ready\":true");
    assertThat(answers.get(1))
        .isEqualTo(
            "error: plan not changed: the dependencies would form a cycle: x -> y -> x (each"
                + " task depends on the next); a plan must have no cycles");
    assertThat(answers.get(2))
        .isEqualTo("error: plan not changed: task 'b' depends on 'a', which is OPEN");
    assertThat(answers.get(3)).contains("\"state\":\"DONE\"").contains("\"state\":\"FAILED\"");

    JsonPath graph = tasks(id);
    assertThat(graph.getString("root.id")).isEqualTo("root");
    assertThat(graph.getString("root.status")).isEqualTo("COMPLETED");
    assertThat(graph.getList("tasks.id", String.class)).containsExactly("a", "b", "c");
    assertThat(graph.getList("tasks.state", String.class))
        .containsExactly("DONE", "OPEN", "FAILED");
    assertThat(graph.getList("tasks[1].dependsOn", String.class)).containsExactly("a");
    assertThat(graph.getBoolean("tasks[1].ready")).isTrue();
    assertThat(graph.getString("tasks[2].note")).isEqualTo("no data");
    assertThat(new Db(dataSource).count("SELECT count(*) FROM run_task WHERE run_id = ?", uuid(id)))
        .as("the refused cycle wrote nothing")
        .isEqualTo(3);
    assertReplaysAndVerifies(id);
  }

  private static UUID uuid(String id) {
    return UUID.fromString(id);
  }

  private String child(String text, int delayMs) {
    return publish(
        """
        [{"text":"%s","delayMs":%d}]"""
            .formatted(text, delayMs),
        "[]",
        BIG);
  }

  @Test
  void aParentFansOutToThreeChildrenJoinsAllAndIsChargedTheirUsage() {
    String c1 = child("one", 1500);
    String c2 = child("two", 2000);
    String c3 = child("three", 1000);
    String parent =
        publish(
            """
            [{"toolCalls":[{"name":"plan","arguments":{"add":[{"id":"t1","title":"first"}]}}]},
             {"toolCalls":[{"name":"delegate","arguments":{"join":"all","children":[
               {"agent":"%s","input":"do one","task":"t1"},
               {"agent":"%s","input":{"n":2}},
               {"agent":"%s","input":"do three"}]}}]},
             {"text":"all done"}]"""
                .formatted(c1, c2, c3),
            "[\"plan\",\"delegate\"]",
            BIG);
    String id = Auth.submit(key, parent);
    Db db = new Db(dataSource);
    await("the parent waits for its children holding no lease")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM agent_run WHERE id = ? AND status = 'WAITING'"
                            + " AND wait_reason = 'CHILDREN' AND lease_owner IS NULL",
                        uuid(id))
                    == 1);
    awaitStatus(id, "COMPLETED", 30);

    JsonPath graph = tasks(id);
    assertThat(graph.getList("children.status", String.class))
        .containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
    assertThat(graph.getList("children.agent", String.class)).containsExactly(c1, c2, c3);
    assertThat(graph.getString("tasks[0].childStatus")).isEqualTo("COMPLETED");
    String childId = graph.getString("children[0].runId");
    assertThat(tasks(childId).getString("root.parentRunId")).isEqualTo(id);

    String answer = toolAnswers(id).get(1);
    JsonPath joined = JsonPath.from(answer);
    assertThat(joined.getString("join")).isEqualTo("all");
    assertThat(joined.getList("children.status", String.class))
        .containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
    assertThat(answer).contains("one").contains("two").contains("three");

    long childCalls =
        db.count(
            "SELECT COALESCE(sum(model_calls), 0) FROM agent_run WHERE parent_run_id = ?",
            uuid(id));
    long childTokens =
        db.count(
            "SELECT COALESCE(sum(input_tokens + output_tokens), 0) FROM agent_run"
                + " WHERE parent_run_id = ?",
            uuid(id));
    assertThat(childCalls).isEqualTo(3);
    assertThat(db.count("SELECT model_calls FROM agent_run WHERE id = ?", uuid(id)))
        .as("the parent's three calls plus its children's")
        .isEqualTo(3 + 3);
    long parentOwnTokens =
        db.count(
            "SELECT COALESCE(sum(input_tokens + output_tokens), 0) FROM checkpoint"
                + " WHERE run_id = ?",
            uuid(id));
    assertThat(
            db.count("SELECT input_tokens + output_tokens FROM agent_run WHERE id = ?", uuid(id)))
        .isEqualTo(parentOwnTokens + childTokens);
    assertReplaysAndVerifies(id);
  }

  @Test
  void joinOnFirstAnswersWithTheFirstAndCancelsTheOthers() {
    String fast = child("fast", 0);
    String slow =
        publish(
            """
            [{"toolCalls":[{"name":"sleep","arguments":{"seconds":60}}]},{"text":"slow"}]""",
            "[\"sleep\"]",
            BIG);
    String parent =
        publish(
            """
            [{"toolCalls":[{"name":"delegate","arguments":{"join":"first","children":[
               {"agent":"%s","input":"slow"},{"agent":"%s","input":"fast"}]}}]},
             {"text":"first done"}]"""
                .formatted(slow, fast),
            "[\"delegate\"]",
            BIG);
    String id = Auth.submit(key, parent);
    awaitStatus(id, "COMPLETED", 30);
    JsonPath answer = JsonPath.from(toolAnswers(id).get(0));
    assertThat(answer.getString("join")).isEqualTo("first");
    assertThat(answer.getList("children.status", String.class))
        .containsExactly("CANCELLING", "COMPLETED");
    String slowId = answer.getString("children[0].runId");
    awaitStatus(slowId, "CANCELLED", 20);
  }

  @Test
  void aChildsFailureIsReportedToTheParentWhichGoesOn() {
    String failing =
        publish(
            """
            [{"toolCalls":[{"name":"plan","arguments":{}}]},{"text":"never"}]""",
            "[\"plan\"]",
            "{\"maxSteps\":40,\"maxModelCalls\":1,\"maxTokens\":100000}");
    String parent =
        publish(
            """
            [{"toolCalls":[{"name":"delegate","arguments":{"children":[
               {"agent":"%s","input":"try"}]}}]},
             {"text":"handled the failure"}]"""
                .formatted(failing),
            "[\"delegate\"]",
            BIG);
    String id = Auth.submit(key, parent);
    awaitStatus(id, "COMPLETED", 30);
    JsonPath answer = JsonPath.from(toolAnswers(id).get(0));
    assertThat(answer.getString("children[0].status")).isEqualTo("BUDGET_EXCEEDED");
    assertThat(answer.getString("children[0].error")).isNotBlank();
    assertThat(run(id).getString("result")).contains("handled the failure");
  }

  @Test
  void aChildGetsAShareOfWhatTheParentHasLeftAndNoMore() {
    String c = child("x", 0);
    String parent =
        publish(
            """
            [{"toolCalls":[{"name":"delegate","arguments":{"children":[
               {"agent":"%s","input":"a"},{"agent":"%s","input":"b"}]}}]},
             {"toolCalls":[{"name":"delegate","arguments":{"children":[
               {"agent":"%s","input":"c"},{"agent":"%s","input":"d"},{"agent":"%s","input":"e"},
               {"agent":"%s","input":"f"}]}}]},
             {"text":"done"}]"""
                .formatted(c, c, c, c, c, c),
            "[\"delegate\"]",
            "{\"maxSteps\":40,\"maxModelCalls\":7,\"maxTokens\":100000}");
    String id = Auth.submit(key, parent);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> toolAnswers(id).size() >= 2 || isFinal(run(id).getString("status")));
    Db db = new Db(dataSource);
    // 7 calls, 1 used by the first model call: 6 left, 3 each.
    assertThat(
            db.text(
                "SELECT string_agg((budget ->> 'maxModelCalls'), ',' ORDER BY created_at)"
                    + " FROM agent_run WHERE parent_run_id = ?",
                uuid(id)))
        .isEqualTo("3,3");
    // After the children's 2 calls and the parent's 2: 3 left, too few for 4 children.
    assertThat(toolAnswers(id).get(1))
        .startsWith("error: nothing delegated: not enough budget left to start 4 child run(s)");
  }

  private static boolean isFinal(String status) {
    return List.of("COMPLETED", "FAILED", "CANCELLED", "BUDGET_EXCEEDED").contains(status);
  }

  @Test
  void cancellingAParentCancelsItsChildren() {
    String sleeper =
        publish(
            """
            [{"toolCalls":[{"name":"sleep","arguments":{"seconds":120}}]},{"text":"late"}]""",
            "[\"sleep\"]",
            BIG);
    String parent =
        publish(
            """
            [{"toolCalls":[{"name":"delegate","arguments":{"children":[
               {"agent":"%s","input":"a"},{"agent":"%s","input":"b"}]}}]},
             {"text":"never"}]"""
                .formatted(sleeper, sleeper),
            "[\"delegate\"]",
            BIG);
    String id = Auth.submit(key, parent);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                tasks(id).getList("children.status", String.class).stream()
                        .filter("WAITING"::equals)
                        .count()
                    == 2);
    as(key).post("/v1/runs/" + id + "/cancel").then().statusCode(202);
    awaitStatus(id, "CANCELLED", 20);
    List<String> children = tasks(id).getList("children.runId", String.class);
    for (String child : children) {
      awaitStatus(child, "CANCELLED", 20);
      JsonPath commands =
          as(key)
              .get("/v1/runs/" + child + "/commands")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(commands.getString("items[0].kind")).isEqualTo("CANCEL");
      assertThat(commands.getString("items[0].actor")).isEqualTo("run:" + id);
    }
  }

  @Test
  void sleepWakesOnTimeAndHoldsNothingMeanwhile() {
    String agent =
        publish(
            """
            [{"toolCalls":[{"name":"sleep","arguments":{"seconds":3}}]},{"text":"rested"}]""",
            "[\"sleep\"]",
            BIG);
    String id = Auth.submit(key, agent);
    awaitStatus(id, "WAITING", 10);
    assertThat(run(id).getString("waitReason")).isEqualTo("TIMER");
    Db db = new Db(dataSource);
    String due = db.text("SELECT due_at::text FROM run_timer WHERE run_id = ?", uuid(id));
    assertThat(due).isNotNull();
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE id = ? AND lease_owner IS NULL", uuid(id)))
        .isEqualTo(1);
    awaitStatus(id, "COMPLETED", 20);
    JsonPath cps = checkpoints(id);
    assertThat(cps.getList("items.kind", String.class))
        .containsExactly("MODEL_CALL", "TOOL_WAIT", "TOOL_CALL", "MODEL_CALL");
    Instant slept = Instant.parse(cps.getString("items[1].outcome.wait.wakeAt"));
    Instant woke = Instant.parse(cps.getString("items[2].createdAt"));
    assertThat(woke).isAfterOrEqualTo(slept);
    assertThat(Duration.between(slept, woke)).isLessThan(Duration.ofSeconds(4));
    assertThat(cps.getString("items[2].outcome.output")).contains("sleptUntil");
    assertReplaysAndVerifies(id);
  }

  @Test
  void aSignalWakesTheRunEarlyAndDeliversItsPayload() {
    String agent =
        publish(
            """
            [{"toolCalls":[{"name":"wait_for_signal","arguments":{"name":"approved","timeoutSeconds":600}}]},
             {"text":"got it"}]""",
            "[\"wait_for_signal\"]",
            BIG);
    String id = Auth.submit(key, agent);
    awaitStatus(id, "WAITING", 10);
    assertThat(run(id).getString("waitReason")).isEqualTo("SIGNAL");
    JsonPath sent =
        as(key)
            .contentType("application/json")
            .header("Idempotency-Key", "sig-" + id)
            .body("{\"name\":\"approved\",\"payload\":{\"by\":\"ana\",\"amount\":42}}")
            .post("/v1/runs/" + id + "/signals")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();
    assertThat(sent.getBoolean("wokeRun")).isTrue();
    as(key)
        .contentType("application/json")
        .header("Idempotency-Key", "sig-" + id)
        .body("{\"name\":\"approved\",\"payload\":{\"by\":\"ana\",\"amount\":42}}")
        .post("/v1/runs/" + id + "/signals")
        .then()
        .statusCode(202)
        .header("Idempotent-Replayed", "true");
    awaitStatus(id, "COMPLETED", 10);
    JsonPath answer = JsonPath.from(toolAnswers(id).get(0));
    assertThat(answer.getString("signal")).isEqualTo("approved");
    assertThat(answer.getMap("payload")).isEqualTo(Map.of("by", "ana", "amount", 42));
    assertThat(tasks(id).getInt("signals[0].consumedSeq")).isEqualTo(3);
    assertThat(tasks(id).getList("signals")).hasSize(1);
    as(key)
        .contentType("application/json")
        .body("{\"name\":\"approved\"}")
        .post("/v1/runs/" + id + "/signals")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    assertReplaysAndVerifies(id);
  }

  @Test
  void aSignalWaitTimesOutWithoutASignal() {
    String agent =
        publish(
            """
            [{"toolCalls":[{"name":"wait_for_signal","arguments":{"name":"never","timeoutSeconds":2}}]},
             {"text":"gave up"}]""",
            "[\"wait_for_signal\"]",
            BIG);
    String id = Auth.submit(key, agent);
    awaitStatus(id, "COMPLETED", 20);
    JsonPath answer = JsonPath.from(toolAnswers(id).get(0));
    assertThat(answer.getBoolean("timedOut")).isTrue();
  }

  @Test
  void badSignalsAndUnknownRunsAreProblems() {
    String agent = publish("[{\"text\":\"x\"}]", "[]", BIG);
    String id = Auth.submit(key, agent);
    as(key)
        .contentType("application/json")
        .body("{\"name\":\"bad name!\"}")
        .post("/v1/runs/" + id + "/signals")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    as(key)
        .contentType("application/json")
        .body("{\"name\":\"big\",\"payload\":\"" + "x".repeat(9000) + "\"}")
        .post("/v1/runs/" + id + "/signals")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    as(key)
        .contentType("application/json")
        .body("{\"name\":\"ok\"}")
        .post("/v1/runs/" + UUID.randomUUID() + "/signals")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(key)
        .get("/v1/runs/" + UUID.randomUUID() + "/tasks")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(key)
        .get("/v1/runs/not-a-uuid/tasks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }
}
