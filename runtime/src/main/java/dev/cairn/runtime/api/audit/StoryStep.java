package dev.cairn.runtime.api.audit;

import java.time.Instant;

/**
 * One step of a run's story, without its payloads (the history has them).
 *
 * @param seq seq from 1
 * @param kind what the step did
 * @param action the decision's type (CALL_MODEL, CALL_TOOL, APPLY_COMMANDS, ...), or null once
 *     pruned
 * @param tool the tool called, if any (null once pruned)
 * @param at commit time
 * @param actor who caused the step
 * @param statusAfter the run's status after the step
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param costMicros cost in millionths of a dollar
 * @param costUsd the same as a decimal amount
 * @param hash the checkpoint's hash
 * @param pruned whether retention pruned the step's payloads
 */
public record StoryStep(
    int seq,
    String kind,
    String action,
    String tool,
    Instant at,
    String actor,
    String statusAfter,
    int inputTokens,
    int outputTokens,
    long costMicros,
    String costUsd,
    String hash,
    boolean pruned) {}
