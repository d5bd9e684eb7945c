package dev.cairn.runtime.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.testing.Auth;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit view: records filtered by actor, action and time, newest first and keyset paged; bad
 * filters as the API's problem details; the tenant chain verified intact, then broken after a
 * record is changed behind the append-only guard; auditor and admin only.
 */
@QuarkusTest
class ConsoleAuditLogViewTest {
  private static final Pattern ROW =
      Pattern.compile("<tr data-seq=\"(\\d+)\" data-action=\"([^\"]*)\" data-actor=\"([^\"]*)\">");
  private static final Pattern OLDER = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");

  @Inject DataSource dataSource;

  private String tenant;
  private String developer;
  private String auditor;
  private String session;

  @BeforeEach
  void tenantWithRecords() {
    tenant = Auth.newTenant();
    developer = Auth.newKey(tenant, "developer");
    auditor = Auth.newKey(tenant, "auditor");
    session = ConsoleClient.signIn(auditor);
  }

  private record Row(long seq, String action, String actor) {}

  private static List<Row> rows(String html) {
    List<Row> rows = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      rows.add(new Row(Long.parseLong(m.group(1)), m.group(2), m.group(3)));
    }
    return rows;
  }

  private static String get(String session, String path, Map<String, String> query, int status) {
    return given()
        .cookie(ConsoleSessions.COOKIE, session)
        .redirects()
        .follow(false)
        .queryParams(query)
        .get(path)
        .then()
        .statusCode(status)
        .extract()
        .asString();
  }

  private String audit(Map<String, String> query) {
    return get(session, "/console/audit", query, 200);
  }

  private static String actorOf(String key) {
    return "key:" + key.substring(6, 18);
  }

  @Test
  void shouldFilterByActorActionAndTimeNewestFirst() {
    String agent = Auth.publishScripted(developer, 0);
    Auth.submit(developer, agent);
    String other = Auth.newTenant();
    Auth.publishScripted(Auth.newKey(other, "developer"), 0);

    List<Row> all = rows(audit(Map.of()));
    assertThat(all).isNotEmpty();
    assertThat(all).extracting(Row::seq).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(all).extracting(Row::action).contains("tenant.created", "agent.published");
    List<Object> apiSeqs =
        Auth.as(auditor)
            .queryParam("limit", 500)
            .get("/v1/audit/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.seq");
    assertThat(all)
        .extracting(r -> (Object) (int) r.seq())
        .containsExactlyElementsOf(apiSeqs.reversed());

    List<Row> byActor = rows(audit(Map.of("actor", actorOf(developer))));
    assertThat(byActor).extracting(Row::action).containsExactly("run.submitted", "agent.published");
    assertThat(byActor).extracting(Row::actor).containsOnly(actorOf(developer));

    List<Row> byAction = rows(audit(Map.of("action", "api_key.created")));
    assertThat(byAction).hasSize(2).extracting(Row::action).containsOnly("api_key.created");

    Instant at =
        Instant.parse(
            Auth.as(auditor)
                .queryParam("action", "agent.published")
                .get("/v1/audit/events")
                .then()
                .extract()
                .path("items[0].at"));
    List<Row> after = rows(audit(Map.of("from", at.plusNanos(1000).toString())));
    assertThat(after)
        .extracting(Row::action)
        .contains("run.submitted")
        .doesNotContain("agent.published", "tenant.created");
    List<Row> before = rows(audit(Map.of("to", at.toString())));
    assertThat(before)
        .extracting(Row::action)
        .contains("tenant.created")
        .doesNotContain("agent.published", "run.submitted");
    List<Row> exactly =
        rows(
            audit(
                Map.of(
                    "from",
                    at.toString(),
                    "to",
                    at.plusNanos(1000).toString(),
                    "actor",
                    actorOf(developer))));
    assertThat(exactly).extracting(Row::action).containsExactly("agent.published");
  }

  @Test
  void shouldPageOlderRecordsByKeyset() {
    for (int i = 0; i < 55; i++) {
      Auth.newKey(tenant, "auditor");
    }
    List<Long> seen = new ArrayList<>();
    String path = "/console/audit?action=api_key.created";
    int pages = 0;
    while (path != null) {
      String html =
          given()
              .cookie(ConsoleSessions.COOKIE, session)
              .get(path)
              .then()
              .statusCode(200)
              .extract()
              .asString();
      List<Row> page = rows(html);
      assertThat(page.size()).isLessThanOrEqualTo(50);
      assertThat(page).extracting(Row::action).containsOnly("api_key.created");
      page.forEach(r -> seen.add(r.seq()));
      Matcher older = OLDER.matcher(html);
      path = older.find() ? older.group(1).replace("&amp;", "&") : null;
      if (path != null) {
        assertThat(path)
            .contains("action=api_key.created")
            .contains("before=" + page.getLast().seq());
      }
      pages++;
    }
    assertThat(pages).isEqualTo(2);
    assertThat(seen)
        .hasSize(57)
        .doesNotHaveDuplicates()
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void shouldShowTheApisProblemDetailsForBadFilters() {
    String badTime = get(session, "/console/audit", Map.of("from", "yesterday"), 400);
    assertThat(badTime)
        .contains("data-testid=\"problem\"")
        .contains("validation")
        .contains("from: not an ISO-8601 instant");
    assertThat(get(session, "/console/audit", Map.of("to", "2026-13-45"), 400))
        .contains("to: not an ISO-8601 instant");
    assertThat(get(session, "/console/audit", Map.of("action", "Run.Submitted"), 400))
        .contains("action: lower-case letters, dots and underscores");
    assertThat(get(session, "/console/audit", Map.of("actor", "x".repeat(201)), 400))
        .contains("actor: size must be between 0 and 200");
    assertThat(get(session, "/console/audit", Map.of("before", "-3"), 400)).contains("before:");
    Auth.as(auditor).queryParam("from", "yesterday").get("/v1/audit/events").then().statusCode(400);
  }

  @Test
  void shouldShowDetailsAsEscapedText() {
    Auth.given()
        .contentType("application/json")
        .body(
            Map.of(
                "name",
                "<img src=x onerror=alert(1)>",
                "roles",
                List.of("auditor"),
                "tenant",
                tenant))
        .post("/v1/api-keys")
        .then()
        .statusCode(201);
    String html = audit(Map.of("action", "api_key.created"));
    assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
  }

  @Test
  void shouldVerifyTheTenantsChainIntactThenBrokenAtTheChangedRecord() throws SQLException {
    Auth.publishScripted(developer, 0);
    String intact = get(session, "/console/audit/verify", Map.of(), 200);
    assertThat(intact).contains("data-intact=\"true\"").contains("Intact").doesNotContain("Broken");
    assertThat(audit(Map.of("verify", "1"))).contains("data-intact=\"true\"");
    assertThat(audit(Map.of())).doesNotContain("data-testid=\"chain-verdict\"");

    tamper(2);
    String broken = get(session, "/console/audit/verify", Map.of(), 200);
    assertThat(broken)
        .contains("data-intact=\"false\"")
        .contains("Broken")
        .contains("data-testid=\"chain-broken-seq\">2<")
        .contains("content-changed");
    assertThat(audit(Map.of("verify", "1"))).contains("data-intact=\"false\"");
    Auth.as(auditor)
        .get("/v1/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", org.hamcrest.Matchers.is(false));
  }

  @Test
  void shouldOpenToAuditorsAndAdminsOnly() {
    String admin = ConsoleClient.signIn(Auth.newKey(tenant, "admin"));
    assertThat(get(admin, "/console/audit", Map.of(), 200)).contains("Audit log");
    assertThat(get(admin, "/console/runs", Map.of(), 200)).contains("href=\"/console/audit\"");
    assertThat(get(session, "/console/runs", Map.of(), 200)).contains("href=\"/console/audit\"");
    for (String role : List.of("developer", "operator")) {
      String other = ConsoleClient.signIn(Auth.newKey(tenant, role));
      assertThat(get(other, "/console/audit", Map.of(), 403)).contains("forbidden");
      get(other, "/console/audit/verify", Map.of(), 403);
      get(other, "/console/audit/run", Map.of("run", "00000000-0000-0000-0000-000000000000"), 403);
      assertThat(get(other, "/console/runs", Map.of(), 200))
          .doesNotContain("href=\"/console/audit\"");
    }
  }

  @Test
  void shouldSendARunIdToItsCheckpointVerdict() {
    String runId = Auth.submit(developer, Auth.publishScripted(developer, 0));
    given()
        .cookie(ConsoleSessions.COOKIE, session)
        .redirects()
        .follow(false)
        .queryParam("run", runId)
        .get("/console/audit/run")
        .then()
        .statusCode(303)
        .header("Location", org.hamcrest.Matchers.endsWith("/console/runs/" + runId));
    given()
        .cookie(ConsoleSessions.COOKIE, session)
        .header("HX-Request", "true")
        .queryParam("run", runId)
        .get("/console/audit/run")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("data-testid=\"verdict\""));
    assertThat(get(session, "/console/audit/run", Map.of("run", "not-a-run"), 400))
        .contains("not an id");
  }

  /**
   * Changes one record of the tenant behind the append-only guard (triggers off), as a DBA could.
   */
  private void tamper(long seq) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL session_replication_role = replica");
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE audit_event SET actor = actor || 'x' WHERE tenant_id = ? AND seq = ?")) {
        ps.setString(1, tenant);
        ps.setLong(2, seq);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      c.commit();
      c.setAutoCommit(true);
    }
  }
}
