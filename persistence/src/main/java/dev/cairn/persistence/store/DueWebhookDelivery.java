package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery a worker claimed: what it needs to render, sign and send the event.
 *
 * @param id the delivery
 * @param claimToken the claim's fence, given back with the outcome
 * @param attempt this attempt's number (1 for the first)
 * @param tenantId the tenant
 * @param subscriptionId the subscription
 * @param url where to send it
 * @param sealedSecret the subscription's signing secret as stored
 * @param runId the event's run
 * @param seq the event's seq within the run
 * @param eventType the event's type (without prefix)
 * @param agentName the run's agent
 * @param eventTime when the event happened
 * @param eventDataJson the event's data
 */
public record DueWebhookDelivery(
    UUID id,
    UUID claimToken,
    int attempt,
    String tenantId,
    UUID subscriptionId,
    String url,
    String sealedSecret,
    UUID runId,
    int seq,
    String eventType,
    String agentName,
    Instant eventTime,
    String eventDataJson) {}
