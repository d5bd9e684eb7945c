package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A live webhook subscription as the API shows it (never with its secret).
 *
 * @param id its id
 * @param tenantId the tenant
 * @param url where deliveries go
 * @param eventTypes the event types it wants (empty: all)
 * @param description a note for people, or null
 * @param createdBy who created it
 * @param createdAt when
 */
public record WebhookSubscriptionRow(
    UUID id,
    String tenantId,
    String url,
    List<String> eventTypes,
    String description,
    String createdBy,
    Instant createdAt) {}
