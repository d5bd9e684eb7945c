package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored operator command.
 *
 * @param id command id
 * @param runId the run
 * @param seq its position among the run's commands
 * @param kind what it asks ({@code PAUSE}, {@code STEER}, ...)
 * @param state {@code PENDING}, {@code APPLIED} or {@code REJECTED}
 * @param payloadJson its arguments (JSON)
 * @param actor who gave it
 * @param createdAt when it was accepted
 * @param appliedAt when the engine applied or rejected it, or null
 * @param outcome the engine's note (e.g. why it was rejected), or null
 * @param requestHash hash of the request that created it, for idempotency-key checks, or null
 */
public record CommandRow(
    UUID id,
    UUID runId,
    long seq,
    String kind,
    String state,
    String payloadJson,
    String actor,
    Instant createdAt,
    Instant appliedAt,
    String outcome,
    String requestHash) {}
