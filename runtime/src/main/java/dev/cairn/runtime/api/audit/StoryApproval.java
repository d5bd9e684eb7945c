package dev.cairn.runtime.api.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A tool call that waited for a person, and what was decided.
 *
 * @param id the approval
 * @param seq the step that asked for it
 * @param toolCallId the call
 * @param tool the tool
 * @param argumentsHash hash binding the decision to the exact arguments
 * @param state PENDING, APPROVED, REJECTED or USED (approved and run)
 * @param requestedAt when it was asked for
 * @param decidedBy who decided, or null
 * @param decidedAt when, or null
 * @param reason the reason given, or null
 * @param usedSeq the checkpoint that ran the approved call, or null
 */
public record StoryApproval(
    UUID id,
    int seq,
    String toolCallId,
    String tool,
    String argumentsHash,
    String state,
    Instant requestedAt,
    String decidedBy,
    Instant decidedAt,
    String reason,
    Integer usedSeq) {}
