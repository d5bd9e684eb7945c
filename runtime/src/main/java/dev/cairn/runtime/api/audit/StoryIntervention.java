package dev.cairn.runtime.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An operator command given to the run.
 *
 * @param seq the command's seq in the run
 * @param kind PAUSE, RESUME, CANCEL, STEER, APPROVE, REJECT, RETRY, RECONCILE or RAISE_BUDGET
 * @param actor who gave it
 * @param payload its payload (steer text, budget, ...)
 * @param state PENDING, APPLIED or REJECTED
 * @param outcome what it did, or why it was rejected
 * @param appliedSeq the checkpoint that applied it, or null
 * @param createdAt when it was accepted
 * @param appliedAt when it was applied or rejected, or null
 */
public record StoryIntervention(
    long seq,
    String kind,
    String actor,
    JsonNode payload,
    String state,
    String outcome,
    Integer appliedSeq,
    Instant createdAt,
    Instant appliedAt) {}
