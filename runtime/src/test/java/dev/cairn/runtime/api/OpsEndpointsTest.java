package dev.cairn.runtime.api;

import static dev.cairn.runtime.testing.Auth.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Health, metrics and the API document that operators and clients rely on. */
@QuarkusTest
class OpsEndpointsTest {

  @Test
  void shouldReportReadinessIncludingTheDatabase() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem(containsString("Database")));
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void shouldExportEngineMetricsAfterARun() {
    String id =
        given()
            .contentType(ContentType.JSON)
            .body("{\"agent\":\"demo\",\"input\":\"metrics\"}")
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "COMPLETED".equals(given().get("/v1/runs/" + id).path("status")));
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("cairn_steps_total{kind=\"MODEL_CALL\""))
        .body(containsString("cairn_step_latency_seconds"))
        .body(containsString("cairn_claim_latency_seconds"))
        .body(containsString("cairn_steps_in_flight"))
        .body(containsString("cairn_lease_expiries_total"))
        .body(containsString("cairn_runs{status=\"COMPLETED\""));
  }

  @Test
  void shouldServeADescribedApiDocument() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/v1/runs/{id}/checkpoints"))
        .body(containsString("Submit a task"))
        .body(containsString("Idempotency-Key"));
  }
}
