package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A signal of a run as listed with its task graph (no payload).
 *
 * @param id the signal
 * @param name its name
 * @param sentBy who sent it
 * @param createdAt when it was sent
 * @param consumedSeq the step that took it, or null while it waits
 * @param consumedAt when it was taken, or null
 */
public record SignalSummaryRow(
    UUID id,
    String name,
    String sentBy,
    Instant createdAt,
    Integer consumedSeq,
    Instant consumedAt) {}
