package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * A stored checkpoint with every column its hash covers, as the verifier reads it.
 *
 * @param seq the step's seq
 * @param tenantId the run's tenant
 * @param kind the step kind
 * @param actor who caused the step (null on legacy rows)
 * @param leaseOwner the node that held the lease
 * @param leaseEpoch the lease epoch
 * @param decisionJson the decision as stored, or null when retention pruned it
 * @param outcomeJson the outcome as stored, or null when retention pruned it
 * @param decisionSha256 the pruned decision's digest, or null
 * @param outcomeSha256 the pruned outcome's digest, or null
 * @param inputTokens input tokens
 * @param outputTokens output tokens
 * @param costMicros the step's cost
 * @param statusAfter the status after the step
 * @param stateAfterJson the state after the step, as stored
 * @param prevHash the previous hash as stored
 * @param hash the hash as stored
 * @param hashAlg the hash algorithm
 * @param createdAt the commit time
 * @param prunedAt when retention pruned the payloads, or null
 */
public record ChainRow(
    int seq,
    String tenantId,
    String kind,
    String actor,
    String leaseOwner,
    long leaseEpoch,
    String decisionJson,
    String outcomeJson,
    String decisionSha256,
    String outcomeSha256,
    long inputTokens,
    long outputTokens,
    long costMicros,
    String statusAfter,
    String stateAfterJson,
    String prevHash,
    String hash,
    String hashAlg,
    Instant createdAt,
    Instant prunedAt) {}
