package dev.cairn.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.MemoryRows;
import dev.cairn.runtime.testing.Names;
import dev.cairn.runtime.testing.Parked;
import dev.cairn.runtime.testing.WebhookRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every state-changing operation of the OpenAPI document, called once with success, leaves exactly
 * one audit record with the caller as actor, the expected action and the changed thing as target,
 * in the chain of the tenant whose data changed. A new mutating operation without an entry in
 * {@link #ACTIONS} fails the test.
 */
@QuarkusTest
class AuditTrailApiTest {
  /** The record each mutating operation leaves. */
  static final Map<String, String> ACTIONS = new TreeMap<>();

  static {
    ACTIONS.put("POST /v1/agents", "agent.published");
    ACTIONS.put("POST /v1/runs", "run.submitted");
    ACTIONS.put("POST /v1/runs/{id}/fork", "run.submitted");
    ACTIONS.put("POST /v1/api-keys", "api_key.created");
    ACTIONS.put("DELETE /v1/api-keys/{id}", "api_key.revoked");
    ACTIONS.put("POST /v1/tenants", "tenant.created");
    ACTIONS.put("POST /v1/tenants/{id}/disable", "tenant.disabled");
    ACTIONS.put("POST /v1/tenants/{id}/enable", "tenant.enabled");
    for (String command : List.of("pause", "resume", "cancel", "steer", "retry", "reconcile")) {
      ACTIONS.put("POST /v1/runs/{id}/" + command, "command." + command);
    }
    ACTIONS.put("POST /v1/runs/{id}/budget", "command.raise_budget");
    ACTIONS.put("POST /v1/runs/{id}/signals", "run.signalled");
    ACTIONS.put("POST /v1/runs/{id}/approvals/{approvalId}/approve", "command.approve");
    ACTIONS.put("POST /v1/runs/{id}/approvals/{approvalId}/reject", "command.reject");
    for (String command : List.of("pause", "resume", "cancel")) {
      ACTIONS.put("POST /v1/runs/bulk/" + command, "command." + command);
    }
    ACTIONS.put("POST /v1/webhooks", "webhook.created");
    ACTIONS.put("DELETE /v1/webhooks/{id}", "webhook.deleted");
    ACTIONS.put("POST /v1/webhooks/deliveries/{id}/redeliver", "webhook.redelivered");
    ACTIONS.put("PUT /v1/agents/{name}/memory/{key}", "memory.written");
    ACTIONS.put("DELETE /v1/agents/{name}/memory/{key}", "memory.deleted");
    ACTIONS.put("POST /v1/admin/mcp/servers/{name}/approve", "mcp.catalog_approved");
  }

  @Inject DataSource dataSource;

  /** One call: where its record goes and what it must say. */
  private record Call(String tenant, String actor, String targetId, Response response) {}

  @Test
  void everyMutatingOperationLeavesExactlyOneRecordWithActorActionAndTarget() throws Exception {
    Set<String> operations = mutatingOperations();
    assertThat(ACTIONS.keySet()).containsExactlyInAnyOrderElementsOf(operations);
    Fixture f = new Fixture(Auth.newTenant(), dataSource);
    List<String> failures = new ArrayList<>();
    for (String operation : operations) {
      Probe probe = f.prepare(operation);
      long before = headSeq(probe.tenant());
      Call call = probe.call().get();
      if (call.response().statusCode() >= 300) {
        failures.add(
            operation + ": " + call.response().statusCode() + " " + call.response().asString());
        continue;
      }
      List<String[]> records = recordsAfter(call.tenant(), before);
      String expected = ACTIONS.get(operation) + " by " + call.actor() + " on " + call.targetId();
      List<String> seen = records.stream().map(r -> r[0] + " by " + r[1] + " on " + r[2]).toList();
      if (!seen.equals(List.of(expected))) {
        failures.add(operation + ": expected [" + expected + "], recorded " + seen);
      }
    }
    assertThat(failures).isEmpty();
  }

  /** A prepared call of one operation. */
  private record Probe(String tenant, CallSupplier call) {}

  /** Makes the call. */
  @FunctionalInterface
  private interface CallSupplier {
    Call get() throws Exception;
  }

  /** A tenant with keys of every role, an agent, and helpers for parked runs and webhooks. */
  private static final class Fixture {
    final String tenant;
    final String developer;
    final String operator;
    final String admin;
    final String agent;
    final Parked parked;
    final WebhookRows webhooks;
    final MemoryRows memory;

    Fixture(String tenant, DataSource dataSource) {
      this.tenant = tenant;
      this.developer = Auth.newKey(tenant, "developer");
      this.operator = Auth.newKey(tenant, "operator");
      this.admin = Auth.newKey(tenant, "admin");
      this.agent = Auth.publishScripted(developer, 0);
      this.parked = new Parked(dataSource);
      this.webhooks = new WebhookRows(dataSource);
      this.memory = new MemoryRows(dataSource);
    }

    Probe prepare(String operation) {
      String platform = "key:testplatform";
      return switch (operation) {
        case "POST /v1/agents" -> {
          String name = Names.agent();
          yield new Probe(
              tenant,
              () ->
                  new Call(
                      tenant,
                      actor(developer),
                      name,
                      json(developer)
                          .body(
                              """
                              {"name":"%s","model":{"provider":"scripted","script":[{"text":"ok"}]}}"""
                                  .formatted(name))
                          .post("/v1/agents")));
        }
        case "POST /v1/runs" ->
            new Probe(
                tenant,
                () -> {
                  Response r =
                      json(developer)
                          .body("{\"agent\":\"%s\",\"input\":\"hi\"}".formatted(agent))
                          .post("/v1/runs");
                  return new Call(tenant, actor(developer), r.path("id"), r);
                });
        case "POST /v1/api-keys" ->
            new Probe(
                tenant,
                () -> {
                  Response r =
                      json(admin)
                          .body("{\"name\":\"audited\",\"roles\":[\"auditor\"]}")
                          .post("/v1/api-keys");
                  return new Call(tenant, actor(admin), r.path("id"), r);
                });
        case "DELETE /v1/api-keys/{id}" -> {
          String id = Auth.newKey(tenant, "auditor").substring(6, 18);
          yield new Probe(
              tenant,
              () -> new Call(tenant, actor(admin), id, json(admin).delete("/v1/api-keys/" + id)));
        }
        case "POST /v1/tenants" -> {
          String id = "a-" + UUID.randomUUID().toString().substring(0, 8);
          yield new Probe(
              id,
              () ->
                  new Call(
                      id,
                      platform,
                      id,
                      Auth.given()
                          .contentType(ContentType.JSON)
                          .body(Map.of("id", id))
                          .post("/v1/tenants")));
        }
        case "POST /v1/admin/mcp/servers/{name}/approve" -> {
          // The test profile's MCP server; approvals go to the platform tenant's chain.
          String hash =
              Auth.given()
                  .get("/v1/admin/mcp/servers")
                  .then()
                  .statusCode(200)
                  .extract()
                  .path("find { it.name == 'probe' }.currentHash");
          yield new Probe(
              "default",
              () ->
                  new Call(
                      "default",
                      platform,
                      "probe",
                      Auth.given()
                          .contentType(ContentType.JSON)
                          .body(Map.of("hash", hash))
                          .post("/v1/admin/mcp/servers/probe/approve")));
        }
        case "POST /v1/tenants/{id}/disable", "POST /v1/tenants/{id}/enable" -> {
          String id = Auth.newTenant();
          if (operation.endsWith("/enable")) {
            Auth.given().post("/v1/tenants/" + id + "/disable").then().statusCode(200);
          }
          String path = operation.substring(operation.indexOf(' ') + 1).replace("{id}", id);
          yield new Probe(id, () -> new Call(id, platform, id, Auth.given().post(path)));
        }
        case "POST /v1/webhooks" ->
            new Probe(
                tenant,
                () -> {
                  Response r =
                      json(admin)
                          .body(
                              "{\"url\":\"%s\",\"types\":[\"run.reconciled\"]}"
                                  .formatted(WebhookRows.URL))
                          .post("/v1/webhooks");
                  return new Call(tenant, actor(admin), r.path("id"), r);
                });
        case "DELETE /v1/webhooks/{id}" -> {
          String id = webhooks.subscription(tenant);
          yield new Probe(
              tenant,
              () -> new Call(tenant, actor(admin), id, json(admin).delete("/v1/webhooks/" + id)));
        }
        case "POST /v1/webhooks/deliveries/{id}/redeliver" -> {
          String id = webhooks.deadDelivery(tenant, webhooks.subscription(tenant));
          yield new Probe(
              tenant,
              () ->
                  new Call(
                      tenant,
                      actor(operator),
                      id,
                      json(operator).post("/v1/webhooks/deliveries/" + id + "/redeliver")));
        }
        case "POST /v1/runs/{id}/fork" -> {
          // A fork is a new run: its submission is recorded with the fork as the target.
          String original = parked.run(tenant, agent, "WAITING");
          yield new Probe(
              tenant,
              () -> {
                Response r =
                    json(developer).body("{\"atSeq\":0}").post("/v1/runs/" + original + "/fork");
                return new Call(tenant, actor(developer), r.path("id"), r);
              });
        }
        case "PUT /v1/agents/{name}/memory/{key}" -> {
          String path = "/v1/agents/" + agent + "/memory/" + memory.item(tenant, agent);
          yield new Probe(
              tenant,
              () -> {
                Response r =
                    json(operator)
                        .body("{\"content\":\"corrected\",\"expectedVersion\":1}")
                        .put(path);
                return new Call(tenant, actor(operator), r.path("itemId"), r);
              });
        }
        case "DELETE /v1/agents/{name}/memory/{key}" -> {
          String path = "/v1/agents/" + agent + "/memory/" + memory.item(tenant, agent);
          yield new Probe(
              tenant,
              () -> {
                Response r = json(developer).delete(path);
                return new Call(tenant, actor(developer), r.path("itemId"), r);
              });
        }
        default -> control(operation);
      };
    }

    /** Commands, approvals and bulk commands on a fresh parked run in the status they need. */
    private Probe control(String operation) {
      String verb = operation.substring(operation.lastIndexOf('/') + 1);
      String status =
          switch (verb) {
            case "resume" -> "PAUSED";
            case "retry" -> "FAILED";
            case "reconcile" -> "NEEDS_RECONCILIATION";
            default -> "WAITING";
          };
      if (operation.contains("/bulk/")) {
        // An agent of its own, so the selection is exactly this one run.
        String bulkAgent = Auth.publishScripted(developer, 0);
        String runId = parked.run(tenant, bulkAgent, status);
        String path = operation.substring(operation.indexOf(' ') + 1);
        return new Probe(
            tenant,
            () ->
                new Call(
                    tenant,
                    actor(operator),
                    runId,
                    json(operator)
                        .body("{\"agent\":\"%s\",\"dryRun\":false}".formatted(bulkAgent))
                        .post(path)));
      }
      String runId = parked.run(tenant, agent, status);
      String path = operation.substring(operation.indexOf(' ') + 1).replace("{id}", runId);
      RequestSpecification request = json(operator);
      if (path.contains("{approvalId}")) {
        Parked.Approval approval = parked.approval(tenant, runId, "clock");
        path = path.replace("{approvalId}", approval.id());
        request.body(
            verb.equals("approve")
                ? "{\"argumentsHash\":\"%s\"}".formatted(approval.argumentsHash())
                : "{\"reason\":\"no\"}");
      }
      switch (verb) {
        case "steer" -> request.body("{\"text\":\"be brief\"}");
        case "signals" -> request.body("{\"name\":\"go\",\"payload\":{\"n\":1}}");
        case "reconcile" -> request.body("{\"happened\":true}");
        case "budget" -> request.body("{\"maxSteps\":1000}");
        default -> {
          // No body, or set above.
        }
      }
      String concrete = path;
      return new Probe(
          tenant, () -> new Call(tenant, actor(operator), runId, request.post(concrete)));
    }

    private static RequestSpecification json(String key) {
      return Auth.as(key).contentType(ContentType.JSON);
    }

    private static String actor(String key) {
      return "key:" + key.substring(6, 18);
    }
  }

  private static Set<String> mutatingOperations() {
    JsonPath doc =
        RestAssured.given()
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Map<String, Object>> paths = doc.getMap("paths");
    Set<String> operations = new TreeSet<>();
    paths.forEach(
        (path, methods) -> {
          for (String method : methods.keySet()) {
            if (Set.of("post", "put", "patch", "delete").contains(method)) {
              operations.add(method.toUpperCase() + " " + path);
            }
          }
        });
    return operations;
  }

  private long headSeq(String tenant) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COALESCE(max(seq), 0) FROM audit_event WHERE tenant_id = ?")) {
      ps.setString(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Records after a seq, run state changes left out (the engine may move a submitted run). */
  private List<String[]> recordsAfter(String tenant, long seq) throws SQLException {
    List<String[]> records = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT action, actor, target_id FROM audit_event"
                    + " WHERE tenant_id = ? AND seq > ? AND action <> 'run.status' ORDER BY seq")) {
      ps.setString(1, tenant);
      ps.setLong(2, seq);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          records.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
    }
    return records;
  }
}
