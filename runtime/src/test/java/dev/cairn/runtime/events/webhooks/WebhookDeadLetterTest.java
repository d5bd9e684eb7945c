package dev.cairn.runtime.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A receiver that keeps failing: the delivery is tried {@code cairn.webhooks.max-attempts} times (3
 * in tests) with backoff, ends DEAD, is listed for operators, and is delivered once the receiver
 * recovers and an operator sends it again.
 */
@QuarkusTest
class WebhookDeadLetterTest {
  private static final int MAX_ATTEMPTS = 3;

  @Test
  void shouldEndDeadAfterTheLastAttemptAndBeDeliveredWhenSentAgain() {
    WebhookTenant tenant = new WebhookTenant();
    try (SignedReceiver receiver = SignedReceiver.start(500)) {
      var subscription = tenant.subscribe(receiver.url(), List.of("run.submitted"));
      receiver.secret(subscription.secret());
      String run = tenant.submit(tenant.publishThreeStepAgent());
      String eventId = run + "/1";

      JsonPath dead = awaitListed(tenant, tenant.operator, "DEAD", 1);
      assertThat(dead.getString("items[0].eventId")).isEqualTo(eventId);
      assertThat(dead.getString("items[0].eventType")).isEqualTo("dev.cairn.run.submitted");
      assertThat(dead.getString("items[0].subscriptionId")).isEqualTo(subscription.id());
      assertThat(dead.getInt("items[0].attempts")).isEqualTo(MAX_ATTEMPTS);
      assertThat(dead.getInt("items[0].lastStatus")).isEqualTo(500);
      assertThat(dead.getString("items[0].lastError")).isEqualTo("HTTP 500");
      assertThat(dead.getString("items[0].deadAt")).isNotNull();
      assertThat(dead.getString("items[0].nextAttemptAt")).isNull();
      // Auditors read the dead letters too; the default state is DEAD.
      tenant
          .as(tenant.auditor)
          .get("/v1/webhooks/deliveries")
          .then()
          .statusCode(200)
          .body("items[0].id", equalTo(dead.getString("items[0].id")));

      String metrics =
          io.restassured.RestAssured.given()
              .get("/q/metrics")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertThat(metricValue(metrics, "cairn_webhook_attempts_total{outcome=\"dead\"}"))
          .isGreaterThanOrEqualTo(1);
      assertThat(metricValue(metrics, "cairn_webhook_attempts_total{outcome=\"retry\"}"))
          .isGreaterThanOrEqualTo(MAX_ATTEMPTS - 1);
      assertThat(metrics).contains("cairn_webhook_deliveries{state=\"DEAD\"}");

      List<SignedReceiver.Received> tries = receiver.received();
      assertThat(tries).hasSize(MAX_ATTEMPTS);
      assertThat(tries).extracting(SignedReceiver.Received::attempt).containsExactly(1, 2, 3);
      assertThat(tries).allMatch(SignedReceiver.Received::verified);
      assertThat(tries).allMatch(r -> r.eventId().equals(eventId));
      assertThat(tries).extracting(SignedReceiver.Received::body).containsOnly(tries.get(0).body());

      receiver.answer(200);
      String deliveryId = dead.getString("items[0].id");
      tenant
          .as(tenant.operator)
          .post("/v1/webhooks/deliveries/" + deliveryId + "/redeliver")
          .then()
          .statusCode(202)
          .body("state", equalTo("PENDING"))
          .body("attempts", equalTo(0))
          .body("redeliveredBy", org.hamcrest.Matchers.startsWith("key:"));

      JsonPath delivered = awaitListed(tenant, tenant.operator, "DELIVERED", 1);
      assertThat(delivered.getString("items[0].id")).isEqualTo(deliveryId);
      // Delivery is at least once: an attempt that never reached the receiver (a pooled
      // connection the receiver had closed) is retried, so the redelivery may take a second
      // attempt; whatever it took, the recorded count is the attempt the receiver answered 200.
      int attempts = delivered.getInt("items[0].attempts");
      assertThat(attempts).isBetween(1, MAX_ATTEMPTS);
      assertThat(delivered.getInt("items[0].lastStatus")).isEqualTo(200);
      assertThat(listed(tenant, tenant.operator, "DEAD").getList("items")).isEmpty();
      List<SignedReceiver.Received> all = receiver.received();
      assertThat(all.size()).isBetween(MAX_ATTEMPTS + 1, MAX_ATTEMPTS + attempts);
      assertThat(all.getLast().verified()).isTrue();
      assertThat(all.getLast().answered()).isEqualTo(200);
      assertThat(all.getLast().attempt()).isEqualTo(attempts);
    }
  }

  @Test
  void shouldStopDeliveringWhenTheSubscriptionIsDeletedAndRefuseToSendItsDeadLettersAgain() {
    WebhookTenant tenant = new WebhookTenant();
    try (SignedReceiver receiver = SignedReceiver.start(503)) {
      var subscription = tenant.subscribe(receiver.url(), List.of("run.submitted"));
      receiver.secret(subscription.secret());
      tenant.submit(tenant.publishThreeStepAgent());
      JsonPath dead = awaitListed(tenant, tenant.operator, "DEAD", 1);
      tenant.as(tenant.admin).delete("/v1/webhooks/" + subscription.id()).then().statusCode(204);

      String deliveryId = dead.getString("items[0].id");
      tenant
          .as(tenant.operator)
          .post("/v1/webhooks/deliveries/" + deliveryId + "/redeliver")
          .then()
          .statusCode(409)
          .contentType("application/problem+json");
      // Its history stays listed; new runs create no deliveries for it.
      int before = receiver.received().size();
      String run = tenant.submit(tenant.publishThreeStepAgent());
      tenant.awaitCompleted(run);
      assertThat(listed(tenant, tenant.operator, "DEAD").getList("items")).hasSize(1);
      assertThat(listed(tenant, tenant.operator, "PENDING").getList("items")).isEmpty();
      assertThat(receiver.received()).hasSize(before);
    }
  }

  @Test
  void shouldRecordWhyAnUnreachableReceiverFailedWithoutInternals() {
    WebhookTenant tenant = new WebhookTenant();
    // Nothing listens on port 9 of 127.0.0.1: every attempt is refused.
    tenant.subscribe("http://127.0.0.1:9/closed", List.of("run.submitted"));
    tenant.submit(tenant.publishThreeStepAgent());
    JsonPath dead = awaitListed(tenant, tenant.operator, "DEAD", 1);
    assertThat(dead.getInt("items[0].attempts")).isEqualTo(MAX_ATTEMPTS);
    assertThat(dead.getString("items[0].lastStatus")).isNull();
    assertThat(dead.getString("items[0].lastError"))
        .startsWith("cannot connect")
        .doesNotContain("Exception");
  }

  private static double metricValue(String exposition, String series) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return -1;
  }

  private static JsonPath listed(WebhookTenant tenant, String key, String state) {
    return tenant
        .as(key)
        .queryParams(Map.of("state", state))
        .get("/v1/webhooks/deliveries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath awaitListed(WebhookTenant tenant, String key, String state, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> listed(tenant, key, state), page -> page.getList("items").size() == count);
  }
}
