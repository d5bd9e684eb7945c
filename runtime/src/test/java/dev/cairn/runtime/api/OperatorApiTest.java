package dev.cairn.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Parked;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operator commands over HTTP against parked runs (the engine leaves them alone), asserting on the
 * answers and on the {@code operator_command} rows: acceptance, conflicts with the projected
 * status, approvals bound to argument hashes, idempotency, roles and tenants.
 */
@QuarkusTest
class OperatorApiTest {
  private static final String PROBLEM = "application/problem+json";

  @Inject DataSource dataSource;

  private Db db;
  private Parked parked;
  private String tenant;
  private String agent;
  private String operator;
  private String auditor;
  private String developer;

  @BeforeEach
  void tenantWithAgent() {
    db = new Db(dataSource);
    parked = new Parked(dataSource);
    tenant = Auth.newTenant();
    developer = Auth.newKey(tenant, "developer");
    operator = Auth.newKey(tenant, "operator");
    auditor = Auth.newKey(tenant, "auditor");
    agent = Auth.publishScripted(developer, 0);
  }

  private String run(String status) {
    return parked.run(tenant, agent, status);
  }

  private RequestSpecification op() {
    return Auth.as(operator).contentType(ContentType.JSON);
  }

  private ValidatableResponse command(String runId, String command, String body) {
    RequestSpecification request = op();
    if (body != null) {
      request.body(body);
    }
    return request.post("/v1/runs/" + runId + "/" + command).then();
  }

  private long commands(String runId) {
    return db.count(
        "SELECT count(*) FROM operator_command WHERE run_id = ?", UUID.fromString(runId));
  }

  @Test
  void shouldAcceptEachCommandInAStatusThatAdmitsIt() {
    String waiting = run("WAITING");
    command(waiting, "pause", null)
        .statusCode(202)
        .header("Location", containsString("/v1/runs/" + waiting + "/commands/"))
        .body("runId", equalTo(waiting))
        .body("seq", equalTo(1))
        .body("kind", equalTo("PAUSE"))
        .body("state", equalTo("PENDING"))
        .body("actor", startsWith("key:"))
        .body("createdAt", notNullValue())
        .body("appliedAt", nullValue());
    command(run("PAUSED"), "resume", null).statusCode(202).body("kind", equalTo("RESUME"));
    command(run("QUEUED"), "cancel", null).statusCode(202).body("kind", equalTo("CANCEL"));
    command(run("FAILED"), "retry", null).statusCode(202).body("kind", equalTo("RETRY"));
    command(run("QUARANTINED"), "retry", null).statusCode(202);
    command(run("RUNNING"), "steer", "{\"text\":\"prefer metric units\"}")
        .statusCode(202)
        .body("kind", equalTo("STEER"))
        .body("payload.text", equalTo("prefer metric units"));
    command(run("NEEDS_RECONCILIATION"), "reconcile", "{\"happened\":false,\"note\":\"no row\"}")
        .statusCode(202)
        .body("kind", equalTo("RECONCILE"))
        .body("payload.happened", equalTo(false))
        .body("payload.note", equalTo("no row"));
    command(run("WAITING"), "budget", "{\"maxSteps\":500,\"maxTokens\":2000000}")
        .statusCode(202)
        .body("kind", equalTo("RAISE_BUDGET"))
        .body("payload.maxSteps", equalTo(500))
        .body("payload.maxTokens", equalTo(2000000));
    assertThat(commands(waiting)).isEqualTo(1);
    assertThat(db.count("SELECT command_seq FROM agent_run WHERE id = ?", UUID.fromString(waiting)))
        .isEqualTo(1);
    assertThat(
            parked.text(
                "SELECT state || ' ' || kind || ' ' || seq FROM operator_command WHERE run_id = ?",
                UUID.fromString(waiting)))
        .isEqualTo("PENDING PAUSE 1");
  }

  @Test
  void shouldRefuseACommandTheProjectedStatusDoesNotAdmit() {
    String runId = run("WAITING");
    command(runId, "cancel", null).statusCode(202).body("seq", equalTo(1));
    command(runId, "resume", null)
        .statusCode(409)
        .contentType(PROBLEM)
        .body("status", equalTo(409))
        .body("detail", equalTo("cannot resume a run that is CANCELLED"));
    command(runId, "steer", "{\"text\":\"x\"}")
        .statusCode(409)
        .body("detail", equalTo("cannot steer a run that is CANCELLED"));
    String paused = run("PAUSED");
    command(paused, "pause", null)
        .statusCode(409)
        .body("detail", equalTo("cannot pause a run that is PAUSED"));
    command(run("WAITING"), "reconcile", "{\"happened\":true}")
        .statusCode(409)
        .body("detail", equalTo("cannot reconcile a run that is WAITING"));
    command(run("COMPLETED"), "retry", null)
        .statusCode(409)
        .body("detail", equalTo("cannot retry a run that is COMPLETED"));
    // A refused command writes nothing and takes no seq.
    assertThat(commands(runId)).isEqualTo(1);
    assertThat(db.count("SELECT command_seq FROM agent_run WHERE id = ?", UUID.fromString(runId)))
        .isEqualTo(1);
    // Pause then resume is fine: the resume is checked against the projected PAUSED.
    String waiting = run("WAITING");
    command(waiting, "pause", null).statusCode(202);
    command(waiting, "resume", null).statusCode(202).body("seq", equalTo(2));
  }

  @Test
  void shouldValidateArguments() {
    String runId = run("RUNNING");
    command(runId, "steer", "{\"text\":\"\"}").statusCode(400).contentType(PROBLEM);
    command(runId, "steer", "{\"text\":\"" + "x".repeat(4001) + "\"}").statusCode(400);
    command(runId, "steer", "{}").statusCode(400);
    command(run("NEEDS_RECONCILIATION"), "reconcile", "{}").statusCode(400);
    command(runId, "budget", "{}").statusCode(400).body("detail", containsString("at least one"));
    command(runId, "budget", "{\"maxSteps\":100001}").statusCode(400);
    command(runId, "budget", "{\"maxSteps\":0}").statusCode(400);
    command("not-a-uuid", "pause", null).statusCode(400).body("errors[0].field", equalTo("id"));
    assertThat(commands(runId)).isZero();
  }

  @Test
  void shouldOnlyRaiseBudgets() {
    String runId =
        parked.run(
            tenant,
            agent,
            "WAITING",
            "APPROVAL",
            "{\"maxSteps\":100,\"maxModelCalls\":50,\"maxTokens\":1000,\"maxInvalidToolCalls\":3,"
                + "\"maxCostMicros\":1000000}",
            0);
    command(runId, "budget", "{\"maxSteps\":99}")
        .statusCode(409)
        .body("detail", equalTo("maxSteps can only be raised: the run's limit is 100"));
    command(runId, "budget", "{\"maxCostUsd\":0.5}")
        .statusCode(409)
        .body("detail", equalTo("maxCostUsd can only be raised: the run's limit is 1"));
    command(runId, "budget", "{\"maxDurationSeconds\":60}")
        .statusCode(409)
        .body("detail", containsString("no maxDurationSeconds limit"));
    command(runId, "budget", "{\"maxCostUsd\":2.5,\"maxSteps\":100}")
        .statusCode(202)
        .body("payload.maxCostMicros", equalTo(2500000))
        .body("payload.maxSteps", equalTo(100));
    // The pending raise counts: going back below it is a lowering.
    command(runId, "budget", "{\"maxCostUsd\":2}")
        .statusCode(409)
        .body("detail", containsString("is 2.5"));
  }

  @Test
  void shouldApproveOnlyTheArgumentsTheOperatorSaw() {
    String runId = run("WAITING");
    Parked.Approval approval = parked.approval(tenant, runId, "calculator");
    Auth.as(auditor)
        .get("/v1/runs/" + runId + "/approvals")
        .then()
        .statusCode(200)
        .body("[0].id", equalTo(approval.id()))
        .body("[0].tool", equalTo("calculator"))
        .body("[0].arguments.a", equalTo(1))
        .body("[0].argumentsHash", equalTo(approval.argumentsHash()))
        .body("[0].state", equalTo("PENDING"));
    String path = "/v1/runs/" + runId + "/approvals/" + approval.id();
    op().body("{\"argumentsHash\":\"other\"}")
        .post(path + "/approve")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", equalTo("the arguments changed; approval refused"));
    op().body("{\"argumentsHash\":\"" + approval.argumentsHash() + "\"}")
        .post(path + "/approve")
        .then()
        .statusCode(202)
        .body("kind", equalTo("APPROVE"))
        .body("payload.approvalId", equalTo(approval.id()))
        .body("payload.argumentsHash", equalTo(approval.argumentsHash()));
    op().body("{\"reason\":\"changed my mind\"}")
        .post(path + "/reject")
        .then()
        .statusCode(409)
        .body("detail", containsString("already decided"));
    op().body("{\"argumentsHash\":\"x\"}")
        .post("/v1/runs/" + runId + "/approvals/" + UUID.randomUUID() + "/approve")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    Parked.Approval other = parked.approval(tenant, runId, "calculator");
    op().body("{}")
        .post("/v1/runs/" + runId + "/approvals/" + other.id() + "/reject")
        .then()
        .statusCode(400);
    op().body("{\"reason\":\"too risky\"}")
        .post("/v1/runs/" + runId + "/approvals/" + other.id() + "/reject")
        .then()
        .statusCode(202)
        .body("kind", equalTo("REJECT"))
        .body("payload.reason", equalTo("too risky"));
    db.execute(
        "UPDATE tool_approval SET state = 'USED' WHERE id = ?", UUID.fromString(approval.id()));
    op().body("{\"argumentsHash\":\"" + approval.argumentsHash() + "\"}")
        .post(path + "/approve")
        .then()
        .statusCode(409)
        .body("detail", containsString("is already USED"));
  }

  @Test
  void shouldReplayAnIdempotencyKey() {
    String runId = run("RUNNING");
    String key = "steer-" + UUID.randomUUID();
    String first =
        op().header("Idempotency-Key", key)
            .body("{\"text\":\"check the totals\"}")
            .post("/v1/runs/" + runId + "/steer")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    op().header("Idempotency-Key", key)
        .body("{\"text\":\"check the totals\"}")
        .post("/v1/runs/" + runId + "/steer")
        .then()
        .statusCode(202)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(first));
    op().header("Idempotency-Key", key)
        .body("{\"text\":\"something else\"}")
        .post("/v1/runs/" + runId + "/steer")
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("type", equalTo("urn:cairn:problem:idempotency-key-reused"));
    op().header("Idempotency-Key", key).post("/v1/runs/" + runId + "/pause").then().statusCode(422);
    assertThat(commands(runId)).isEqualTo(1);
  }

  @Test
  void shouldCheckRolesAndTenants() {
    String runId = run("WAITING");
    Auth.as(developer).post("/v1/runs/" + runId + "/pause").then().statusCode(403);
    Auth.as(auditor).post("/v1/runs/" + runId + "/pause").then().statusCode(403);
    Auth.as(Auth.newKey(tenant, "admin"))
        .post("/v1/runs/" + runId + "/pause")
        .then()
        .statusCode(403);
    Auth.as(auditor).get("/v1/runs/" + runId + "/commands").then().statusCode(200);
    Auth.as(developer).get("/v1/runs/" + runId + "/commands").then().statusCode(403);
    String stranger = Auth.newKey(Auth.newTenant(), "operator", "auditor");
    Auth.as(stranger)
        .post("/v1/runs/" + runId + "/pause")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    Auth.as(stranger).get("/v1/runs/" + runId + "/commands").then().statusCode(404);
    Auth.as(stranger).get("/v1/runs/" + runId + "/approvals").then().statusCode(404);
    assertThat(commands(runId)).isZero();
  }

  @Test
  void shouldListAndGetCommands() {
    String runId = run("RUNNING");
    for (String text : List.of("one", "two", "three")) {
      command(runId, "steer", "{\"text\":\"" + text + "\"}").statusCode(202);
    }
    String cursor =
        Auth.as(auditor)
            .queryParam("limit", 2)
            .get("/v1/runs/" + runId + "/commands")
            .then()
            .statusCode(200)
            .body("items.seq", equalTo(List.of(3, 2)))
            .body("items[0].payload.text", equalTo("three"))
            .extract()
            .path("nextCursor");
    assertThat(cursor).isNotNull();
    String id =
        Auth.as(auditor)
            .queryParam("limit", 2)
            .queryParam("cursor", cursor)
            .get("/v1/runs/" + runId + "/commands")
            .then()
            .statusCode(200)
            .body("items.seq", equalTo(List.of(1)))
            .body("nextCursor", nullValue())
            .extract()
            .path("items[0].id");
    Auth.as(operator)
        .get("/v1/runs/" + runId + "/commands/" + id)
        .then()
        .statusCode(200)
        .body("payload.text", equalTo("one"));
    Auth.as(operator)
        .get("/v1/runs/" + runId + "/commands/" + UUID.randomUUID())
        .then()
        .statusCode(404);
    Auth.as(operator)
        .queryParam("cursor", "garbage")
        .get("/v1/runs/" + runId + "/commands")
        .then()
        .statusCode(400);
  }
}
