package dev.cairn.persistence.store;

/**
 * The checkpoint a step commit appends.
 *
 * @param seq step seq (previous step count + 1)
 * @param kind what the step did
 * @param decisionJson the decision (JSON)
 * @param outcomeJson what came back (JSON)
 * @param inputTokens prompt tokens of this step
 * @param outputTokens completion tokens of this step
 * @param statusAfter run status after the step
 * @param stateAfterJson summary of the run state after the step (JSON)
 * @param prevHash hash of the previous checkpoint, or null for the first
 * @param hash hash of this checkpoint, chained to {@code prevHash}
 * @param actor who caused the step ({@code engine}, or the operators whose commands or approval
 *     decisions it applied)
 * @param costMicros what the step cost, in micro-dollars
 * @param hashAlg the algorithm of {@code hash}
 */
public record CheckpointRow(
    int seq,
    String kind,
    String decisionJson,
    String outcomeJson,
    int inputTokens,
    int outputTokens,
    String statusAfter,
    String stateAfterJson,
    String prevHash,
    String hash,
    String actor,
    long costMicros,
    String hashAlg) {}
