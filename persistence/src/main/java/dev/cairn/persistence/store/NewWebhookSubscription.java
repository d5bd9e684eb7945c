package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription to create.
 *
 * @param id its id
 * @param tenantId the tenant
 * @param url where deliveries go
 * @param eventTypes the event types it wants (empty: all)
 * @param description a note for people, or null
 * @param sealedSecret the signing secret as stored (sealed)
 * @param createdBy who creates it
 * @param createdAt when
 */
public record NewWebhookSubscription(
    UUID id,
    String tenantId,
    String url,
    List<String> eventTypes,
    String description,
    String sealedSecret,
    String createdBy,
    Instant createdAt) {}
