package dev.cairn.runtime.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Parked;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk actions from the runs view over real HTTP, on parked runs (the engine leaves them, so the
 * commands stay where the test can count them): the dry run counts and writes nothing, the confirm
 * writes exactly the confirmed commands, a grown selection is shown again instead of acted on, and
 * roles, CSRF, bad input and other tenants are refused or left alone.
 */
@QuarkusTest
class ConsoleBulkActionsTest {
  private static final Pattern COUNT =
      Pattern.compile("data-testid=\"bulk-count\"><strong>(\\d+)</strong>");
  private static final Pattern ACCEPTED =
      Pattern.compile("data-testid=\"bulk-accepted\"><strong>(\\d+)</strong>");
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([a-zA-Z]+)\" value=\"([^\"]*)\">");

  @Inject DataSource dataSource;

  private Db db;
  private Parked parked;
  private String tenant;
  private String developer;
  private String operator;
  private String auditor;
  private String agent;
  private String otherAgent;

  @BeforeEach
  void tenantWithKeys() {
    db = new Db(dataSource);
    parked = new Parked(dataSource);
    tenant = Auth.newTenant();
    developer = Auth.newKey(tenant, "developer");
    operator = Auth.newKey(tenant, "operator");
    auditor = Auth.newKey(tenant, "auditor");
    agent = Auth.publishScripted(developer, 0);
    otherAgent = Auth.publishScripted(developer, 0);
  }

  private static RequestSpecification session(String cookie) {
    return given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, cookie);
  }

  private long commandsInTenant(String tenantId) {
    return db.count("SELECT count(*) FROM operator_command WHERE tenant_id = ?", tenantId);
  }

  private long commands(String runId, String kind) {
    return db.count(
        "SELECT count(*) FROM operator_command WHERE run_id = ? AND kind = ?",
        UUID.fromString(runId),
        kind);
  }

  private static Response post(String cookie, String path, Map<String, String> form) {
    return session(cookie)
        .contentType("application/x-www-form-urlencoded; charset=UTF-8")
        .formParams(form)
        .post(path);
  }

  private static Map<String, String> form(String csrf, String action, String state, String agent) {
    Map<String, String> form = new HashMap<>();
    form.put("csrf", csrf);
    form.put("action", action);
    form.put("state", state);
    form.put("agent", agent);
    return form;
  }

  private static long number(Pattern pattern, String html) {
    Matcher m = pattern.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no " + pattern + " in " + html);
    }
    return Long.parseLong(m.group(1));
  }

  /** The hidden fields of the confirm form on a confirmation page. */
  private static Map<String, String> confirmForm(String html) {
    int start = html.indexOf("action=\"/console/runs/bulk/confirm\"");
    assertThat(start).as("a confirm form").isPositive();
    Map<String, String> fields = new HashMap<>();
    Matcher m = HIDDEN.matcher(html.substring(start, html.indexOf("</form>", start)));
    while (m.find()) {
      fields.put(m.group(1), m.group(2).replace("&amp;", "&"));
    }
    return fields;
  }

  private String dryRun(String cookie, String action, String state, String agentName) {
    String csrf = ConsoleClient.csrf(cookie, "/console/runs");
    return post(cookie, "/console/runs/bulk", form(csrf, action, state, agentName))
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private List<String> parkedRuns(String tenantId, String agentName, String status, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(parked.run(tenantId, agentName, status, null, null, 60));
    }
    return ids;
  }

  @Test
  void shouldShowTheBulkFormForTheCurrentFilterToOperatorsOnly() {
    String cookie = ConsoleClient.signIn(operator);
    String page =
        session(cookie)
            .get("/console/runs?state=RUNNING&agent=" + agent)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page)
        .contains("action=\"/console/runs/bulk\"")
        .contains("name=\"state\" value=\"RUNNING\"")
        .contains("name=\"agent\" value=\"" + agent + "\"")
        .contains("data-action=\"bulk-dry-run\"");
    // "Created within" has no bulk equivalent: said on the page, and no form that would widen it.
    String aged =
        session(cookie).get("/console/runs?age=1h").then().statusCode(200).extract().asString();
    assertThat(aged)
        .contains("data-testid=\"bulk-unsupported\"")
        .doesNotContain("action=\"/console/runs/bulk\"");
    for (String key : new String[] {auditor, developer}) {
      String other = ConsoleClient.signIn(key);
      String html = session(other).get("/console/runs").then().statusCode(200).extract().asString();
      assertThat(html).doesNotContain("Bulk action").doesNotContain("/console/runs/bulk");
    }
  }

  @Test
  void shouldCountTheFilteredRunsInADryRunAndWriteNothing() {
    List<String> running = parkedRuns(tenant, agent, "RUNNING", 3);
    parkedRuns(tenant, agent, "WAITING", 1);
    parkedRuns(tenant, agent, "COMPLETED", 2);
    parkedRuns(tenant, otherAgent, "RUNNING", 2);
    String cookie = ConsoleClient.signIn(operator);

    String html = dryRun(cookie, "pause", "RUNNING", agent);
    assertThat(number(COUNT, html)).isEqualTo(3);
    assertThat(html).contains("runs would be paused").contains(agent);
    for (String id : running) {
      assertThat(html).contains("/console/runs/" + id);
    }
    Map<String, String> confirm = confirmForm(html);
    assertThat(confirm)
        .containsEntry("action", "pause")
        .containsEntry("state", "RUNNING")
        .containsEntry("agent", agent)
        .containsEntry("expected", "3")
        .containsKey("asOf");

    // No state chosen: every state that allows a pause (RUNNING, WAITING), not COMPLETED.
    assertThat(number(COUNT, dryRun(cookie, "pause", "", agent))).isEqualTo(4);
    // No agent either: the other agent's runs too.
    assertThat(number(COUNT, dryRun(cookie, "cancel", "", ""))).isEqualTo(6);
    // A state that refuses the command is counted, and the page says every run will be skipped.
    String refused = dryRun(cookie, "resume", "COMPLETED", agent);
    assertThat(number(COUNT, refused)).isEqualTo(2);
    assertThat(refused).contains("data-testid=\"bulk-refused\"");

    assertThat(commandsInTenant(tenant)).isZero();
  }

  @Test
  void shouldGiveExactlyTheConfirmedRunsTheCommand() {
    List<String> running = parkedRuns(tenant, agent, "RUNNING", 3);
    List<String> others = parkedRuns(tenant, otherAgent, "RUNNING", 2);
    List<String> paused = parkedRuns(tenant, agent, "PAUSED", 1);
    String cookie = ConsoleClient.signIn(operator);
    Map<String, String> confirm = confirmForm(dryRun(cookie, "pause", "", agent));
    assertThat(confirm).containsEntry("expected", "3");
    assertThat(commandsInTenant(tenant)).isZero();

    String result =
        post(cookie, "/console/runs/bulk/confirm", confirm)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(number(ACCEPTED, result)).isEqualTo(3);
    assertThat(commandsInTenant(tenant)).isEqualTo(3);
    for (String id : running) {
      assertThat(commands(id, "PAUSE")).as(id).isEqualTo(1);
      assertThat(result).contains("/console/runs/" + id);
    }
    for (String id : others) {
      assertThat(commands(id, "PAUSE")).isZero();
    }
    assertThat(commands(paused.get(0), "PAUSE")).isZero();
    assertThat(
            db.count(
                "SELECT count(*) FROM operator_command WHERE tenant_id = ? AND state = 'PENDING'"
                    + " AND actor LIKE 'key:%'",
                tenant))
        .as("pending commands by the operator's key")
        .isEqualTo(3);
  }

  @Test
  void shouldAskAgainInsteadOfActingWhenTheSelectionGrew() {
    parkedRuns(tenant, agent, "RUNNING", 2);
    String resumedMeanwhile = parkedRuns(tenant, agent, "PAUSED", 1).get(0);
    String cookie = ConsoleClient.signIn(operator);
    Map<String, String> first = confirmForm(dryRun(cookie, "cancel", "RUNNING", agent));
    assertThat(first).containsEntry("expected", "2");

    // Someone resumes a paused run: it now matches too.
    db.execute("UPDATE agent_run SET status = 'RUNNING' WHERE id = ?::uuid", resumedMeanwhile);
    String again =
        post(cookie, "/console/runs/bulk/confirm", first)
            .then()
            .statusCode(409)
            .extract()
            .asString();
    assertThat(again).contains("data-testid=\"bulk-changed\"").contains("2 runs were shown");
    assertThat(number(COUNT, again)).isEqualTo(3);
    assertThat(commandsInTenant(tenant)).as("nothing done on a grown selection").isZero();
    Map<String, String> second = confirmForm(again);
    assertThat(second).containsEntry("expected", "3").containsEntry("asOf", first.get("asOf"));

    // A run submitted after the dry run is outside the pinned selection: the count holds.
    String submittedLater = parked.run(tenant, agent, "RUNNING", null, null, 0);
    String result =
        post(cookie, "/console/runs/bulk/confirm", second)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(number(ACCEPTED, result)).isEqualTo(3);
    assertThat(commands(resumedMeanwhile, "CANCEL")).isEqualTo(1);
    assertThat(commands(submittedLater, "CANCEL")).isZero();
    assertThat(commandsInTenant(tenant)).isEqualTo(3);
  }

  @Test
  void shouldCommandTheRunsStillMatchingWhenTheSelectionShrankAndRefuseALowerCount() {
    List<String> running = parkedRuns(tenant, agent, "RUNNING", 3);
    String cookie = ConsoleClient.signIn(operator);
    Map<String, String> confirm = confirmForm(dryRun(cookie, "pause", "RUNNING", agent));
    // One run leaves the selection: 2 match, 3 were confirmed; the 2 get the command.
    db.execute("UPDATE agent_run SET status = 'PAUSED' WHERE id = ?::uuid", running.get(0));
    String result =
        post(cookie, "/console/runs/bulk/confirm", confirm)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(number(ACCEPTED, result)).isEqualTo(2);
    assertThat(commands(running.get(0), "PAUSE")).isZero();
    assertThat(commandsInTenant(tenant)).isEqualTo(2);
    // A hand-edited count below what matches is a grown selection: shown again, nothing done.
    confirm.put("expected", "1");
    String again =
        post(cookie, "/console/runs/bulk/confirm", confirm)
            .then()
            .statusCode(409)
            .extract()
            .asString();
    assertThat(number(COUNT, again)).isEqualTo(2);
    assertThat(commandsInTenant(tenant)).isEqualTo(2);
  }

  @Test
  void shouldRefuseAuditorsAndDevelopersWithAValidSessionAndToken() {
    List<String> running = parkedRuns(tenant, agent, "RUNNING", 2);
    for (String key : new String[] {auditor, developer}) {
      String cookie = ConsoleClient.signIn(key);
      String csrf = ConsoleClient.csrf(cookie, "/console/runs");
      post(cookie, "/console/runs/bulk", form(csrf, "pause", "", agent))
          .then()
          .statusCode(403)
          .body(containsString("operator role"), not(containsString("would be")));
      Map<String, String> forged = form(csrf, "pause", "", agent);
      forged.put("asOf", java.time.Instant.now().minusSeconds(1).toString());
      forged.put("expected", "2");
      post(cookie, "/console/runs/bulk/confirm", forged).then().statusCode(403);
    }
    assertThat(commandsInTenant(tenant)).isZero();
    assertThat(commands(running.get(0), "PAUSE")).isZero();
  }

  @Test
  void shouldRefuseAMissingOrForeignCsrfTokenAndACrossSitePost() {
    parkedRuns(tenant, agent, "RUNNING", 2);
    String cookie = ConsoleClient.signIn(operator);
    Map<String, String> confirm = confirmForm(dryRun(cookie, "pause", "", agent));
    String otherToken = ConsoleClient.csrf(ConsoleClient.signIn(operator), "/console/runs");

    Map<String, String> noToken = new HashMap<>(confirm);
    noToken.remove("csrf");
    Map<String, String> foreign = new HashMap<>(confirm);
    foreign.put("csrf", otherToken);
    for (Map<String, String> bad : List.of(noToken, foreign)) {
      post(cookie, "/console/runs/bulk", bad).then().statusCode(403);
      post(cookie, "/console/runs/bulk/confirm", bad)
          .then()
          .statusCode(403)
          .body(containsString("CSRF"));
    }
    session(cookie)
        .header("Origin", "https://evil.example")
        .contentType("application/x-www-form-urlencoded")
        .formParams(confirm)
        .post("/console/runs/bulk/confirm")
        .then()
        .statusCode(403);
    session(cookie)
        .header("Sec-Fetch-Site", "cross-site")
        .contentType("application/x-www-form-urlencoded")
        .formParams(confirm)
        .post("/console/runs/bulk/confirm")
        .then()
        .statusCode(403);
    assertThat(commandsInTenant(tenant)).isZero();
    // The same confirm, from the console itself, is accepted.
    post(cookie, "/console/runs/bulk/confirm", confirm).then().statusCode(200);
    assertThat(commandsInTenant(tenant)).isEqualTo(2);
  }

  @Test
  void shouldShowBadInputAsProblemDetails() {
    parkedRuns(tenant, agent, "RUNNING", 1);
    String cookie = ConsoleClient.signIn(operator);
    String csrf = ConsoleClient.csrf(cookie, "/console/runs");
    Map<String, String> confirm = confirmForm(dryRun(cookie, "pause", "", agent));

    post(cookie, "/console/runs/bulk", form(csrf, "explode", "", agent))
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("validation"), containsString("action: one of pause"));
    post(cookie, "/console/runs/bulk", form(csrf, "pause", "<script>", agent))
        .then()
        .statusCode(400)
        .body(containsString("state: not a run state"), not(containsString("<script>")));
    post(cookie, "/console/runs/bulk", form(csrf, "pause", "", "a".repeat(64)))
        .then()
        .statusCode(400);
    Map<String, String> aged = form(csrf, "pause", "", agent);
    aged.put("age", "1h");
    post(cookie, "/console/runs/bulk", aged)
        .then()
        .statusCode(400)
        .body(containsString("created within"));
    Map<String, String> badCount = new HashMap<>(confirm);
    badCount.put("expected", "lots");
    post(cookie, "/console/runs/bulk/confirm", badCount).then().statusCode(400);
    badCount.put("expected", "0");
    post(cookie, "/console/runs/bulk/confirm", badCount).then().statusCode(400);
    Map<String, String> badTime = new HashMap<>(confirm);
    badTime.put("asOf", "yesterday");
    post(cookie, "/console/runs/bulk/confirm", badTime).then().statusCode(400);
    badTime.put("asOf", java.time.Instant.now().plusSeconds(3600).toString());
    post(cookie, "/console/runs/bulk/confirm", badTime)
        .then()
        .statusCode(400)
        .body(containsString("future"));
    Map<String, String> aged2 = new HashMap<>(confirm);
    aged2.put("age", "7d");
    post(cookie, "/console/runs/bulk/confirm", aged2).then().statusCode(400);
    assertThat(commandsInTenant(tenant)).isZero();
  }

  @Test
  void shouldNeverCountOrTouchAnotherTenantsRuns() {
    String otherTenant = Auth.newTenant();
    String otherDeveloper = Auth.newKey(otherTenant, "developer");
    // The same agent name in the other tenant.
    Auth.as(otherDeveloper)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","script":[{"text":"ok"}]}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    List<String> theirs = parkedRuns(otherTenant, agent, "RUNNING", 4);
    List<String> ours = parkedRuns(tenant, agent, "RUNNING", 1);
    String cookie = ConsoleClient.signIn(operator);

    String html = dryRun(cookie, "cancel", "", agent);
    assertThat(number(COUNT, html)).isEqualTo(1);
    assertThat(number(COUNT, dryRun(cookie, "cancel", "", ""))).isEqualTo(1);
    for (String id : theirs) {
      assertThat(html).doesNotContain(id);
    }
    String result =
        post(cookie, "/console/runs/bulk/confirm", confirmForm(html))
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(number(ACCEPTED, result)).isEqualTo(1);
    assertThat(commands(ours.get(0), "CANCEL")).isEqualTo(1);
    assertThat(commandsInTenant(otherTenant)).isZero();
  }
}
