package dev.cairn.runtime.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Auth;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The run page's audit fragment: a run's checkpoint chain verified intact, then broken at a seq.
 */
@QuarkusTest
class ConsoleAuditViewTest {
  @Inject DataSource dataSource;

  @Test
  void shouldShowAnIntactChainThenTheFirstBrokenSeq() throws SQLException {
    String tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    String runId = Auth.submit(developer, Auth.publishScripted(developer, 0));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "COMPLETED"
                    .equals(
                        Auth.as(developer)
                            .get("/v1/runs/" + runId)
                            .then()
                            .extract()
                            .path("status")));
    String cookie = ConsoleClient.signIn(Auth.newKey(tenant, "auditor"));
    String page = verdict(cookie, runId);
    assertThat(page).contains("data-status=\"intact\"").doesNotContain("broken-seq");

    tamper(runId);
    String broken = verdict(cookie, runId);
    assertThat(broken).contains("data-testid=\"broken-seq\">1<");
  }

  private static String verdict(String cookie, String runId) {
    return given()
        .cookie(ConsoleSessions.COOKIE, cookie)
        .get("/console/runs/" + runId + "/verify")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /** Changes the first checkpoint's outcome behind the append-only guard (triggers off). */
  private void tamper(String runId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement off =
              c.prepareStatement("SET LOCAL session_replication_role = replica");
          PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE checkpoint SET outcome = '{\"text\":\"forged\"}'::jsonb"
                      + " WHERE run_id = ? AND seq = 1")) {
        off.execute();
        ps.setObject(1, UUID.fromString(runId));
        assertThat(ps.executeUpdate()).isEqualTo(1);
        c.commit();
      } finally {
        c.setAutoCommit(true);
      }
    }
  }
}
