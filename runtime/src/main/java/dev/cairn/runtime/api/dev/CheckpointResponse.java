package dev.cairn.runtime.api.dev;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One checkpoint.
 *
 * @param seq seq from 1
 * @param kind what the step did
 * @param statusAfter run status after the step
 * @param decision the decision
 * @param outcome what came back
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param leaseOwner replica that committed it
 * @param leaseEpoch lease epoch it was committed under
 * @param prevHash previous checkpoint hash
 * @param hash this checkpoint's hash
 * @param createdAt commit time
 */
public record CheckpointResponse(
    int seq,
    String kind,
    String statusAfter,
    JsonNode decision,
    JsonNode outcome,
    int inputTokens,
    int outputTokens,
    String leaseOwner,
    long leaseEpoch,
    String prevHash,
    String hash,
    Instant createdAt) {}
