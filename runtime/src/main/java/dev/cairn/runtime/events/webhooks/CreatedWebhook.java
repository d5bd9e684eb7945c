package dev.cairn.runtime.events.webhooks;

/**
 * A subscription just created, with its signing secret: the only time the secret is shown.
 *
 * @param webhook the subscription
 * @param secret the signing secret ({@code whsec_...})
 */
public record CreatedWebhook(Webhook webhook, String secret) {}
