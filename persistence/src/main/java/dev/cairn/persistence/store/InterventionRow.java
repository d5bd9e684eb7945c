package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * An operator command as a run's story tells it.
 *
 * @param seq the command's seq in the run
 * @param kind PAUSE, RESUME, STEER, ...
 * @param actor who gave it
 * @param payloadJson its payload (JSON)
 * @param state PENDING, APPLIED or REJECTED
 * @param outcome why it was rejected, or what it did
 * @param appliedSeq the checkpoint that applied it, or null
 * @param createdAt when it was accepted
 * @param appliedAt when it was applied or rejected, or null
 */
public record InterventionRow(
    long seq,
    String kind,
    String actor,
    String payloadJson,
    String state,
    String outcome,
    Integer appliedSeq,
    Instant createdAt,
    Instant appliedAt) {}
