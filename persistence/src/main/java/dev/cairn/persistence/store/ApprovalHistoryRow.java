package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * An approval record as a run's story tells it.
 *
 * @param id the approval
 * @param seq the step that asked for it
 * @param toolCallId the call
 * @param toolName the tool
 * @param argumentsHash hash binding the approval to the exact arguments
 * @param state PENDING, APPROVED, REJECTED or USED
 * @param requestedAt when it was asked for
 * @param decidedBy who decided, or null
 * @param decidedAt when, or null
 * @param reason the reason given, or null
 * @param usedSeq the checkpoint that ran the approved call, or null
 */
public record ApprovalHistoryRow(
    UUID id,
    int seq,
    String toolCallId,
    String toolName,
    String argumentsHash,
    String state,
    Instant requestedAt,
    String decidedBy,
    Instant decidedAt,
    String reason,
    Integer usedSeq) {}
