package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A signal sent to a run and not consumed yet.
 *
 * @param id the signal
 * @param payloadJson its payload (JSON)
 * @param createdAt when it was sent
 * @param sentBy who sent it
 */
public record SignalRow(UUID id, String payloadJson, Instant createdAt, String sentBy) {}
