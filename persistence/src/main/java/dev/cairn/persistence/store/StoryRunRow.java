package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A run with the definition version it pinned, as its story starts.
 *
 * @param id the run
 * @param agentName agent name
 * @param agentVersion pinned definition version
 * @param specJson the version's spec (JSON)
 * @param specHash the spec's hash
 * @param publishedBy who published the version
 * @param publishedAt when
 * @param submittedBy who submitted the run
 * @param submittedAt when
 * @param inputJson the run's input (JSON)
 * @param status current status
 * @param resultJson result (JSON) or null
 * @param errorJson error (JSON) or null
 * @param finishedAt when it finished, or null
 * @param stepCount steps (checkpoints) so far
 * @param modelCalls model calls so far
 * @param toolCalls tool calls so far
 * @param inputTokens prompt tokens so far
 * @param outputTokens completion tokens so far
 * @param costMicros cost so far in micros
 * @param commandSeq seq of the last accepted operator command
 * @param payloadsPrunedAt when retention pruned the run's payloads, or null
 */
public record StoryRunRow(
    UUID id,
    String agentName,
    int agentVersion,
    String specJson,
    String specHash,
    String publishedBy,
    Instant publishedAt,
    String submittedBy,
    Instant submittedAt,
    String inputJson,
    String status,
    String resultJson,
    String errorJson,
    Instant finishedAt,
    int stepCount,
    int modelCalls,
    int toolCalls,
    long inputTokens,
    long outputTokens,
    long costMicros,
    long commandSeq,
    Instant payloadsPrunedAt) {}
