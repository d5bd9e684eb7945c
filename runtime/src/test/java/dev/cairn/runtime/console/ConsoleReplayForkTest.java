package dev.cairn.runtime.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run page's replay, fork, side-by-side and task-graph views over real HTTP with a console
 * session: replay verdicts, a fork from a chosen checkpoint through the same checks as every
 * console action (CSRF, origin, role), the comparison marking same and different steps, and a
 * parent's subtasks and child runs linked both ways.
 */
@QuarkusTest
class ConsoleReplayForkTest {
  /** Five steps: model, tool, model, tool, final answer (as ForkTest's original). */
  private static final String SCRIPT =
      """
      [{"toolCalls":[{"name":"calculator","arguments":{"expression":"6*7"}}]},
       {"toolCalls":[{"name":"calculator","arguments":{"expression":"1+1"}}]},
       {"text":"original final"}]""";

  private static final String OTHER_MODEL =
      """
      {"provider":"scripted","name":"other",
       "script":[{"text":"unused"},{"text":"<script>alert(1)</script> other answer"}]}""";

  @Inject DataSource dataSource;

  private String developer;
  private String operator;
  private String auditor;

  @BeforeEach
  void tenantWithKeys() {
    String tenant = Auth.newTenant();
    developer = Auth.newKey(tenant, "developer");
    operator = Auth.newKey(tenant, "operator");
    auditor = Auth.newKey(tenant, "auditor");
  }

  private String publish(String script, String tools) {
    String agent = Names.agent();
    Auth.as(developer)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},"tools":%s,
             "budget":{"maxSteps":40,"maxModelCalls":20,"maxTokens":100000}}"""
                .formatted(agent, script, tools))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return agent;
  }

  private JsonPath run(String id) {
    return Auth.as(developer).get("/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  private JsonPath awaitTerminal(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> run(id),
            r -> !List.of("QUEUED", "RUNNING", "WAITING").contains(r.getString("status")));
  }

  /** A completed five-step run. */
  private String completed() {
    String id = Auth.submit(developer, publish(SCRIPT, "[\"calculator\"]"));
    JsonPath run = awaitTerminal(id);
    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getInt("stepCount")).isEqualTo(5);
    return id;
  }

  private static RequestSpecification session(String cookie) {
    return given().cookie(ConsoleSessions.COOKIE, cookie).redirects().follow(false);
  }

  private static String html(String cookie, String path) {
    return session(cookie).get(path).then().statusCode(200).extract().asString();
  }

  private long forksOf(String runId) {
    return new Db(dataSource)
        .count("SELECT count(*) FROM agent_run WHERE forked_from = ?", UUID.fromString(runId));
  }

  private static Response postFork(String cookie, String runId, String token, String... fields) {
    RequestSpecification post =
        session(cookie).contentType("application/x-www-form-urlencoded").formParam("csrf", token);
    for (int i = 0; i < fields.length; i += 2) {
      post = post.formParam(fields[i], fields[i + 1]);
    }
    return post.post("/console/runs/" + runId + "/fork");
  }

  /** The rows of a comparison page: seq to the value of data-same. */
  private static java.util.Map<Integer, String> sameBySeq(String html) {
    Matcher m = Pattern.compile("data-seq=\"(\\d+)\" data-same=\"(true|false)\"").matcher(html);
    java.util.Map<Integer, String> rows = new java.util.LinkedHashMap<>();
    while (m.find()) {
      rows.put(Integer.parseInt(m.group(1)), m.group(2));
    }
    return rows;
  }

  @Test
  void shouldReplayACompletedRunToMatchForEveryReadingRole() {
    String runId = completed();
    for (String key : List.of(auditor, operator, developer)) {
      String cookie = ConsoleClient.signIn(key);
      assertThat(html(cookie, "/console/runs/" + runId))
          .contains("data-testid=\"replay\"")
          .contains("hx-get=\"/console/runs/" + runId + "/replay\"");
      String verdict = html(cookie, "/console/runs/" + runId + "/replay");
      assertThat(verdict)
          .contains("data-result=\"MATCH\"")
          .contains("5 replayed and matched of 5")
          .contains("0 model, 0 tool")
          .doesNotContain("divergent-seq");
    }
    String cookie = ConsoleClient.signIn(auditor);
    // The REST endpoint's bounds on agentVersion, as a problem page.
    session(cookie)
        .get("/console/runs/" + runId + "/replay?agentVersion=0")
        .then()
        .statusCode(400)
        .body(org.hamcrest.Matchers.containsString("agentVersion"));
    // Another tenant's run is not found.
    String stranger = ConsoleClient.signIn(Auth.newKey(Auth.newTenant(), "auditor"));
    session(stranger).get("/console/runs/" + runId + "/replay").then().statusCode(404);
  }

  @Test
  void shouldShowTheFirstDivergenceOfAReplayOnAnotherVersionAsText() {
    String agent = publish(SCRIPT, "[\"calculator\"]");
    String runId = Auth.submit(developer, agent);
    assertThat(awaitTerminal(runId).getString("status")).isEqualTo("COMPLETED");
    // Version 2 lacks the calculator tool the recorded run called: the replay must not match.
    Auth.as(developer)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","systemPrompt":"<b>other</b> prompt","model":{"provider":"scripted",
             "name":"s","script":[{"text":"x"}]},"tools":[]}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    String cookie = ConsoleClient.signIn(auditor);
    String verdict = html(cookie, "/console/runs/" + runId + "/replay?agentVersion=2");
    assertThat(verdict).doesNotContain("data-result=\"MATCH\"");
    Matcher result = Pattern.compile("data-result=\"([A-Z]+)\"").matcher(verdict);
    assertThat(result.find()).isTrue();
    String rest =
        Auth.as(auditor)
            .get("/v1/runs/" + runId + "/replay?agentVersion=2")
            .then()
            .statusCode(200)
            .extract()
            .path("result");
    assertThat(result.group(1)).isEqualTo(rest).isEqualTo("DIVERGED");
    assertThat(verdict)
        .contains("data-testid=\"divergent-seq\"")
        .contains("data-testid=\"divergent-field\"")
        .contains("data-testid=\"recorded\"")
        .contains("data-testid=\"replayed\"");
    assertThat(verdict).doesNotContain("<b>other</b>");
  }

  @Test
  void shouldForkFromAChosenCheckpointAndCompareBothRuns() {
    String original = completed();
    String cookie = ConsoleClient.signIn(operator);
    String page = html(cookie, "/console/runs/" + original);
    // Every step but the last (the run had ended there) offers a fork.
    for (int seq = 1; seq <= 4; seq++) {
      assertThat(page).contains("fork?atSeq=" + seq + "\"");
    }
    assertThat(page).doesNotContain("fork?atSeq=5\"");

    String form = html(cookie, "/console/runs/" + original + "/fork?atSeq=2");
    assertThat(form)
        .contains("name=\"atSeq\" value=\"2\"")
        .contains("action=\"/console/runs/" + original + "/fork\"")
        .contains("<label for=\"fork-model-2\"");
    String fragment =
        session(cookie)
            .header("HX-Request", "true")
            .get("/console/runs/" + original + "/fork?atSeq=2")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(fragment).contains("data-testid=\"fork-form\"").doesNotContain("<html");

    String token = ConsoleClient.csrf(cookie, "/console/runs/" + original);
    Response created = postFork(cookie, original, token, "atSeq", "2", "model", OTHER_MODEL);
    created.then().statusCode(303);
    String location = created.getHeader("Location");
    Matcher m =
        Pattern.compile("/console/runs/" + original + "/compare\\?with=([0-9a-f-]{36})$")
            .matcher(location);
    assertThat(m.find()).as(location).isTrue();
    String fork = m.group(1);
    JsonPath forkRun = run(fork);
    assertThat(forkRun.getString("forkedFrom")).isEqualTo(original);
    assertThat(forkRun.getInt("forkedAtSeq")).isEqualTo(2);
    assertThat(forksOf(original)).isEqualTo(1);
    assertThat(awaitTerminal(fork).getString("status")).isEqualTo("COMPLETED");

    String compare = html(cookie, "/console/runs/" + original + "/compare?with=" + fork);
    assertThat(compare)
        .contains("data-testid=\"fork-point\">after step #2")
        .contains("href=\"/console/runs/" + fork + "\"");
    // From the fork point: seq 3 differs (another model's answer), 4 and 5 only the original has.
    assertThat(sameBySeq(compare))
        .containsExactly(
            java.util.Map.entry(3, "false"),
            java.util.Map.entry(4, "false"),
            java.util.Map.entry(5, "false"));
    assertThat(compare)
        .contains("≠ different")
        .contains("≠ only left")
        .contains("≠ differs")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; other answer")
        .doesNotContain("<script>alert(1)");
    // The shared history, from seq 1: the copied steps are the same.
    String fromStart =
        html(cookie, "/console/runs/" + original + "/compare?with=" + fork + "&from=1&limit=2");
    assertThat(sameBySeq(fromStart))
        .containsExactly(java.util.Map.entry(1, "true"), java.util.Map.entry(2, "true"));
    assertThat(fromStart)
        .contains("= same")
        .contains("compare?with=" + fork + "&amp;from=3&amp;limit=2\"");
    // The REST comparison agrees.
    List<Boolean> rest =
        Auth.as(auditor)
            .queryParam("with", fork)
            .get("/v1/runs/" + original + "/compare")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("rows.same", Boolean.class);
    assertThat(rest).containsExactly(false, false, false);

    // The fork's page links to its origin and the comparison.
    assertThat(html(cookie, "/console/runs/" + fork))
        .contains("data-testid=\"fork-origin\"")
        .contains("/console/runs/" + original + "/compare?with=" + fork);
    // An auditor may read the comparison.
    html(ConsoleClient.signIn(auditor), "/console/runs/" + fork + "/compare?with=" + original);
  }

  @Test
  void shouldShowNoForkControlToAnAuditorAndRefuseItsForgedPost() {
    String original = completed();
    String cookie = ConsoleClient.signIn(auditor);
    String page = html(cookie, "/console/runs/" + original);
    assertThat(page).doesNotContain("Fork from here").doesNotContain("/fork?atSeq=");
    session(cookie).get("/console/runs/" + original + "/fork?atSeq=1").then().statusCode(403);
    String token = ConsoleClient.csrf(cookie, "/console/runs/" + original);
    postFork(cookie, original, token, "atSeq", "1")
        .then()
        .statusCode(403)
        .body(org.hamcrest.Matchers.containsString("developer, operator"));
    assertThat(forksOf(original)).isZero();
  }

  @Test
  void shouldRefuseAForkWithoutTheTokenOrFromAnotherOrigin() {
    String original = completed();
    String cookie = ConsoleClient.signIn(operator);
    postFork(cookie, original, null, "atSeq", "1").then().statusCode(403);
    String othersToken =
        ConsoleClient.csrf(ConsoleClient.signIn(developer), "/console/runs/" + original);
    postFork(cookie, original, othersToken, "atSeq", "1").then().statusCode(403);
    String token = ConsoleClient.csrf(cookie, "/console/runs/" + original);
    session(cookie)
        .header("Origin", "https://evil.example")
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf", token)
        .formParam("atSeq", "1")
        .post("/console/runs/" + original + "/fork")
        .then()
        .statusCode(403);
    session(cookie)
        .header("Sec-Fetch-Site", "cross-site")
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf", token)
        .formParam("atSeq", "1")
        .post("/console/runs/" + original + "/fork")
        .then()
        .statusCode(403);
    assertThat(forksOf(original)).isZero();
  }

  @Test
  void shouldAnswerABadForkRequestWithTheApisProblemDetails() {
    String original = completed();
    String cookie = ConsoleClient.signIn(developer);
    String token = ConsoleClient.csrf(cookie, "/console/runs/" + original);
    // Past the run's last seq: the service's own rule.
    String past =
        postFork(cookie, original, token, "atSeq", "99")
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(past)
        .contains("data-testid=\"problem\"")
        .contains("validation")
        .contains("atSeq: must be between 0 and the run&#39;s last seq (5)");
    // Bean Validation on the REST body's record.
    assertThat(
            postFork(cookie, original, token, "atSeq", "-1")
                .then()
                .statusCode(400)
                .extract()
                .asString())
        .contains("atSeq");
    postFork(cookie, original, token, "atSeq", "two").then().statusCode(400);
    postFork(cookie, original, token).then().statusCode(400);
    // The last seq: the run had ended there (the service's 409).
    postFork(cookie, original, token, "atSeq", "5").then().statusCode(409);
    // A model that is not the API's model object, and one the API's validation refuses.
    postFork(cookie, original, token, "atSeq", "1", "model", "not json")
        .then()
        .statusCode(400)
        .body(org.hamcrest.Matchers.containsString("malformed-body"));
    postFork(cookie, original, token, "atSeq", "1", "model", "{\"name\":\"no provider\"}")
        .then()
        .statusCode(400)
        .body(org.hamcrest.Matchers.containsString("model.provider"));
    // An edited message needs its index; an unknown version is refused.
    postFork(cookie, original, token, "atSeq", "1", "editedContent", "new text")
        .then()
        .statusCode(400)
        .body(org.hamcrest.Matchers.containsString("editedMessage.index"));
    postFork(cookie, original, token, "atSeq", "1", "agentVersion", "7")
        .then()
        .statusCode(400)
        .body(org.hamcrest.Matchers.containsString("agentVersion"));
    assertThat(forksOf(original)).isZero();
  }

  @Test
  void shouldListSubtasksAndLinkChildAndParentRuns() {
    String child = publish("[{\"text\":\"child done\"}]", "[]");
    String parent =
        publish(
            """
            [{"toolCalls":[{"name":"plan","arguments":{"add":[{"id":"t1","title":"first <i>part</i>"},
               {"id":"t2","title":"second","dependsOn":["t1"]}]}}]},
             {"toolCalls":[{"name":"delegate","arguments":{"join":"all","children":[
               {"agent":"%s","input":"do one","task":"t1"},
               {"agent":"%s","input":"extra"}]}}]},
             {"text":"all done"}]"""
                .formatted(child, child),
            "[\"plan\",\"delegate\"]");
    String parentId = Auth.submit(developer, parent);
    assertThat(awaitTerminal(parentId).getString("status")).isEqualTo("COMPLETED");
    List<String> children =
        Auth.as(developer)
            .get("/v1/runs/" + parentId + "/tasks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("children.runId", String.class);
    assertThat(children).hasSize(2);

    String cookie = ConsoleClient.signIn(auditor);
    assertThat(html(cookie, "/console/runs/" + parentId))
        .contains("hx-get=\"/console/runs/" + parentId + "/tasks\"");
    String tasks = html(cookie, "/console/runs/" + parentId + "/tasks");
    assertThat(tasks)
        .contains("data-task=\"t1\"")
        .contains("data-task=\"t2\"")
        .contains("first &lt;i&gt;part&lt;/i&gt;")
        .contains("<code>t1</code></td>")
        .contains(
            "href=\"/console/runs/"
                + children.get(0)
                + "\" class=\"mono\" data-testid=\"task-child\"")
        .contains(
            "href=\"/console/runs/"
                + children.get(1)
                + "\" class=\"mono\" data-testid=\"child-run\"")
        .doesNotContain("hx-trigger=\"every");
    String childTasks = html(cookie, "/console/runs/" + children.get(0) + "/tasks");
    assertThat(childTasks)
        .contains(
            "href=\"/console/runs/" + parentId + "\" class=\"mono\" data-testid=\"parent-run\"")
        .contains("No subtasks, child runs or signals.");
  }
}
