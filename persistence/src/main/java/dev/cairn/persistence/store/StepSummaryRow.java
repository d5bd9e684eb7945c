package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * One step as a run's story summarizes it (no payloads).
 *
 * @param seq seq from 1
 * @param kind what the step did
 * @param action the decision's type, or null once pruned
 * @param tool the tool the step called, or null
 * @param createdAt commit time
 * @param actor who caused the step
 * @param statusAfter run status after the step
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param costMicros cost in micros
 * @param hash the checkpoint's hash
 * @param prunedAt when retention dropped the payloads, or null
 */
public record StepSummaryRow(
    int seq,
    String kind,
    String action,
    String tool,
    Instant createdAt,
    String actor,
    String statusAfter,
    int inputTokens,
    int outputTokens,
    long costMicros,
    String hash,
    Instant prunedAt) {}
