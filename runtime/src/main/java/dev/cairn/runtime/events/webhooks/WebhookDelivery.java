package dev.cairn.runtime.events.webhooks;

import dev.cairn.persistence.store.WebhookDeliveryRow;
import java.time.Instant;
import java.util.UUID;

/**
 * One event on its way to one subscription.
 *
 * @param id the delivery
 * @param subscriptionId the subscription
 * @param url the subscription's URL
 * @param runId the event's run
 * @param seq the event's seq within its run
 * @param eventType the event's type, without prefix
 * @param state PENDING, DELIVERED or DEAD
 * @param attempts attempts since creation or the last redelivery
 * @param nextAttemptAt when the next attempt is due (PENDING only)
 * @param lastAttemptAt when the last attempt started
 * @param lastStatus the last HTTP status, or null
 * @param lastError why the last attempt failed, or null
 * @param createdAt when it was created
 * @param deliveredAt when it was delivered
 * @param deadAt when it was given up
 * @param redeliveredBy who last asked to send it again
 * @param redeliveredAt when
 */
public record WebhookDelivery(
    UUID id,
    UUID subscriptionId,
    String url,
    UUID runId,
    int seq,
    String eventType,
    String state,
    int attempts,
    Instant nextAttemptAt,
    Instant lastAttemptAt,
    Integer lastStatus,
    String lastError,
    Instant createdAt,
    Instant deliveredAt,
    Instant deadAt,
    String redeliveredBy,
    Instant redeliveredAt) {
  static WebhookDelivery of(WebhookDeliveryRow r) {
    return new WebhookDelivery(
        r.id(),
        r.subscriptionId(),
        r.url(),
        r.runId(),
        r.seq(),
        r.eventType(),
        r.state(),
        r.attempts(),
        "PENDING".equals(r.state()) ? r.nextAttemptAt() : null,
        r.lastAttemptAt(),
        r.lastStatus(),
        r.lastError(),
        r.createdAt(),
        r.deliveredAt(),
        r.deadAt(),
        r.redeliveredBy(),
        r.redeliveredAt());
  }
}
