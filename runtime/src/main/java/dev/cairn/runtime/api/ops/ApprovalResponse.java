package dev.cairn.runtime.api.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A tool call that needs (or had) an operator's decision.
 *
 * @param id approval id
 * @param seq the step that requested the call
 * @param toolCallId the model's id of the call
 * @param tool the tool
 * @param arguments the call's arguments
 * @param argumentsHash send it back to approve exactly these arguments
 * @param state {@code PENDING}, {@code APPROVED}, {@code REJECTED} or {@code USED}
 * @param requestedAt when the run asked
 * @param decidedBy who decided
 * @param decidedAt when
 * @param reason a rejection's reason
 */
public record ApprovalResponse(
    UUID id,
    int seq,
    String toolCallId,
    String tool,
    JsonNode arguments,
    String argumentsHash,
    String state,
    Instant requestedAt,
    String decidedBy,
    Instant decidedAt,
    String reason) {}
