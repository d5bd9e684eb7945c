package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * A tool call as the ledger records it: intent before, result after.
 *
 * @param toolCallId the model's id for the call
 * @param toolName tool name
 * @param sideEffect side-effect class name
 * @param idempotencyKey {@code run_id:seq}
 * @param argumentsJson arguments (JSON)
 * @param result the tool's output text, null for an intent
 * @param isError whether the output is an error message
 * @param intentAt when the call was started
 */
public record ToolCallRecord(
    String toolCallId,
    String toolName,
    String sideEffect,
    String idempotencyKey,
    String argumentsJson,
    String result,
    boolean isError,
    Instant intentAt) {}
