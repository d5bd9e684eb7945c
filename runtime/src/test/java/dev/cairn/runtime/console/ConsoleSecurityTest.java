package dev.cairn.runtime.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Parked;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's security over real HTTP: headers on every response, the session cookie's flags,
 * CSRF and same-origin checks on every state-changing form, and the operator role enforced by the
 * server whatever the page shows.
 */
@QuarkusTest
class ConsoleSecurityTest {
  @Inject DataSource dataSource;

  private Db db;
  private Parked parked;
  private String tenant;
  private String operator;
  private String auditor;
  private String agent;

  @BeforeEach
  void tenantWithKeys() {
    db = new Db(dataSource);
    parked = new Parked(dataSource);
    tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    operator = Auth.newKey(tenant, "operator");
    auditor = Auth.newKey(tenant, "auditor");
    agent = Auth.publishScripted(developer, 0);
  }

  private static RequestSpecification session(String cookie) {
    return given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, cookie);
  }

  private long commands(String runId) {
    return db.count(
        "SELECT count(*) FROM operator_command WHERE run_id = ?", UUID.fromString(runId));
  }

  @Test
  void shouldSendTheStrictPolicyOnEveryConsoleResponse() {
    String cookie = ConsoleClient.signIn(operator);
    for (Response response :
        new Response[] {
          given().get("/console/sign-in"),
          session(cookie).get("/console/runs"),
          session(cookie).get("/console/runs/" + UUID.randomUUID()),
          session(cookie).get("/console/runs?state=NOPE"),
          given().get("/console/assets/console.css"),
          given().redirects().follow(false).get("/console/runs"),
        }) {
      response
          .then()
          .header("Content-Security-Policy", equalTo(ConsoleHeaders.CSP))
          .header("X-Content-Type-Options", equalTo("nosniff"))
          .header("Referrer-Policy", equalTo("same-origin"));
    }
    assertThat(ConsoleHeaders.CSP)
        .contains("default-src 'self'", "script-src 'self'", "style-src 'self'")
        .contains("object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'")
        .contains("form-action 'self'")
        .doesNotContain("unsafe");
  }

  @Test
  void shouldShowAnUnknownRunAsProblemDetails() {
    String cookie = ConsoleClient.signIn(operator);
    session(cookie)
        .get("/console/runs/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(containsString("not-found"), containsString("does not exist"));
    session(cookie).get("/console/runs/not-a-uuid").then().statusCode(400);
  }

  @Test
  void shouldSetAnHttpOnlyStrictCookieScopedToTheConsole() {
    Response response =
        given()
            .redirects()
            .follow(false)
            .contentType("application/x-www-form-urlencoded")
            .formParam("apiKey", operator)
            .post("/console/sign-in");
    response.then().statusCode(303).header("Location", containsString("/console/runs"));
    String setCookie = response.getHeader("Set-Cookie");
    assertThat(setCookie)
        .startsWith(ConsoleSessions.COOKIE + "=")
        .contains("; Path=/console", "; HttpOnly", "; SameSite=Strict", "; Max-Age=28800")
        // The test server speaks plain HTTP: Secure in auto mode only over HTTPS.
        .doesNotContain("Secure")
        .doesNotContain(operator.substring(19));
  }

  @Test
  void shouldRefuseABadKeyAndAnonymousPages() {
    given()
        .contentType("application/x-www-form-urlencoded")
        .formParam("apiKey", "cairn_aaaaaaaaaaaa_" + "x".repeat(43))
        .post("/console/sign-in")
        .then()
        .statusCode(401)
        .header("Set-Cookie", nullValue())
        .body(containsString("not valid"));
    given()
        .redirects()
        .follow(false)
        .get("/console/runs")
        .then()
        .statusCode(303)
        .header("Location", containsString("/console/sign-in"));
    session("forged.cookie").get("/console/inbox").then().statusCode(303);
  }

  @Test
  void shouldRefuseACrossSiteSignIn() {
    given()
        .header("Origin", "https://evil.example")
        .contentType("application/x-www-form-urlencoded")
        .formParam("apiKey", operator)
        .post("/console/sign-in")
        .then()
        .statusCode(403)
        .header("Set-Cookie", nullValue());
  }

  @Test
  void shouldRefuseAFormWithoutTheSessionsCsrfToken() {
    String runId = parked.run(tenant, agent, "WAITING");
    String cookie = ConsoleClient.signIn(operator);
    String otherSession = ConsoleClient.signIn(operator);
    String othersToken = ConsoleClient.csrf(otherSession, "/console/runs/" + runId);
    session(cookie)
        .contentType("application/x-www-form-urlencoded")
        .post("/console/runs/" + runId + "/pause")
        .then()
        .statusCode(403)
        .body(containsString("CSRF"));
    session(cookie)
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf", othersToken)
        .post("/console/runs/" + runId + "/pause")
        .then()
        .statusCode(403);
    assertThat(commands(runId)).isZero();
  }

  @Test
  void shouldRefuseACrossOriginPostEvenWithTheToken() {
    String runId = parked.run(tenant, agent, "WAITING");
    String cookie = ConsoleClient.signIn(operator);
    String token = ConsoleClient.csrf(cookie, "/console/runs/" + runId);
    session(cookie)
        .header("Origin", "https://evil.example")
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf", token)
        .post("/console/runs/" + runId + "/pause")
        .then()
        .statusCode(403);
    session(cookie)
        .header("Sec-Fetch-Site", "cross-site")
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf", token)
        .post("/console/runs/" + runId + "/pause")
        .then()
        .statusCode(403);
    assertThat(commands(runId)).isZero();
    // The same request from the console's own origin is accepted.
    session(cookie)
        .header("Sec-Fetch-Site", "same-origin")
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf", token)
        .post("/console/runs/" + runId + "/pause")
        .then()
        .statusCode(303)
        .header("Location", containsString("/console/runs/" + runId));
    assertThat(commands(runId)).isEqualTo(1);
  }

  @Test
  void shouldRefuseAnAuditorsActionWithAValidSessionAndToken() {
    String runId = parked.run(tenant, agent, "WAITING");
    String cookie = ConsoleClient.signIn(auditor);
    String page =
        session(cookie).get("/console/runs/" + runId).then().statusCode(200).extract().asString();
    assertThat(page).doesNotContain("data-action=").contains("auditor");
    String token = ConsoleClient.csrf(cookie, "/console/runs/" + runId);
    for (String action : new String[] {"pause", "cancel", "resume"}) {
      session(cookie)
          .contentType("application/x-www-form-urlencoded")
          .formParam("csrf", token)
          .post("/console/runs/" + runId + "/" + action)
          .then()
          .statusCode(403)
          .body(containsString("operator role"));
    }
    session(cookie)
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf", token)
        .formParam("text", "do something else")
        .post("/console/runs/" + runId + "/steer")
        .then()
        .statusCode(403);
    assertThat(commands(runId)).isZero();
  }

  @Test
  void shouldEndSessionsOfARevokedKey() {
    String cookie = ConsoleClient.signIn(operator);
    session(cookie).get("/console/runs").then().statusCode(200);
    String keyId = operator.substring(6, 18);
    String admin = Auth.newKey(tenant, "admin");
    Auth.as(admin).delete("/v1/api-keys/" + keyId).then().statusCode(200);
    session(cookie).get("/console/runs").then().statusCode(303);
  }

  @Test
  void shouldSignOutOnlyWithTheToken() {
    String cookie = ConsoleClient.signIn(operator);
    String token = ConsoleClient.csrf(cookie, "/console/runs");
    session(cookie)
        .contentType("application/x-www-form-urlencoded")
        .post("/console/sign-out")
        .then()
        .statusCode(403);
    session(cookie)
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf", token)
        .post("/console/sign-out")
        .then()
        .statusCode(303)
        .header("Set-Cookie", containsString("Max-Age=0"));
  }

  @Test
  void shouldRefuseHostileFormAndQueryInputWithProblemDetails() {
    String runId = parked.run(tenant, agent, "RUNNING");
    String cookie = ConsoleClient.signIn(operator);
    String token = ConsoleClient.csrf(cookie, "/console/runs/" + runId);
    for (String text : new String[] {"nul \u0000 here", "x".repeat(4001)}) {
      session(cookie)
          .contentType("application/x-www-form-urlencoded; charset=UTF-8")
          .formParam("csrf", token)
          .formParam("text", text)
          .post("/console/runs/" + runId + "/steer")
          .then()
          .statusCode(400);
    }
    assertThat(commands(runId)).isZero();
    session(cookie).get("/console/runs?cursor=garbage").then().statusCode(400);
    session(cookie).get("/console/runs?state=<script>").then().statusCode(400);
    session(cookie).get("/console/runs?age=99y").then().statusCode(400);
    session(cookie)
        .get("/console/runs?agent=" + "a".repeat(64))
        .then()
        .statusCode(400)
        .body(not(containsString("<script>")));
  }
}
