package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A run as returned by a claim: its state, the new lease epoch, and its pinned definition.
 *
 * @param id run id
 * @param tenantId owning tenant
 * @param agentName agent name
 * @param agentVersion pinned definition version
 * @param status run status before this claim
 * @param inputJson run input as JSON text
 * @param leaseEpoch epoch of the lease just taken
 * @param stepCount last committed checkpoint seq
 * @param modelCalls model calls so far, including failed attempts
 * @param toolCalls tool calls so far
 * @param inputTokens prompt tokens used
 * @param outputTokens completion tokens used
 * @param invalidToolCalls rejected tool calls so far
 * @param retryAttempt consecutive failed model attempts
 * @param consecutiveRecoveries lease take-overs since the last committed step
 * @param pendingToolCallsJson tool calls requested by the model and not yet run (JSON array)
 * @param lastHash hash of the last checkpoint
 * @param createdAt creation time
 * @param specJson the pinned agent definition spec (JSON)
 * @param waitReason why a waiting run waits, or null
 * @param wakeAt when the run became (or becomes) runnable
 * @param budgetJson the run's effective budget, or null for the definition's
 * @param costMicros cost charged so far
 * @param reservedCalls model calls reserved by the last commit
 * @param reservedTokens tokens reserved by the last commit
 * @param reservedCostMicros cost reserved by the last commit
 * @param deadlineAt wall-clock deadline, or null
 * @param hasCommands whether operator commands wait for the run
 */
public record ClaimedRunRow(
    UUID id,
    String tenantId,
    String agentName,
    int agentVersion,
    String status,
    String inputJson,
    long leaseEpoch,
    int stepCount,
    int modelCalls,
    int toolCalls,
    long inputTokens,
    long outputTokens,
    int invalidToolCalls,
    int retryAttempt,
    int consecutiveRecoveries,
    String pendingToolCallsJson,
    String lastHash,
    Instant createdAt,
    String specJson,
    String waitReason,
    Instant wakeAt,
    String budgetJson,
    long costMicros,
    int reservedCalls,
    long reservedTokens,
    long reservedCostMicros,
    Instant deadlineAt,
    boolean hasCommands) {

  /**
   * Whether the run may have approval records the engine needs: it waits for approvals, has tool
   * calls to run, or commands (an approval decision) wait for it.
   *
   * @return true when its approvals must be loaded
   */
  public boolean mayHaveApprovals() {
    return hasCommands
        || "APPROVAL".equals(waitReason)
        || (pendingToolCallsJson != null && !pendingToolCallsJson.equals("[]"));
  }
}
