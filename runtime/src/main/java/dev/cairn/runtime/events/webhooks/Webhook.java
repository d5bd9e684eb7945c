package dev.cairn.runtime.events.webhooks;

import dev.cairn.persistence.store.WebhookSubscriptionRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription (never with its secret).
 *
 * @param id its id
 * @param url where deliveries go
 * @param types the event types it receives, without prefix (empty: all)
 * @param description a note for people, or null
 * @param createdBy who created it
 * @param createdAt when
 */
public record Webhook(
    UUID id,
    String url,
    List<String> types,
    String description,
    String createdBy,
    Instant createdAt) {
  static Webhook of(WebhookSubscriptionRow row) {
    return new Webhook(
        row.id(), row.url(), row.eventTypes(), row.description(), row.createdBy(), row.createdAt());
  }
}
