package dev.cairn.runtime.control;

import dev.cairn.persistence.store.ApprovalRow;
import java.time.Instant;
import java.util.UUID;

/**
 * A tool call that needs (or had) an operator's decision.
 *
 * @param id approval id
 * @param seq the step that requested the call
 * @param toolCallId the model's id of the call
 * @param tool the tool
 * @param argumentsJson the call's arguments (JSON)
 * @param argumentsHash hash binding an approval to exactly these arguments
 * @param state {@code PENDING}, {@code APPROVED}, {@code REJECTED} or {@code USED}
 * @param requestedAt when the run asked
 * @param decidedBy who decided, or null
 * @param decidedAt when, or null
 * @param reason a rejection's reason, or null
 */
public record Approval(
    UUID id,
    int seq,
    String toolCallId,
    String tool,
    String argumentsJson,
    String argumentsHash,
    String state,
    Instant requestedAt,
    String decidedBy,
    Instant decidedAt,
    String reason) {

  static Approval of(ApprovalRow r) {
    return new Approval(
        r.id(),
        r.seq(),
        r.toolCallId(),
        r.toolName(),
        r.argumentsJson(),
        r.argumentsHash(),
        r.state(),
        r.requestedAt(),
        r.decidedBy(),
        r.decidedAt(),
        r.reason());
  }
}
