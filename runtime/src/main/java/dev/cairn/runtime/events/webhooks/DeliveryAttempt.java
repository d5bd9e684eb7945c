package dev.cairn.runtime.events.webhooks;

import dev.cairn.persistence.store.DueWebhookDelivery;
import dev.cairn.persistence.store.StoredEvent;
import dev.cairn.persistence.store.WebhookAttempt;
import dev.cairn.runtime.events.CloudEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The request of one attempt, and what its result means for the delivery. Pure. */
final class DeliveryAttempt {
  private DeliveryAttempt() {}

  /** The event as the log stored it, rebuilt from the delivery's copy. */
  static StoredEvent event(DueWebhookDelivery d) {
    return new StoredEvent(
        0,
        null,
        d.runId(),
        d.seq(),
        d.tenantId(),
        d.agentName(),
        d.eventType(),
        d.eventDataJson(),
        d.eventTime(),
        0);
  }

  /** The request headers of an attempt that sends {@code body} at {@code now}. */
  static Map<String, String> headers(
      DueWebhookDelivery d, StoredEvent event, String secret, String body, Instant now) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CloudEvents.CONTENT_TYPE);
    headers.put("User-Agent", "Cairn-Webhooks/1");
    headers.put(
        WebhookSignature.HEADER, WebhookSignature.header(secret, now.getEpochSecond(), body));
    headers.put("Cairn-Event-Id", CloudEvents.id(event));
    headers.put("Cairn-Event-Type", CloudEvents.type(event));
    headers.put("Cairn-Delivery-Id", d.id().toString());
    headers.put("Cairn-Delivery-Attempt", Integer.toString(d.attempt()));
    return headers;
  }

  /** What to record after an attempt that came to {@code result}. */
  static WebhookAttempt outcome(
      DueWebhookDelivery d, SendResult result, RetrySchedule schedule, Instant end) {
    if (result.delivered()) {
      return new WebhookAttempt("DELIVERED", end, result.status(), null, end);
    }
    if (schedule.exhausted(d.attempt())) {
      return new WebhookAttempt("DEAD", end, result.status(), result.describe(), end);
    }
    return new WebhookAttempt(
        "PENDING", schedule.next(d.attempt(), end), result.status(), result.describe(), end);
  }
}
