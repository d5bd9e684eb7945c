package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A webhook delivery as operators see it.
 *
 * @param id its id
 * @param tenantId the tenant
 * @param subscriptionId the subscription
 * @param url the subscription's URL
 * @param runId the event's run
 * @param seq the event's seq within the run
 * @param eventType the event's type (without prefix)
 * @param state PENDING, DELIVERED or DEAD
 * @param attempts attempts so far (since the last redelivery)
 * @param nextAttemptAt when the next attempt is due (meaningful while PENDING)
 * @param lastAttemptAt when the last attempt started
 * @param lastStatus the last HTTP status answered, or null
 * @param lastError why the last attempt failed, or null
 * @param createdAt when the delivery was created
 * @param deliveredAt when it was delivered
 * @param deadAt when it was given up
 * @param redeliveredBy who last asked to send it again
 * @param redeliveredAt when
 */
public record WebhookDeliveryRow(
    UUID id,
    String tenantId,
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
    Instant redeliveredAt) {}
