package dev.cairn.runtime.api.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An operator command as clients see it.
 *
 * @param id command id
 * @param runId the run
 * @param seq its position among the run's commands
 * @param kind {@code PAUSE}, {@code RESUME}, {@code CANCEL}, {@code STEER}, {@code APPROVE}, {@code
 *     REJECT}, {@code RETRY}, {@code RECONCILE} or {@code RAISE_BUDGET}
 * @param state {@code PENDING} until the engine applies it at a step boundary, then {@code APPLIED}
 *     or {@code REJECTED}
 * @param payload its arguments
 * @param actor who gave it
 * @param createdAt when it was accepted
 * @param appliedAt when the engine applied or rejected it
 * @param outcome the engine's note, e.g. why it was rejected
 */
public record CommandResponse(
    UUID id,
    UUID runId,
    long seq,
    String kind,
    String state,
    JsonNode payload,
    String actor,
    Instant createdAt,
    Instant appliedAt,
    String outcome) {}
