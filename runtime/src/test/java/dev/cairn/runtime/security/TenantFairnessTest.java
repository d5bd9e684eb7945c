package dev.cairn.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * One tenant's backlog of 10,000 runs does not starve another tenant's single run: the claim caps
 * each tenant's runs in flight and takes tenants round-robin.
 */
@QuarkusTest
@TestProfile(TenantFairnessTest.Capped.class)
class TenantFairnessTest {
  static final int CAP = 4;

  /** A small cap on runs in flight per tenant. */
  public static class Capped implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "cairn.tenants.max-runs-in-flight",
          Integer.toString(CAP),
          "cairn.tenants.submit-rate",
          "0.2",
          "cairn.tenants.submit-burst",
          "3");
    }
  }

  @Inject DataSource dataSource;

  @Test
  void aSingleRunOfOneTenantCompletesWhileAnotherTenantsBacklogDrains() throws Exception {
    Db db = new Db(dataSource);
    String busy = Auth.newTenant();
    String quiet = Auth.newTenant();
    String busyDeveloper = Auth.newKey(busy, "developer");
    String quietDeveloper = Auth.newKey(quiet, "developer");
    String slow = Auth.publishScripted(busyDeveloper, 200);
    String fast = Auth.publishScripted(quietDeveloper, 0);
    db.execute(
        "WITH r AS (INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input,"
            + " wake_at, created_at, updated_at, submitted_by)"
            + " SELECT gen_random_uuid(), ?, ?, 1, 'QUEUED', '\"work\"', now(), now(), now(), 'test'"
            + " FROM generate_series(1, 10000) RETURNING id, tenant_id, created_at)"
            + " INSERT INTO run_message (run_id, idx, tenant_id, seq, role, content, created_at)"
            + " SELECT id, 0, tenant_id, 0, 'USER', 'work', created_at FROM r",
        busy,
        slow);
    db.execute("SELECT pg_notify('cairn_runnable', '')");
    String leased =
        "SELECT count(*) FROM agent_run WHERE tenant_id = ? AND lease_owner IS NOT NULL";
    AtomicLong mostInFlight = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(
        () -> mostInFlight.accumulateAndGet(db.count(leased, busy), Math::max),
        0,
        20,
        TimeUnit.MILLISECONDS);
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> db.count(leased, busy) > 0);
      long started = System.nanoTime();
      String run = Auth.submit(quietDeveloper, fast);
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () ->
                  "COMPLETED"
                      .equals(Auth.as(quietDeveloper).get("/v1/runs/" + run).path("status")));
      long latencyMs = (System.nanoTime() - started) / 1_000_000;
      long drained =
          db.count(
              "SELECT count(*) FROM agent_run WHERE tenant_id = ? AND status = 'COMPLETED'", busy);
      long waiting =
          db.count(
              "SELECT count(*) FROM agent_run WHERE tenant_id = ? AND status = 'QUEUED'", busy);
      System.out.printf(
          "fairness: the quiet tenant's run completed in %d ms; the busy tenant had completed %d"
              + " runs, %d still queued, at most %d in flight (cap %d)%n",
          latencyMs, drained, waiting, mostInFlight.get(), CAP);
      assertThat(waiting).as("the backlog is still there").isGreaterThan(9_000);
      // The backlog drains too (its runs take 200 ms each, so the quiet run may finish first).
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  db.count(
                          "SELECT count(*) FROM agent_run WHERE tenant_id = ?"
                              + " AND status = 'COMPLETED'",
                          busy)
                      > 0);
      assertThat(mostInFlight.get())
          .as("runs in flight of the busy tenant")
          .isBetween(1L, (long) CAP);
    } finally {
      sampler.shutdownNow();
      Auth.given().post("/v1/tenants/" + busy + "/disable").then().statusCode(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> db.count(leased, busy) == 0);
      db.execute(
          "DELETE FROM run_message WHERE tenant_id = ? AND run_id IN (SELECT id FROM agent_run"
              + " WHERE tenant_id = ? AND status = 'QUEUED')",
          busy,
          busy);
      db.execute("DELETE FROM agent_run WHERE tenant_id = ? AND status = 'QUEUED'", busy);
    }
  }

  @Test
  void submissionsOverATenantsQuotaAreRefusedWithRetryAfterAndOtherTenantsAreNot() {
    String tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    String agent = Auth.publishScripted(developer, 0);
    String body = "{\"agent\":\"%s\",\"input\":\"hi\"}".formatted(agent);
    for (int i = 0; i < 3; i++) {
      Auth.as(developer)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/runs")
          .then()
          .statusCode(202);
    }
    var refused =
        Auth.as(developer).contentType(ContentType.JSON).body(body).post("/v1/runs").then();
    refused.statusCode(429).contentType("application/problem+json");
    assertThat(Integer.parseInt(refused.extract().header("Retry-After"))).isBetween(1, 5);
    String other = Auth.newKey(Auth.newTenant(), "developer");
    Auth.submit(other, Auth.publishScripted(other, 0));
  }
}
