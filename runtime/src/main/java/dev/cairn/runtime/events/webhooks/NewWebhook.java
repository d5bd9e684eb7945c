package dev.cairn.runtime.events.webhooks;

import java.util.List;

/**
 * A subscription to create, as the caller asked for it (checked by {@link WebhookService}).
 *
 * @param url the receiver's URL
 * @param types event types, with or without the {@code dev.cairn.} prefix; empty for all
 * @param description a note for people, or null
 */
public record NewWebhook(String url, List<String> types, String description) {}
