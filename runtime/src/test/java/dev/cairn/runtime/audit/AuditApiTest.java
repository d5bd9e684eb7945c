package dev.cairn.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.audit.chain.AuditDigests;
import dev.cairn.runtime.testing.Auth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The auditors' API: run state changes in the chain, queries, digests and their keys, verify. */
@QuarkusTest
class AuditApiTest {
  private static final AtomicLong PERIOD = new AtomicLong();

  @Inject DataSource dataSource;
  @Inject AuditDigests digests;

  @Test
  void shouldRecordEveryStateChangeOfARunOneForOne() throws SQLException {
    String tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    String agent = Auth.publishScripted(developer, 0);
    String runId = Auth.submit(developer, agent);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> "COMPLETED".equals(Auth.as(developer).get("/v1/runs/" + runId).path("status")));

    List<String> fromCheckpoints = new ArrayList<>(List.of("QUEUED"));
    for (String status :
        strings("SELECT status_after FROM checkpoint WHERE run_id = ?::uuid ORDER BY seq", runId)) {
      if (!status.equals(fromCheckpoints.getLast())) {
        fromCheckpoints.add(status);
      }
    }
    List<String> fromAudit =
        new ArrayList<>(
            strings(
                "SELECT details->>'status' FROM audit_event WHERE tenant_id = ? AND target_id = ?"
                    + " AND action = 'run.submitted'",
                tenant,
                runId));
    List<String[]> changes =
        rows(
            "SELECT details->>'from', details->>'to', actor FROM audit_event"
                + " WHERE tenant_id = ? AND target_id = ? AND action = 'run.status' ORDER BY seq",
            tenant,
            runId);
    for (String[] change : changes) {
      assertThat(change[0]).isEqualTo(fromAudit.getLast());
      assertThat(change[2]).startsWith("engine:");
      fromAudit.add(change[1]);
    }
    assertThat(fromCheckpoints).endsWith("COMPLETED");
    assertThat(fromAudit).isEqualTo(fromCheckpoints);
    assertVerified(tenant);
  }

  @Test
  void shouldNameTheOperatorWhoseCommandChangedTheStatus() throws SQLException {
    String tenant = Auth.newTenant();
    String agent = Auth.publishScripted(Auth.newKey(tenant, "developer"), 0);
    UUID run = UUID.randomUUID();
    execute(
        "INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, input, wake_at,"
            + " created_at, updated_at, submitted_by, lease_owner, lease_epoch, lease_expires_at)"
            + " VALUES (?::uuid, ?, ?, 1, 'RUNNING', '\"x\"', now() + interval '1 day', now(),"
            + " now(), 'test', 'node-a', 1, now() + interval '1 day')",
        run.toString(),
        tenant,
        agent);
    execute(
        "INSERT INTO operator_command (id, tenant_id, run_id, seq, kind, actor, created_at)"
            + " VALUES (gen_random_uuid(), ?, ?::uuid, 1, 'PAUSE', 'key:operator0001', now())",
        tenant,
        run.toString());
    execute("UPDATE agent_run SET status = 'PAUSED' WHERE id = ?::uuid", run.toString());
    execute("UPDATE agent_run SET status = 'RUNNING' WHERE id = ?::uuid", run.toString());
    List<String[]> changes =
        rows(
            "SELECT actor, details->>'to' FROM audit_event WHERE tenant_id = ? AND target_id = ?"
                + " AND action = 'run.status' ORDER BY seq",
            tenant,
            run.toString());
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0)).containsExactly("key:operator0001", "PAUSED");
    // No pending RESUME: the engine's node resumed it.
    assertThat(changes.get(1)).containsExactly("engine:node-a", "RUNNING");
  }

  @Test
  void shouldFilterAndPageRecords() {
    String tenant = Auth.newTenant();
    String auditor = Auth.newKey(tenant, "auditor");
    String developer = Auth.newKey(tenant, "developer");
    String agent = Auth.publishScripted(developer, 0);
    String runId = Auth.submit(developer, agent);
    Auth.submit(developer, agent);

    List<Map<String, Object>> all = page(auditor, Map.of("limit", 500)).getList("items");
    assertThat(all).extracting(r -> ((Number) r.get("seq")).longValue()).isSorted();
    List<Object> paged = new ArrayList<>();
    String after = "0";
    while (after != null) {
      JsonPath page = page(auditor, Map.of("limit", 2, "after", after));
      List<Object> items = page.getList("items.seq");
      assertThat(items.size()).isLessThanOrEqualTo(2);
      paged.addAll(items);
      after = page.getString("nextCursor");
    }
    assertThat(paged).isEqualTo(all.stream().map(r -> r.get("seq")).toList());

    assertThat(page(auditor, Map.of("action", "api_key.created")).getList("items.action"))
        .hasSize(2)
        .containsOnly("api_key.created");
    String developerActor = "key:" + developer.substring(6, 18);
    assertThat(page(auditor, Map.of("actor", developerActor)).getList("items.action"))
        .containsExactly("agent.published", "run.submitted", "run.submitted");
    assertThat(page(auditor, Map.of("runId", runId)).getList("items.targetId")).containsOnly(runId);
    assertThat(page(auditor, Map.of("runId", runId)).getList("items.action"))
        .contains("run.submitted");
    Instant at =
        Instant.parse(page(auditor, Map.of("action", "agent.published")).getString("items[0].at"));
    assertThat(page(auditor, Map.of("from", at.plusNanos(1000).toString())).getList("items.action"))
        .doesNotContain("agent.published", "tenant.created");
    assertThat(page(auditor, Map.of("to", at.toString())).getList("items.action"))
        .contains("tenant.created")
        .doesNotContain("agent.published");
    Auth.as(auditor)
        .queryParam("runId", "not-a-run")
        .get("/v1/audit/events")
        .then()
        .statusCode(400);
    Auth.as(auditor).queryParam("limit", 501).get("/v1/audit/events").then().statusCode(400);
  }

  @Test
  void shouldSignADigestEveryPeriodEvenWhenNothingHappenedVerifiableWithThePublicKeyAlone()
      throws Exception {
    String tenant = Auth.newTenant();
    String auditor = Auth.newKey(tenant, "auditor");
    Instant first = nextPeriod();
    digests.writeDue(first);
    digests.writeDue(nextPeriod());
    // A second call in the same period writes nothing for the tenant.
    digests.writeDue(first.plusSeconds(1));

    List<Map<String, Object>> signed =
        Auth.as(auditor).get("/v1/audit/digests").then().statusCode(200).extract().path("items");
    assertThat(signed).hasSize(2);
    assertThat(signed).extracting(d -> d.get("coversSeq")).containsOnly(2);

    String pem =
        Auth.as(auditor)
            .get("/v1/audit/keys")
            .then()
            .statusCode(200)
            .extract()
            .path("[0].publicKeyPem");
    PublicKey key =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new X509EncodedKeySpec(
                    Base64.getMimeDecoder()
                        .decode(
                            pem.replace("-----BEGIN PUBLIC KEY-----", "")
                                .replace("-----END PUBLIC KEY-----", ""))));
    for (Map<String, Object> d : signed) {
      // Rebuilt from the fields (RFC 8785: members sorted, no spaces), not taken from the answer.
      String statement =
          "{\"algorithm\":\"%s\",\"coversSeq\":%s,\"headHash\":\"%s\",\"keyId\":\"%s\",\"periodStart\":\"%s\",\"signedAt\":\"%s\",\"tenant\":\"%s\",\"version\":\"cairn-audit-digest-v1\"}"
              .formatted(
                  d.get("algorithm"),
                  d.get("coversSeq"),
                  d.get("headHash"),
                  d.get("keyId"),
                  micros(d.get("periodStart")),
                  micros(d.get("signedAt")),
                  tenant);
      assertThat(d.get("statement")).isEqualTo(statement);
      Signature verify = Signature.getInstance("Ed25519");
      verify.initVerify(key);
      verify.update(statement.getBytes(StandardCharsets.UTF_8));
      assertThat(verify.verify(Base64.getDecoder().decode((String) d.get("signature")))).isTrue();
    }
    String export =
        Auth.as(auditor)
            .get("/v1/audit/digests/export")
            .then()
            .statusCode(200)
            .contentType("application/x-ndjson")
            .extract()
            .asString();
    assertThat(export.lines()).hasSize(2);
    assertVerified(tenant);
  }

  @Test
  void shouldAnswerVerifyForAuditorsAndAdminsOnly() {
    String tenant = Auth.newTenant();
    JsonPath report =
        Auth.as(Auth.newKey(tenant, "admin"))
            .get("/v1/audit/verify")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(report.getBoolean("intact")).isTrue();
    assertThat(report.getString("tenant")).isEqualTo(tenant);
    assertThat(report.getLong("eventsChecked")).isEqualTo(report.getLong("lastSeq")).isPositive();
    for (String role : List.of("developer", "operator")) {
      Auth.as(Auth.newKey(tenant, role)).get("/v1/audit/verify").then().statusCode(403);
    }
  }

  private static void assertVerified(String tenant) {
    JsonPath report =
        Auth.as(Auth.newKey(tenant, "auditor"))
            .get("/v1/audit/verify")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(report.getBoolean("intact")).as(report.prettify()).isTrue();
  }

  private static JsonPath page(String key, Map<String, Object> query) {
    return Auth.as(key)
        .queryParams(query)
        .get("/v1/audit/events")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Instant nextPeriod() {
    return Instant.parse("2300-01-01T00:00:00Z").plus(Duration.ofDays(PERIOD.incrementAndGet()));
  }

  /** ISO 8601 with exactly six fraction digits, as the signed statement writes times. */
  private static String micros(Object iso) {
    Instant t = Instant.parse((String) iso);
    return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
        .withZone(java.time.ZoneOffset.UTC)
        .format(t);
  }

  private void execute(String sql, String... params) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      ps.executeUpdate();
    }
  }

  private List<String> strings(String sql, String... params) throws SQLException {
    return rows(sql, params).stream().map(r -> r[0]).toList();
  }

  private List<String[]> rows(String sql, String... params) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          String[] row = new String[n];
          for (int k = 0; k < n; k++) {
            row[k] = rs.getString(k + 1);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
