package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A signal to store.
 *
 * @param id its id
 * @param tenantId tenant
 * @param runId the run it is sent to
 * @param name its name
 * @param payloadJson its payload (JSON)
 * @param sentBy who sends it
 * @param idempotencyKey the client's key, or null
 * @param requestHash hash of the request, for key reuse checks
 * @param now when it is sent
 */
public record NewSignal(
    UUID id,
    String tenantId,
    UUID runId,
    String name,
    String payloadJson,
    String sentBy,
    String idempotencyKey,
    String requestHash,
    Instant now) {}
