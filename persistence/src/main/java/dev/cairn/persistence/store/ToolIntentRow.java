package dev.cairn.persistence.store;

/**
 * A tool call whose intent was recorded and whose result was not.
 *
 * @param seq step seq the call belongs to
 * @param toolCallId the model's id for the call
 * @param toolName tool name
 * @param sideEffect side-effect class name
 * @param idempotencyKey key passed to the tool
 * @param argumentsJson arguments (JSON)
 * @param attempts how many times the call was started
 */
public record ToolIntentRow(
    int seq,
    String toolCallId,
    String toolName,
    String sideEffect,
    String idempotencyKey,
    String argumentsJson,
    int attempts) {}
