package dev.cairn.runtime.security;

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
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Role x endpoint x tenant: every operation of the OpenAPI document, called with no credentials,
 * with refused credentials (expired key, revoked key, tokens with a wrong issuer, audience or
 * signature, an expired token), with a key of each single role, with a token of each single role,
 * and against another tenant's resources. The expected roles come from {@link #POLICY}; an
 * operation missing from it, or one without a role declaration in code, fails the test.
 */
@QuarkusTest
class AccessMatrixTest {
  /** Who may call what. A new operation must be added here, with its roles, to pass. */
  static final Map<String, Set<Role>> POLICY = new LinkedHashMap<>();

  static {
    Set<Role> readers = EnumSet.of(Role.DEVELOPER, Role.OPERATOR, Role.AUDITOR);
    POLICY.put("POST /v1/agents", EnumSet.of(Role.DEVELOPER));
    POLICY.put("GET /v1/agents", readers);
    POLICY.put("GET /v1/agents/{name}", readers);
    POLICY.put("GET /v1/agents/{name}/versions/{version}", readers);
    POLICY.put("GET /v1/agents/{name}/variants/report", readers);
    POLICY.put("POST /v1/runs", EnumSet.of(Role.DEVELOPER));
    POLICY.put("GET /v1/runs", readers);
    POLICY.put("GET /v1/runs/{id}", readers);
    POLICY.put("GET /v1/runs/{id}/checkpoints", readers);
    POLICY.put("GET /v1/runs/{id}/tasks", readers);
    POLICY.put("POST /v1/runs/{id}/signals", EnumSet.of(Role.DEVELOPER, Role.OPERATOR));
    POLICY.put("GET /v1/runs/{id}/verify", readers);
    POLICY.put("GET /v1/runs/{id}/history", readers);
    POLICY.put("GET /v1/runs/{id}/history/export", readers);
    POLICY.put("GET /v1/runs/{id}/story", readers);
    POLICY.put("GET /v1/runs/{id}/story/export", readers);
    POLICY.put("POST /v1/runs/{id}/fork", EnumSet.of(Role.DEVELOPER, Role.OPERATOR));
    POLICY.put("GET /v1/runs/{id}/compare", readers);
    POLICY.put("GET /v1/runs/{id}/events", readers);
    POLICY.put("GET /v1/events", readers);
    POLICY.put("POST /v1/api-keys", EnumSet.of(Role.ADMIN));
    POLICY.put("GET /v1/api-keys", EnumSet.of(Role.ADMIN));
    POLICY.put("GET /v1/api-keys/{id}", EnumSet.of(Role.ADMIN));
    POLICY.put("DELETE /v1/api-keys/{id}", EnumSet.of(Role.ADMIN));
    POLICY.put("POST /v1/tenants", EnumSet.of(Role.ADMIN));
    POLICY.put("GET /v1/tenants", EnumSet.of(Role.ADMIN));
    POLICY.put("GET /v1/tenants/{id}", EnumSet.of(Role.ADMIN));
    POLICY.put("POST /v1/tenants/{id}/disable", EnumSet.of(Role.ADMIN));
    POLICY.put("POST /v1/tenants/{id}/enable", EnumSet.of(Role.ADMIN));
    POLICY.put("GET /v1/admin/mcp/servers", EnumSet.of(Role.ADMIN));
    POLICY.put("POST /v1/admin/mcp/servers/{name}/approve", EnumSet.of(Role.ADMIN));
    Set<Role> operator = EnumSet.of(Role.OPERATOR);
    Set<Role> controlReaders = EnumSet.of(Role.OPERATOR, Role.AUDITOR);
    for (String command :
        List.of("pause", "resume", "cancel", "steer", "retry", "reconcile", "budget")) {
      POLICY.put("POST /v1/runs/{id}/" + command, operator);
    }
    POLICY.put("GET /v1/runs/{id}/commands", controlReaders);
    POLICY.put("GET /v1/runs/{id}/commands/{commandId}", controlReaders);
    POLICY.put("GET /v1/runs/{id}/approvals", controlReaders);
    POLICY.put("POST /v1/runs/{id}/approvals/{approvalId}/approve", operator);
    POLICY.put("POST /v1/runs/{id}/approvals/{approvalId}/reject", operator);
    POLICY.put("GET /v1/inbox", operator);
    POLICY.put("POST /v1/runs/bulk/pause", operator);
    POLICY.put("POST /v1/runs/bulk/resume", operator);
    POLICY.put("POST /v1/runs/bulk/cancel", operator);
    Set<Role> webhookReaders = EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.AUDITOR);
    POLICY.put("POST /v1/webhooks", EnumSet.of(Role.ADMIN));
    POLICY.put("GET /v1/webhooks", webhookReaders);
    POLICY.put("GET /v1/webhooks/{id}", webhookReaders);
    POLICY.put("DELETE /v1/webhooks/{id}", EnumSet.of(Role.ADMIN));
    POLICY.put("GET /v1/webhooks/deliveries", webhookReaders);
    POLICY.put("POST /v1/webhooks/deliveries/{id}/redeliver", operator);
    POLICY.put("GET /v1/runs/{id}/replay", readers);
    POLICY.put("GET /v1/runs/{id}/state", readers);
    POLICY.put("GET /v1/runs/{id}/diff", readers);
    POLICY.put("GET /v1/replays", readers);
    Set<Role> auditors = EnumSet.of(Role.AUDITOR, Role.ADMIN);
    POLICY.put("GET /v1/audit/events", auditors);
    POLICY.put("GET /v1/audit/verify", auditors);
    POLICY.put("GET /v1/audit/digests", auditors);
    POLICY.put("GET /v1/audit/digests/export", auditors);
    POLICY.put("GET /v1/audit/keys", auditors);
    Set<Role> memoryWriters = EnumSet.of(Role.DEVELOPER, Role.OPERATOR);
    POLICY.put("GET /v1/agents/{name}/memory", readers);
    POLICY.put("GET /v1/agents/{name}/memory/search", readers);
    POLICY.put("GET /v1/agents/{name}/memory/{key}", readers);
    POLICY.put("GET /v1/agents/{name}/memory/{key}/history", readers);
    POLICY.put("PUT /v1/agents/{name}/memory/{key}", memoryWriters);
    POLICY.put("DELETE /v1/agents/{name}/memory/{key}", memoryWriters);
  }

  private static final String ISSUER = "https://idp.test/realms/cairn";

  @Inject DataSource dataSource;

  private Parked parked;
  private WebhookRows webhooks;
  private MemoryRows memory;

  /** Per tenant, the subscription the dead deliveries of the matrix belong to. */
  private final Map<String, String> deliverySubscriptions = new LinkedHashMap<>();

  /** One tenant's resources that operations can point at. */
  record Fixture(String tenant, String agent, String runId, Map<Role, String> keys) {}

  private Fixture own;
  private Fixture other;
  private final List<String> failures = new ArrayList<>();
  private int cases;

  @Test
  void everyOperationAnswersEachCallerAsThePolicySays() throws Exception {
    List<String> operations = inventory();
    assertThat(operations).as("operations without a policy").allMatch(POLICY::containsKey);
    assertThat(POLICY.keySet())
        .as("policy for operations that no longer exist")
        .allMatch(operations::contains);
    // The platform tenant is "own": its admins may manage tenants, so every operation has callers
    // it admits. "Other" is an ordinary tenant whose resources must stay invisible.
    parked = new Parked(dataSource);
    webhooks = new WebhookRows(dataSource);
    memory = new MemoryRows(dataSource);
    webhooks.retire(TenantDirectory.PLATFORM);
    own = fixture(TenantDirectory.PLATFORM);
    other = fixture(Auth.newTenant());
    String expired = expiredKey(own.tenant());
    String revoked = revokedKey(own.tenant());
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("expired key", expired);
    refused.put("revoked key", revoked);
    refused.put("unknown key", "cairn_zzzzzzzzzzzz_" + "A".repeat(43));
    refused.put("malformed key", "cairn_short");
    refused.put(
        "token with a wrong issuer",
        token(own.tenant(), Role.ADMIN, "https://evil", "cairn", null, 300));
    refused.put(
        "token with a wrong audience", token(own.tenant(), Role.ADMIN, ISSUER, "other", null, 300));
    refused.put(
        "token with a wrong signature",
        token(own.tenant(), Role.ADMIN, ISSUER, "cairn", otherKey(), 300));
    refused.put("expired token", token(own.tenant(), Role.ADMIN, ISSUER, "cairn", null, -60));

    for (String operation : operations) {
      Set<Role> allowed = POLICY.get(operation);
      check(operation, "no credentials", Auth.anonymous(), own, 401);
      for (Map.Entry<String, String> bad : refused.entrySet()) {
        check(operation, bad.getKey(), Auth.as(bad.getValue()), own, 401);
      }
      for (Role role : Role.values()) {
        int expected = allowed.contains(role) ? success(operation) : 403;
        check(operation, role.id() + " key", Auth.as(own.keys().get(role)), own, expected);
        String jwt = token(own.tenant(), role, ISSUER, "cairn", null, 300);
        check(operation, role.id() + " token", Auth.as(jwt), own, expected);
      }
      Role admitted = allowed.iterator().next();
      otherTenant(operation, Auth.as(own.keys().get(admitted)));
      if (operation.contains("/v1/tenants") || operation.contains("/v1/admin/")) {
        // An admin of an ordinary tenant is not a platform admin.
        check(
            operation, "admin of another tenant", Auth.as(other.keys().get(Role.ADMIN)), own, 403);
      }
    }
    System.out.printf(
        "access matrix: %d operations, %d cases, %d failures%n",
        operations.size(), cases, failures.size());
    assertThat(failures).as("%d cases", cases).isEmpty();
    assertThat(cases).isGreaterThan(operations.size() * 17);
  }

  /** Operations that name a resource: the other tenant's must look absent (404). */
  private void otherTenant(String operation, RequestSpecification caller) {
    switch (operation) {
      case "GET /v1/agents/{name}",
          "GET /v1/agents/{name}/versions/{version}",
          "GET /v1/agents/{name}/variants/report",
          "GET /v1/runs/{id}",
          "GET /v1/runs/{id}/checkpoints",
          "GET /v1/api-keys/{id}",
          "DELETE /v1/api-keys/{id}",
          "GET /v1/agents/{name}/memory/{key}",
          "GET /v1/agents/{name}/memory/{key}/history",
          "PUT /v1/agents/{name}/memory/{key}",
          "DELETE /v1/agents/{name}/memory/{key}",
          "POST /v1/runs" ->
          check(operation, "own role, other tenant's resource", caller, other, 404);
      case "GET /v1/inbox", "POST /v1/runs/bulk/pause", "POST /v1/runs/bulk/cancel" -> {
        String hidden = parked.run(other.tenant(), other.agent(), "PAUSED");
        Response r = call(operation, caller, own);
        if (r.asString().contains(hidden) || r.asString().contains(other.runId())) {
          failures.add(operation + ": shows another tenant's run");
        }
        cases++;
      }
      case "GET /v1/webhooks/{id}",
          "DELETE /v1/webhooks/{id}",
          "POST /v1/webhooks/deliveries/{id}/redeliver" ->
          check(operation, "own role, other tenant's resource", caller, other, 404);
      case "GET /v1/webhooks", "GET /v1/webhooks/deliveries" -> {
        String hidden = idFor(operation.substring(operation.indexOf(' ') + 1) + "/{id}", other);
        Response r = call(operation, caller, own);
        if (r.asString().contains(hidden)) {
          failures.add(operation + ": lists another tenant's webhook resource");
        }
        cases++;
      }
      case "GET /v1/replays" -> {
        // Another tenant's run is not replayed: it is reported as not found.
        Response r = call(operation, caller, other);
        if (r.statusCode() != 200 || !r.asString().contains("\"errors\":1")) {
          failures.add(operation + ": replays another tenant's run: " + r.asString());
        }
        cases++;
      }
      case "GET /v1/runs" -> {
        Response r = call(operation, caller, own);
        if (r.asString().contains(other.runId())) {
          failures.add(operation + ": lists another tenant's run");
        }
        cases++;
      }
      case "GET /v1/events" -> {
        // The stream is read from the earliest event: the other tenant's run must not show.
        Response r = call(operation, caller, own);
        if (r.asString().contains(other.runId()) || r.asString().contains(other.agent())) {
          failures.add(operation + ": streams another tenant's events");
        }
        cases++;
      }
      case "GET /v1/agents" -> {
        Response r = call(operation, caller, own);
        if (r.asString().contains("\"" + other.agent() + "\"")) {
          failures.add(operation + ": lists another tenant's agent");
        }
        cases++;
      }
      case "GET /v1/api-keys" -> {
        Response r = call(operation, caller, own);
        for (String key : other.keys().values()) {
          if (r.asString().contains(key.substring(6, 18))) {
            failures.add(operation + ": lists another tenant's key");
          }
        }
        cases++;
      }
      default -> {
        if (operation.contains("/v1/runs/{id}/")) {
          check(operation, "own role, other tenant's resource", caller, other, 404);
        }
        // Otherwise: creates in the caller's own tenant, or acts on tenants (admins only).
      }
    }
  }

  private void check(
      String operation, String who, RequestSpecification caller, Fixture target, int expected) {
    cases++;
    Response r = call(operation, caller, target);
    String problem = null;
    if (r.statusCode() != expected) {
      problem = "expected " + expected + ", got " + r.statusCode() + " " + r.asString();
    } else if (expected >= 400) {
      if (!String.valueOf(r.contentType()).startsWith("application/problem+json")) {
        problem = "error without problem+json: " + r.contentType();
      } else if (r.asString().contains("Exception") || r.asString().contains("\tat ")) {
        problem = "error body leaks internals: " + r.asString();
      } else if (expected == 401 && r.header("WWW-Authenticate") == null) {
        problem = "401 without WWW-Authenticate";
      }
    }
    if (problem != null) {
      failures.add(operation + " as " + who + ": " + problem);
    }
  }

  private static int success(String operation) {
    return switch (operation) {
      case "POST /v1/agents", "POST /v1/api-keys", "POST /v1/tenants", "POST /v1/webhooks" -> 201;
      case "DELETE /v1/webhooks/{id}" -> 204;
      case "POST /v1/webhooks/deliveries/{id}/redeliver" -> 202;
      case "POST /v1/runs" -> 202;
      case "POST /v1/runs/{id}/fork" -> 201;
      default -> operation.startsWith("POST /v1/runs/{id}/") ? 202 : 200;
    };
  }

  private Response call(String operation, RequestSpecification caller, Fixture target) {
    String method = operation.substring(0, operation.indexOf(' '));
    String path = operation.substring(operation.indexOf(' ') + 1);
    RequestSpecification request = caller.contentType(ContentType.JSON);
    String concrete =
        path.startsWith("/v1/admin/mcp/")
            ? path.replace("{name}", "probe")
            : path.replace("{name}", target.agent()).replace("{version}", "1");
    if (path.contains("{key}")) {
      // A fresh item of the target's agent each time: DELETE deletes what it is given, PUT
      // corrects its version 1.
      concrete = concrete.replace("{key}", memory.item(target.tenant(), target.agent()));
    }
    if (path.startsWith("/v1/runs/{id}/")) {
      concrete = control(operation, target, concrete, request);
    } else {
      concrete = concrete.replace("{id}", idFor(path, target));
    }
    switch (operation) {
      case "POST /v1/agents" ->
          request.body(
              """
              {"name":"%s","model":{"provider":"scripted","script":[{"text":"ok"}]}}"""
                  .formatted(Names.agent()));
      case "POST /v1/runs" ->
          request.body("{\"agent\":\"%s\",\"input\":\"hi\"}".formatted(target.agent()));
      case "POST /v1/api-keys" -> request.body("{\"name\":\"matrix\",\"roles\":[\"auditor\"]}");
      // The test profile's MCP server, approved at its live hash.
      case "POST /v1/admin/mcp/servers/{name}/approve" -> request.body(Map.of("hash", probeHash()));
      case "POST /v1/tenants" ->
          request.body("{\"id\":\"m-%s\"}".formatted(UUID.randomUUID().toString().substring(0, 8)));
      case "POST /v1/webhooks" ->
          request.body(
              "{\"url\":\"%s\",\"types\":[\"run.reconciled\"]}".formatted(WebhookRows.URL));
      case "POST /v1/runs/{id}/steer" -> request.body("{\"text\":\"be brief\"}");
      case "POST /v1/runs/{id}/signals" -> request.body("{\"name\":\"go\"}");
      case "POST /v1/runs/{id}/fork" -> request.body("{\"atSeq\":0}");
      // Compares the run with itself.
      case "GET /v1/runs/{id}/compare" -> request.queryParam("with", concrete.split("/")[3]);
      case "POST /v1/runs/{id}/reconcile" -> request.body("{\"happened\":true}");
      case "POST /v1/runs/{id}/budget" -> request.body("{\"maxSteps\":1000}");
      case "POST /v1/runs/{id}/approvals/{approvalId}/reject" ->
          request.body("{\"reason\":\"no\"}");
      case "POST /v1/runs/bulk/pause", "POST /v1/runs/bulk/resume", "POST /v1/runs/bulk/cancel" ->
          request.body("{\"dryRun\":true}");
      // Event streams stay open: end them after a second, from the earliest event.
      case "GET /v1/runs/{id}/events" -> request.queryParam("timeout", 1);
      case "GET /v1/events" -> request.queryParam("timeout", 1).queryParam("from", "earliest");
      case "GET /v1/runs/{id}/state" -> request.queryParam("seq", 0);
      case "GET /v1/runs/{id}/diff" -> request.queryParam("from", 0).queryParam("to", 0);
      case "GET /v1/replays" -> request.queryParam("runId", target.runId());
      case "GET /v1/agents/{name}/memory/search" -> request.queryParam("q", "matrix");
      case "PUT /v1/agents/{name}/memory/{key}" ->
          request.body("{\"content\":\"corrected\",\"expectedVersion\":1}");
      default -> {
        // No body.
      }
    }
    return request.request(method, concrete);
  }

  /**
   * A fresh parked run (and approval or command) in the status the operation needs, so that every
   * admitted call succeeds whatever the calls before it did.
   */
  private String control(
      String operation, Fixture target, String path, RequestSpecification request) {
    String status =
        switch (operation.substring(operation.lastIndexOf('/') + 1)) {
          case "resume" -> "PAUSED";
          case "retry" -> "FAILED";
          case "reconcile" -> "NEEDS_RECONCILIATION";
          default -> "WAITING";
        };
    String runId = parked.run(target.tenant(), target.agent(), status);
    String concrete = path.replace("{id}", runId);
    if (path.contains("{approvalId}")) {
      Parked.Approval approval = parked.approval(target.tenant(), runId, "clock");
      concrete = concrete.replace("{approvalId}", approval.id());
      if (operation.endsWith("/approve")) {
        request.body("{\"argumentsHash\":\"%s\"}".formatted(approval.argumentsHash()));
      }
    }
    if (path.contains("{commandId}")) {
      concrete = concrete.replace("{commandId}", parked.appliedCommand(target.tenant(), runId));
    }
    return concrete;
  }

  private static String probeHash() {
    return Auth.given()
        .get("/v1/admin/mcp/servers")
        .then()
        .statusCode(200)
        .extract()
        .path("find { it.name == 'probe' }.currentHash");
  }

  private String idFor(String path, Fixture target) {
    if (path.startsWith("/v1/runs")) {
      return target.runId();
    }
    if (path.startsWith("/v1/api-keys")) {
      // A fresh key each time: DELETE revokes what it is given.
      return Auth.newKey(target.tenant(), "auditor").substring(6, 18);
    }
    if (path.startsWith("/v1/tenants")) {
      return Auth.newTenant();
    }
    if (path.startsWith("/v1/webhooks/deliveries")) {
      String subscription =
          deliverySubscriptions.computeIfAbsent(target.tenant(), webhooks::subscription);
      return webhooks.deadDelivery(target.tenant(), subscription);
    }
    if (path.startsWith("/v1/webhooks")) {
      // A fresh one each time (DELETE deletes what it is given), the previous ones retired so the
      // tenant stays under its limit; the deliveries' subscription is kept.
      String keep = deliverySubscriptions.get(target.tenant());
      webhooks.retire(target.tenant());
      if (keep != null) {
        deliverySubscriptions.put(target.tenant(), webhooks.subscription(target.tenant()));
      }
      return webhooks.subscription(target.tenant());
    }
    return "";
  }

  /** Operations listed by the OpenAPI document, each checked for a role declaration in code. */
  private static List<String> inventory() throws ClassNotFoundException {
    JsonPath doc =
        RestAssured.given()
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Map<String, Object>> paths = doc.getMap("paths");
    Set<String> operations = new TreeSet<>();
    for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
      for (String method : path.getValue().keySet()) {
        if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
          operations.add(method.toUpperCase() + " " + path.getKey());
        }
      }
    }
    assertThat(operations).isNotEmpty();
    RoleDeclarations.assertEveryOperationDeclaresRoles(operations);
    return new ArrayList<>(operations);
  }

  private Fixture fixture(String tenant) {
    Map<Role, String> keys = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      keys.put(role, Auth.newKey(tenant, role.id()));
    }
    String agent = Auth.publishScripted(keys.get(Role.DEVELOPER), 0);
    String runId = Auth.submit(keys.get(Role.DEVELOPER), agent);
    return new Fixture(tenant, agent, runId, keys);
  }

  private String expiredKey(String tenant) throws Exception {
    String key = Auth.newKey(tenant, "admin");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE api_key SET expires_at = now() - interval '1 minute' WHERE id = ?")) {
      ps.setString(1, key.substring(6, 18));
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    return key;
  }

  private static String revokedKey(String tenant) {
    String key = Auth.newKey(tenant, "admin");
    Auth.given()
        .queryParam("tenant", tenant)
        .delete("/v1/api-keys/" + key.substring(6, 18))
        .then()
        .statusCode(200);
    return key;
  }

  private static PrivateKey otherKey() throws Exception {
    return KeyUtils.readPrivateKey("jwt/other-private.pem");
  }

  static String token(
      String tenant, Role role, String issuer, String audience, PrivateKey key, long ttlSeconds) {
    Instant now = Instant.now();
    var builder =
        Jwt.issuer(issuer)
            .audience(audience)
            .subject("user-" + role.id())
            .claim("tenant", tenant)
            .groups(Set.of(role.id()))
            .issuedAt(now.minusSeconds(ttlSeconds < 0 ? 600 : 0))
            .expiresAt(now.plusSeconds(ttlSeconds));
    return key == null ? builder.sign() : builder.sign(key);
  }
}
