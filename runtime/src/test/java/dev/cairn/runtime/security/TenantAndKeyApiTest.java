package dev.cairn.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantAndKeyApiTest {
  @Inject DataSource dataSource;

  private static String publish(String key) {
    String agent = Names.agent();
    Auth.as(key)
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","script":[{"text":"ok"}]}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201)
        .body("publishedBy", equalTo("key:" + key.substring(6, 18)));
    return agent;
  }

  private static String submit(String key, String agent) {
    return Auth.as(key)
        .contentType(ContentType.JSON)
        .body("{\"agent\":\"%s\",\"input\":\"hi\"}".formatted(agent))
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .body("submittedBy", equalTo("key:" + key.substring(6, 18)))
        .extract()
        .path("id");
  }

  @Test
  void aDisabledTenantIsRefusedAndItsRunsWaitUntilItIsEnabledAgain() {
    String tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    String agent = publish(developer);
    Auth.given()
        .post("/v1/tenants/" + tenant + "/disable")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("disabledBy", equalTo("key:testplatform"));
    Auth.as(developer)
        .get("/v1/runs")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:cairn:problem:tenant-disabled"));

    // A run queued before the tenant was disabled (written as the engine would see it).
    Db db = new Db(dataSource);
    java.util.UUID run = java.util.UUID.randomUUID();
    db.execute(
        "INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input, wake_at,"
            + " created_at, updated_at, submitted_by) VALUES (?, ?, ?, 1, 'QUEUED', '\"hi\"',"
            + " now(), now(), now(), 'test')",
        run,
        tenant,
        agent);
    db.execute(
        "INSERT INTO run_message (run_id, idx, tenant_id, seq, role, content, created_at)"
            + " VALUES (?, 0, ?, 0, 'USER', 'hi', now())",
        run,
        tenant);
    db.execute("SELECT pg_notify('cairn_runnable', '')");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE id = ? AND status = 'QUEUED'"
                    + " AND lease_owner IS NULL AND step_count = 0",
                run))
        .as("a disabled tenant's run is not claimed")
        .isEqualTo(1);

    Auth.given().post("/v1/tenants/" + tenant + "/enable").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM agent_run WHERE id = ? AND status = 'COMPLETED'", run)
                    == 1);
    Auth.as(developer).get("/v1/runs/" + run).then().statusCode(200);
  }

  @Test
  void onlyPlatformAdminsManageTenantsAndThePlatformTenantStaysEnabled() {
    String tenant = Auth.newTenant();
    String admin = Auth.newKey(tenant, "admin");
    Auth.as(admin).get("/v1/tenants").then().statusCode(403);
    Auth.given()
        .contentType(ContentType.JSON)
        .body(Map.of("id", tenant))
        .post("/v1/tenants")
        .then()
        .statusCode(409);
    Auth.given().post("/v1/tenants/default/disable").then().statusCode(409);
    Auth.given().get("/v1/tenants/no-such-tenant").then().statusCode(404);
    Auth.given()
        .contentType(ContentType.JSON)
        .body(Map.of("id", "Not Valid"))
        .post("/v1/tenants")
        .then()
        .statusCode(400);
  }

  @Test
  void aKeyIsShownOnceStoredAsAHashRecordsItsUseAndStopsWorkingWhenRevoked() {
    String tenant = Auth.newTenant();
    String admin = Auth.newKey(tenant, "admin");
    String created =
        Auth.as(admin)
            .contentType(ContentType.JSON)
            .body(Map.of("name", "ci", "roles", List.of("auditor")))
            .post("/v1/api-keys")
            .then()
            .statusCode(201)
            .body("tenant", equalTo(tenant))
            .body("createdBy", equalTo("key:" + admin.substring(6, 18)))
            .body("key", notNullValue())
            .extract()
            .path("key");
    String id = created.substring(6, 18);
    Auth.as(admin)
        .get("/v1/api-keys/" + id)
        .then()
        .statusCode(200)
        .body("key", nullValue())
        .body("lastUsedAt", nullValue());
    Auth.as(created).get("/v1/runs").then().statusCode(200);
    Auth.as(admin).get("/v1/api-keys/" + id).then().body("lastUsedAt", notNullValue());
    Db db = new Db(dataSource);
    assertThat(
            db.count("SELECT count(*) FROM api_key WHERE id = ? AND length(secret_hash) = 32", id))
        .isEqualTo(1);

    Auth.as(admin)
        .delete("/v1/api-keys/" + id)
        .then()
        .statusCode(200)
        .body("revokedAt", notNullValue())
        .body("revokedBy", equalTo("key:" + admin.substring(6, 18)));
    Auth.as(created)
        .get("/v1/runs")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalTo("Bearer realm=\"cairn\""))
        .body("detail", equalTo("API key revoked"));
    Auth.as(admin).get("/v1/api-keys").then().statusCode(200).body("items.id", hasItem(id));
  }

  @Test
  void aTenantAdminNeverSeesAnotherTenantsKeys() {
    String mine = Auth.newTenant();
    String theirs = Auth.newTenant();
    String admin = Auth.newKey(mine, "admin");
    String theirKey = Auth.newKey(theirs, "developer").substring(6, 18);
    Auth.as(admin).get("/v1/api-keys/" + theirKey).then().statusCode(404);
    Auth.as(admin)
        .queryParam("tenant", theirs)
        .get("/v1/api-keys/" + theirKey)
        .then()
        .statusCode(404);
    Auth.as(admin).delete("/v1/api-keys/" + theirKey).then().statusCode(404);
    Auth.as(admin).queryParam("tenant", theirs).get("/v1/api-keys").then().statusCode(404);
    Auth.as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "roles", List.of("admin"), "tenant", theirs))
        .post("/v1/api-keys")
        .then()
        .statusCode(404);
    Auth.as(admin).get("/v1/api-keys").then().body("items.id", not(hasItem(theirKey)));
  }

  @Test
  void keysArePagedNewestFirstAndBadInputIsRefused() {
    String tenant = Auth.newTenant();
    for (int i = 0; i < 3; i++) {
      Auth.newKey(tenant, "auditor");
    }
    String next =
        Auth.given()
            .queryParam("tenant", tenant)
            .queryParam("limit", 2)
            .get("/v1/api-keys")
            .then()
            .statusCode(200)
            .body("items.size()", equalTo(2))
            .extract()
            .path("nextCursor");
    Auth.given()
        .queryParam("tenant", tenant)
        .queryParam("limit", 2)
        .queryParam("cursor", next)
        .get("/v1/api-keys")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("nextCursor", nullValue());
    Auth.given().queryParam("cursor", "garbage!").get("/v1/api-keys").then().statusCode(400);
    Auth.given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "roles", List.of("root")))
        .post("/v1/api-keys")
        .then()
        .statusCode(400);
    Auth.given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "x",
                "roles",
                List.of("admin"),
                "expiresAt",
                Instant.now().minusSeconds(5).toString()))
        .post("/v1/api-keys")
        .then()
        .statusCode(400);
    Auth.given().get("/v1/api-keys/NOT-AN-ID").then().statusCode(400);
  }

  @Test
  void tokensCarryTenantRolesAndTheActor() {
    String tenant = Auth.newTenant();
    String token =
        AccessMatrixTest.token(
            tenant, Role.DEVELOPER, "https://idp.test/realms/cairn", "cairn", null, 300);
    String agent = Names.agent();
    Auth.as(token)
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","script":[{"text":"ok"}]}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201)
        .body("publishedBy", equalTo("user:user-developer"));
    Auth.as(token)
        .contentType(ContentType.JSON)
        .body("{\"agent\":\"%s\",\"input\":\"hi\"}".formatted(agent))
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .body("submittedBy", equalTo("user:user-developer"));
    String noTenant =
        io.smallrye.jwt.build.Jwt.issuer("https://idp.test/realms/cairn")
            .audience("cairn")
            .subject("bob")
            .groups(java.util.Set.of("developer"))
            .sign();
    Auth.as(noTenant).get("/v1/runs").then().statusCode(401);
    String unknownRoles =
        io.smallrye.jwt.build.Jwt.issuer("https://idp.test/realms/cairn")
            .audience("cairn")
            .subject("carol")
            .claim("tenant", tenant)
            .groups(java.util.Set.of("superuser", "root"))
            .sign();
    Auth.as(unknownRoles).get("/v1/runs").then().statusCode(403);
    Auth.as(token).get("/v1/agents").then().statusCode(200).body("name", hasItem(agent));
  }
}
