package dev.cairn.runtime.api.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.runtime.events.webhooks.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription. The signing secret is only in the answer to its creation.
 *
 * @param id its id
 * @param url where deliveries go
 * @param types event types it receives (empty: all)
 * @param description a note for people
 * @param createdBy who created it
 * @param createdAt when
 * @param secret the signing secret, only when just created: store it now, it is not shown again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResponse(
    UUID id,
    String url,
    List<String> types,
    String description,
    String createdBy,
    Instant createdAt,
    String secret) {
  static WebhookResponse of(Webhook w, String secret) {
    return new WebhookResponse(
        w.id(), w.url(), w.types(), w.description(), w.createdBy(), w.createdAt(), secret);
  }
}
