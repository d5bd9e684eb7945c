package dev.cairn.persistence.store;

import java.util.UUID;

/**
 * The run already holding an idempotency key.
 *
 * @param id its id
 * @param requestHash hash of the request that created it
 */
public record ExistingRun(UUID id, String requestHash) {}
