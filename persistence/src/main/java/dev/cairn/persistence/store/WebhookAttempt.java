package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * The outcome of one delivery attempt, as recorded.
 *
 * @param state the delivery's new state: DELIVERED, PENDING (retry) or DEAD
 * @param nextAttemptAt when to try again (for PENDING; otherwise the attempt's end)
 * @param status the HTTP status answered, or null when none was
 * @param error why it failed (at most 500 characters), or null
 * @param at when the attempt ended
 */
public record WebhookAttempt(
    String state, Instant nextAttemptAt, Integer status, String error, Instant at) {}
