package dev.cairn.runtime.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.persistence.store.DueWebhookDelivery;
import dev.cairn.persistence.store.WebhookAttempt;
import dev.cairn.runtime.events.CloudEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryAttemptTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final RetrySchedule SCHEDULE =
      new RetrySchedule(Duration.ofSeconds(10), Duration.ofMinutes(5), 3, () -> 0.0);

  private static DueWebhookDelivery due(int attempt) {
    return new DueWebhookDelivery(
        UUID.randomUUID(),
        UUID.randomUUID(),
        attempt,
        "acme",
        UUID.randomUUID(),
        "https://hooks.example.com/in",
        "plain:whsec_test",
        UUID.fromString("11111111-2222-3333-4444-555555555555"),
        7,
        "run.completed",
        "billing-agent",
        NOW.minusSeconds(5),
        "{\"stepSeq\":3,\"status\":\"COMPLETED\"}");
  }

  @Test
  void shouldSignTheExactBodyAndNameTheEventInHeaders() {
    DueWebhookDelivery d = due(2);
    var event = DeliveryAttempt.event(d);
    String body = CloudEvents.toJson(event);
    Map<String, String> headers = DeliveryAttempt.headers(d, event, "whsec_test", body, NOW);
    assertThat(headers)
        .containsEntry("Content-Type", "application/cloudevents+json")
        .containsEntry("Cairn-Event-Id", "11111111-2222-3333-4444-555555555555/7")
        .containsEntry("Cairn-Event-Type", "dev.cairn.run.completed")
        .containsEntry("Cairn-Delivery-Id", d.id().toString())
        .containsEntry("Cairn-Delivery-Attempt", "2");
    String signature = headers.get("Cairn-Signature");
    assertThat(signature).startsWith("t=" + NOW.getEpochSecond() + ",v1=");
    assertThat(SignedReceiver.verify("whsec_test", signature, body, NOW.getEpochSecond())).isTrue();
    assertThat(body)
        .contains("\"runseq\":7")
        .contains("\"agent\":\"billing-agent\"")
        .contains("\"tenant\":\"acme\"")
        .contains("\"data\":{\"stepSeq\":3,\"status\":\"COMPLETED\"}");
  }

  @Test
  void shouldDeliverOn2xxRetryOtherwiseAndGiveUpAtTheLastAttempt() {
    WebhookAttempt ok = DeliveryAttempt.outcome(due(1), SendResult.answered(204), SCHEDULE, NOW);
    assertThat(ok.state()).isEqualTo("DELIVERED");
    assertThat(ok.error()).isNull();

    WebhookAttempt retry = DeliveryAttempt.outcome(due(2), SendResult.answered(500), SCHEDULE, NOW);
    assertThat(retry.state()).isEqualTo("PENDING");
    assertThat(retry.nextAttemptAt()).isEqualTo(NOW.plusSeconds(10));
    assertThat(retry.error()).isEqualTo("HTTP 500");
    assertThat(retry.status()).isEqualTo(500);

    WebhookAttempt redirect =
        DeliveryAttempt.outcome(due(1), SendResult.answered(302), SCHEDULE, NOW);
    assertThat(redirect.state()).as("redirects are not followed").isEqualTo("PENDING");

    WebhookAttempt dead =
        DeliveryAttempt.outcome(
            due(3),
            SendResult.failed("ConnectException: refused\n" + "x".repeat(600)),
            SCHEDULE,
            NOW);
    assertThat(dead.state()).isEqualTo("DEAD");
    assertThat(dead.status()).isNull();
    assertThat(dead.error()).startsWith("ConnectException: refused ").hasSize(500);
  }
}
