package dev.cairn.runtime.events.webhooks;

import java.util.List;

/**
 * A page of deliveries.
 *
 * @param items newest first
 * @param nextCursor the next page's cursor, or null on the last page
 */
public record DeliveryPage(List<WebhookDelivery> items, String nextCursor) {}
