package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One tool call waiting for (or given) an operator's decision.
 *
 * @param id approval id
 * @param runId the run
 * @param seq the step that requested the call
 * @param toolCallId the model's id of the call
 * @param toolName the tool
 * @param argumentsJson the call's arguments (JSON)
 * @param argumentsHash hash binding the approval to exactly these arguments
 * @param state {@code PENDING}, {@code APPROVED}, {@code REJECTED} or {@code USED}
 * @param requestedAt when the run asked
 * @param decidedBy who decided, or null
 * @param decidedAt when, or null
 * @param reason a rejection's reason, or null
 */
public record ApprovalRow(
    UUID id,
    UUID runId,
    int seq,
    String toolCallId,
    String toolName,
    String argumentsJson,
    String argumentsHash,
    String state,
    Instant requestedAt,
    String decidedBy,
    Instant decidedAt,
    String reason) {}
