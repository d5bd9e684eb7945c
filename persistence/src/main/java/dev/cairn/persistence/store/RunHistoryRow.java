package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * One checkpoint as an audit read returns it.
 *
 * @param seq seq from 1
 * @param kind what the step did
 * @param createdAt commit time
 * @param actor who caused the step, or null for checkpoints written before actors were recorded
 * @param leaseOwner the replica that committed it
 * @param leaseEpoch the lease epoch it was committed under
 * @param decisionJson the decision (JSON), or null once pruned
 * @param outcomeJson what came back (JSON), or null once pruned
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param costMicros cost of the step in micros
 * @param statusAfter run status after the step
 * @param stateAfterJson run state summary after the step (JSON)
 * @param prevHash previous checkpoint's hash
 * @param hash this checkpoint's hash
 * @param hashAlg the algorithm of {@code hash}
 * @param decisionSha256 digest of the pruned decision, or null
 * @param outcomeSha256 digest of the pruned outcome, or null
 * @param prunedAt when retention dropped the payloads, or null
 */
public record RunHistoryRow(
    int seq,
    String kind,
    Instant createdAt,
    String actor,
    String leaseOwner,
    long leaseEpoch,
    String decisionJson,
    String outcomeJson,
    int inputTokens,
    int outputTokens,
    long costMicros,
    String statusAfter,
    String stateAfterJson,
    String prevHash,
    String hash,
    String hashAlg,
    String decisionSha256,
    String outcomeSha256,
    Instant prunedAt) {}
