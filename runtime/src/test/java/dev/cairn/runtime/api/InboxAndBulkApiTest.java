package dev.cairn.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Parked;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator inbox and bulk commands, each test in a fresh tenant of parked runs. */
@QuarkusTest
class InboxAndBulkApiTest {
  @Inject DataSource dataSource;

  private Db db;
  private Parked parked;
  private String tenant;
  private String agent;
  private String operator;

  @BeforeEach
  void tenantWithAgent() {
    db = new Db(dataSource);
    parked = new Parked(dataSource);
    tenant = Auth.newTenant();
    operator = Auth.newKey(tenant, "operator");
    agent = Auth.publishScripted(Auth.newKey(tenant, "developer"), 0);
  }

  private JsonPath inbox(Map<String, ?> query) {
    return Auth.as(operator)
        .queryParams(query)
        .get("/v1/inbox")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Map<String, String> byRun(JsonPath page) {
    List<Map<String, Object>> items = page.getList("items");
    return items.stream()
        .collect(
            Collectors.toMap(
                i -> (String) i.get("runId") + (i.get("approvalId") == null ? "" : "+approval"),
                i -> (String) i.get("category")));
  }

  @Test
  void shouldListWhatNeedsAPerson() {
    String paused = parked.run(tenant, agent, "PAUSED");
    db.execute(
        "UPDATE agent_run SET attention = 'budget: maxTokens reached' WHERE id = ?::uuid", paused);
    String reconcile = parked.run(tenant, agent, "NEEDS_RECONCILIATION");
    String quarantined = parked.run(tenant, agent, "QUARANTINED");
    String overBudget = parked.run(tenant, agent, "BUDGET_EXCEEDED");
    String failed = parked.run(tenant, agent, "FAILED");
    String waitingLong = parked.run(tenant, agent, "WAITING", "RETRY", null, 7200);
    String waitingShort = parked.run(tenant, agent, "WAITING", "RETRY", null, 0);
    String approvalRun = parked.run(tenant, agent, "WAITING");
    Parked.Approval approval = parked.approval(tenant, approvalRun, "calculator");
    String completed = parked.run(tenant, agent, "COMPLETED");

    JsonPath page = inbox(Map.of());
    Map<String, String> items = byRun(page);
    assertThat(items)
        .containsEntry(paused, "PAUSED")
        .containsEntry(reconcile, "RECONCILIATION")
        .containsEntry(quarantined, "QUARANTINED")
        .containsEntry(overBudget, "BUDGET_EXCEEDED")
        .containsEntry(failed, "FAILED")
        .containsEntry(waitingLong, "WAITING_LONG")
        .containsEntry(approvalRun + "+approval", "APPROVAL")
        .doesNotContainKeys(waitingShort, completed, approvalRun)
        .hasSize(7);
    List<Map<String, Object>> list = page.getList("items");
    Map<String, Object> pausedItem =
        list.stream().filter(i -> paused.equals(i.get("runId"))).findFirst().orElseThrow();
    assertThat(pausedItem.get("reason")).isEqualTo("budget: maxTokens reached");
    Map<String, Object> approvalItem =
        list.stream()
            .filter(i -> approval.id().equals(i.get("approvalId")))
            .findFirst()
            .orElseThrow();
    assertThat(approvalItem.get("tool")).isEqualTo("calculator");
    assertThat((String) approvalItem.get("reason")).contains("calculator");

    assertThat(byRun(inbox(Map.of("status", "PAUSED"))).keySet()).containsExactly(paused);
    assertThat(byRun(inbox(Map.of("status", "FAILED,QUARANTINED"))).keySet())
        .containsExactlyInAnyOrder(failed, quarantined);
    assertThat(byRun(inbox(Map.of("olderThan", "PT1H"))).keySet()).containsExactly(waitingLong);
    assertThat(byRun(inbox(Map.of("waitingLongerThan", "PT3H")))).doesNotContainKey(waitingLong);
    assertThat(byRun(inbox(Map.of("waitingLongerThan", "PT0S")))).containsKey(waitingShort);
    assertThat(inbox(Map.of("agent", "no-such-agent")).getList("items")).isEmpty();

    Set<String> seen = new HashSet<>();
    JsonPath first = inbox(Map.of("limit", 4));
    assertThat(first.getList("items")).hasSize(4);
    seen.addAll(byRun(first).keySet());
    JsonPath second = inbox(Map.of("limit", 4, "cursor", first.getString("nextCursor")));
    assertThat(second.getList("items")).hasSize(3);
    assertThat(second.getString("nextCursor")).isNull();
    seen.addAll(byRun(second).keySet());
    assertThat(seen).hasSize(7);

    Auth.as(operator).queryParam("status", "DONE").get("/v1/inbox").then().statusCode(400);
    Auth.as(operator).queryParam("olderThan", "1h").get("/v1/inbox").then().statusCode(400);
    Auth.as(Auth.newKey(tenant, "auditor")).get("/v1/inbox").then().statusCode(403);
  }

  @Test
  void shouldPreviewABulkCommandWithoutWritingAnything() {
    for (int i = 0; i < 5; i++) {
      parked.run(tenant, agent, "WAITING");
    }
    parked.run(tenant, agent, "COMPLETED");
    Auth.as(operator)
        .contentType(ContentType.JSON)
        .body("{\"limit\":3}")
        .post("/v1/runs/bulk/pause")
        .then()
        .statusCode(200)
        .body("kind", equalTo("PAUSE"))
        .body("dryRun", equalTo(true))
        .body("matched", equalTo(5))
        .body("sample", hasSize(3))
        .body("sample[0].status", equalTo("WAITING"))
        .body("acceptedCount", equalTo(0));
    Auth.as(operator)
        .contentType(ContentType.JSON)
        .body("{\"status\":[\"COMPLETED\"]}")
        .post("/v1/runs/bulk/cancel")
        .then()
        .statusCode(200)
        .body("matched", equalTo(1));
    assertThat(commandsInTenant()).isZero();
  }

  @Test
  void shouldGiveOneCommandPerRunUpToTheLimitAndSkipConflicts() {
    for (int i = 0; i < 5; i++) {
      parked.run(tenant, agent, "WAITING", "APPROVAL", null, 600);
    }
    String completed = parked.run(tenant, agent, "COMPLETED", null, null, 600);
    String young = parked.run(tenant, agent, "WAITING");
    Auth.as(operator)
        .contentType(ContentType.JSON)
        .body("{\"dryRun\":false,\"limit\":3,\"olderThan\":\"PT5M\",\"agent\":\"" + agent + "\"}")
        .post("/v1/runs/bulk/pause")
        .then()
        .statusCode(200)
        .body("dryRun", equalTo(false))
        .body("matched", equalTo(5))
        .body("acceptedCount", equalTo(3))
        .body("accepted", hasSize(3))
        .body("skippedCount", equalTo(0));
    assertThat(commandsInTenant()).isEqualTo(3);
    JsonPath second =
        Auth.as(operator)
            .contentType(ContentType.JSON)
            .body(
                "{\"dryRun\":false,\"status\":[\"WAITING\",\"COMPLETED\"],"
                    + "\"createdBefore\":\""
                    + java.time.Instant.now().minusSeconds(60)
                    + "\"}")
            .post("/v1/runs/bulk/pause")
            .then()
            .statusCode(200)
            .body("matched", equalTo(6))
            .body("acceptedCount", equalTo(2))
            .body("skippedCount", equalTo(4))
            .extract()
            .jsonPath();
    List<Map<String, String>> skipped = second.getList("skipped");
    assertThat(skipped)
        .anySatisfy(
            s -> {
              assertThat(s.get("runId")).isEqualTo(completed);
              assertThat(s.get("reason")).isEqualTo("cannot pause a run that is COMPLETED");
            });
    assertThat(skipped)
        .filteredOn(s -> !s.get("runId").equals(completed))
        .allSatisfy(s -> assertThat(s.get("reason")).isEqualTo("cannot pause a run that is PAUSED"))
        .hasSize(3);
    assertThat(second.getList("accepted.runId")).doesNotContain(young);
    assertThat(commandsInTenant()).isEqualTo(5);

    Auth.as(operator)
        .contentType(ContentType.JSON)
        .body("{\"dryRun\":false,\"limit\":501}")
        .post("/v1/runs/bulk/cancel")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"))
        .body("detail", startsWith("limit: must be between 1 and 500"));
    assertThat(commandsInTenant()).isEqualTo(5);
  }

  private long commandsInTenant() {
    return db.count("SELECT count(*) FROM operator_command WHERE tenant_id = ?", tenant);
  }
}
