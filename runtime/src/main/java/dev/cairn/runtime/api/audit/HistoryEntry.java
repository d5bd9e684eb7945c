package dev.cairn.runtime.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One checkpoint of a run's history, with everything its hash covers.
 *
 * @param seq seq from 1
 * @param kind what the step did (MODEL_CALL, TOOL_CALL, ...)
 * @param createdAt commit time
 * @param actor who caused the step: {@code engine}, or the operators whose commands or approval
 *     decisions it applied
 * @param leaseOwner the replica that committed it
 * @param leaseEpoch the lease epoch it was committed under
 * @param decision what the step decided, or null once pruned
 * @param outcome what came back (model answer, tool result), or null once pruned
 * @param pruned the pruned marker with the payloads' digests, or null while the payloads are kept
 * @param inputTokens prompt tokens of the step
 * @param outputTokens completion tokens of the step
 * @param costMicros cost of the step in millionths of a dollar
 * @param costUsd the same cost as a decimal amount
 * @param statusAfter the run's status after the step
 * @param stateAfter the run's state summary after the step
 * @param prevHash the previous checkpoint's hash (null for the first)
 * @param hash this checkpoint's hash
 * @param hashAlg the hash algorithm ({@code jcs-sha256/v1}, or {@code legacy})
 */
public record HistoryEntry(
    int seq,
    String kind,
    Instant createdAt,
    String actor,
    String leaseOwner,
    long leaseEpoch,
    JsonNode decision,
    JsonNode outcome,
    Pruned pruned,
    int inputTokens,
    int outputTokens,
    long costMicros,
    String costUsd,
    String statusAfter,
    JsonNode stateAfter,
    String prevHash,
    String hash,
    String hashAlg) {

  /**
   * Payloads retention dropped, and their digests (which the checkpoint hash covers).
   *
   * @param at when they were dropped
   * @param decisionSha256 SHA-256 of the decision's RFC 8785 canonical JSON
   * @param outcomeSha256 SHA-256 of the outcome's RFC 8785 canonical JSON
   */
  public record Pruned(Instant at, String decisionSha256, String outcomeSha256) {}
}
