package dev.cairn.runtime.api.dev;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A run as clients see it.
 *
 * @param id run id
 * @param agent agent name
 * @param agentVersion pinned version
 * @param status status
 * @param waitReason why it waits, if WAITING
 * @param input the input
 * @param result the result, once COMPLETED
 * @param error the error, once stopped unsuccessfully
 * @param stepCount committed steps
 * @param modelCalls model calls
 * @param toolCalls tool calls
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param createdAt submission time
 * @param updatedAt last change
 * @param finishedAt end time
 * @param submittedBy who submitted it (e.g. {@code key:ab12cd34ef56} or {@code user:alice})
 * @param budget the run's effective limits (cost as {@code maxCostMicros}), or null for the
 *     definition's
 * @param costMicros cost so far, in millionths of the price table's currency
 * @param deadlineAt wall-clock deadline, or null
 * @param attention why the run needs a person (e.g. operator pause, budget, retries exhausted)
 * @param forkedFrom the run this one was forked from, or null
 * @param forkedAtSeq the original's seq this fork continues after, or null
 */
public record RunResponse(
    UUID id,
    String agent,
    int agentVersion,
    String status,
    String waitReason,
    JsonNode input,
    JsonNode result,
    JsonNode error,
    int stepCount,
    int modelCalls,
    int toolCalls,
    long inputTokens,
    long outputTokens,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt,
    String submittedBy,
    JsonNode budget,
    long costMicros,
    Instant deadlineAt,
    String attention,
    @JsonInclude(JsonInclude.Include.NON_NULL) UUID forkedFrom,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer forkedAtSeq) {}
