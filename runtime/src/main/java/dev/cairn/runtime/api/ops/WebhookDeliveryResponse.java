package dev.cairn.runtime.api.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.runtime.events.CloudEvents;
import dev.cairn.runtime.events.webhooks.WebhookDelivery;
import java.time.Instant;
import java.util.UUID;

/**
 * A webhook delivery: one event on its way to one subscription.
 *
 * @param id the delivery
 * @param subscriptionId the subscription
 * @param url the subscription's URL
 * @param eventId the CloudEvent id ({@code <runId>/<seq>})
 * @param eventType the CloudEvent type
 * @param runId the run
 * @param runSeq the event's seq within the run
 * @param state PENDING, DELIVERED or DEAD
 * @param attempts attempts since creation or the last redelivery
 * @param nextAttemptAt when the next attempt is due (PENDING)
 * @param lastAttemptAt when the last attempt started
 * @param lastStatus the last HTTP status answered
 * @param lastError why the last attempt failed
 * @param createdAt when the delivery was created
 * @param deliveredAt when it was delivered
 * @param deadAt when it was given up
 * @param redeliveredBy who last asked to send it again
 * @param redeliveredAt when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookDeliveryResponse(
    UUID id,
    UUID subscriptionId,
    String url,
    String eventId,
    String eventType,
    UUID runId,
    int runSeq,
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
  static WebhookDeliveryResponse of(WebhookDelivery d) {
    return new WebhookDeliveryResponse(
        d.id(),
        d.subscriptionId(),
        d.url(),
        d.runId() + "/" + d.seq(),
        CloudEvents.TYPE_PREFIX + d.eventType(),
        d.runId(),
        d.seq(),
        d.state(),
        d.attempts(),
        d.nextAttemptAt(),
        d.lastAttemptAt(),
        d.lastStatus(),
        d.lastError(),
        d.createdAt(),
        d.deliveredAt(),
        d.deadAt(),
        d.redeliveredBy(),
        d.redeliveredAt());
  }
}
