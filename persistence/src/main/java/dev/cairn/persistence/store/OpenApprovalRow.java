package dev.cairn.persistence.store;

import java.util.UUID;

/**
 * An approval record of a tool call, as the engine loads it.
 *
 * @param id approval id
 * @param seq the step that asked for it
 * @param toolCallId the call
 * @param toolName the tool
 * @param argumentsHash hash of (run, seq, tool, arguments) the approval is bound to
 * @param state PENDING, APPROVED or REJECTED
 * @param reason the operator's reason, or null
 */
public record OpenApprovalRow(
    UUID id,
    int seq,
    String toolCallId,
    String toolName,
    String argumentsHash,
    String state,
    String reason) {}
