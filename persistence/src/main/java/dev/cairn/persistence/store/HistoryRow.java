package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * One checkpoint as recorded, with the operator commands its step applied.
 *
 * @param seq the seq
 * @param kind checkpoint kind
 * @param decisionJson the recorded decision, or null when retention pruned it
 * @param outcomeJson the recorded outcome, or null when retention pruned it
 * @param inputTokens prompt tokens of the step
 * @param outputTokens completion tokens of the step
 * @param statusAfter status after the step
 * @param stateAfterJson state summary after the step
 * @param createdAt commit time
 * @param hash the checkpoint's hash
 * @param commandsJson the commands applied by the step as a JSON array (id, seq, kind, payload,
 *     actor), or null
 */
public record HistoryRow(
    int seq,
    String kind,
    String decisionJson,
    String outcomeJson,
    int inputTokens,
    int outputTokens,
    String statusAfter,
    String stateAfterJson,
    Instant createdAt,
    String hash,
    String commandsJson) {}
