package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A command to record for a run.
 *
 * @param id command id
 * @param tenantId tenant
 * @param runId the run
 * @param kind what it asks
 * @param payloadJson its arguments (JSON)
 * @param actor who gives it
 * @param idempotencyKey client key, or null
 * @param requestHash hash of the request, for key reuse checks
 * @param now acceptance time
 */
public record NewCommand(
    UUID id,
    String tenantId,
    UUID runId,
    String kind,
    String payloadJson,
    String actor,
    String idempotencyKey,
    String requestHash,
    Instant now) {}
