package dev.cairn.runtime.engine;

import java.util.UUID;

/**
 * The approval record of one tool call, bound to a hash of (run, seq, tool, arguments).
 *
 * @param id approval id
 * @param seq the step that asked for it
 * @param toolCallId the call
 * @param toolName the tool
 * @param argumentsHash the hash the approval applies to
 * @param state PENDING, APPROVED or REJECTED
 * @param reason the operator's reason, or null
 */
public record ToolApproval(
    UUID id,
    int seq,
    String toolCallId,
    String toolName,
    String argumentsHash,
    String state,
    String reason) {
  /** Waiting for an operator. */
  public static final String PENDING = "PENDING";

  /** Allowed: the call may run with exactly the hashed arguments. */
  public static final String APPROVED = "APPROVED";

  /** Refused: the model is told the reason. */
  public static final String REJECTED = "REJECTED";

  /** Consumed by the call it allowed (or refused). */
  public static final String USED = "USED";

  /**
   * This approval in another state.
   *
   * @param newState the state
   * @param newReason the reason, or null to keep it
   * @return the copy
   */
  public ToolApproval with(String newState, String newReason) {
    return new ToolApproval(
        id,
        seq,
        toolCallId,
        toolName,
        argumentsHash,
        newState,
        newReason == null ? reason : newReason);
  }
}
