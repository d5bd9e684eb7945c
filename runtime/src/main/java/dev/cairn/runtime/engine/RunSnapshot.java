package dev.cairn.runtime.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the engine knows of a run while it holds the lease. Immutable; each step yields the next.
 *
 * @param id run id
 * @param tenantId tenant
 * @param agentName agent
 * @param agentVersion pinned definition version
 * @param spec pinned definition
 * @param status current status
 * @param leaseEpoch epoch of the held lease
 * @param stepCount last committed seq
 * @param usage calls and tokens used so far
 * @param invalidToolCalls rejected tool calls so far
 * @param retryAttempt consecutive failed model attempts
 * @param consecutiveRecoveries lease take-overs since the last committed step
 * @param pendingToolCalls tool calls still to run
 * @param messages the conversation
 * @param openIntent a started call without result, for the next seq
 * @param lastHash hash of the last checkpoint
 * @param createdAt when the run was submitted
 */
public record RunSnapshot(
    UUID id,
    String tenantId,
    String agentName,
    int agentVersion,
    AgentSpec spec,
    RunStatus status,
    long leaseEpoch,
    int stepCount,
    Usage usage,
    int invalidToolCalls,
    int retryAttempt,
    int consecutiveRecoveries,
    List<ToolCallRequest> pendingToolCalls,
    List<Message> messages,
    Optional<OpenIntent> openIntent,
    String lastHash,
    Instant createdAt) {

  /**
   * Calls and tokens used by a run.
   *
   * @param modelCalls model calls, failed attempts included
   * @param toolCalls tool calls
   * @param inputTokens prompt tokens
   * @param outputTokens completion tokens
   */
  public record Usage(int modelCalls, int toolCalls, long inputTokens, long outputTokens) {
    /**
     * Prompt plus completion tokens.
     *
     * @return the total
     */
    public long totalTokens() {
      return inputTokens + outputTokens;
    }
  }

  /**
   * The seq the next step will commit.
   *
   * @return last seq + 1
   */
  public int nextSeq() {
    return stepCount + 1;
  }

  /**
   * The idempotency key of the next step.
   *
   * @return {@code run_id:seq}
   */
  public String nextIdempotencyKey() {
    return id + ":" + nextSeq();
  }

  /**
   * This snapshot with another status.
   *
   * @param newStatus the status
   * @return the copy
   */
  public RunSnapshot withStatus(RunStatus newStatus) {
    return new RunSnapshot(
        id,
        tenantId,
        agentName,
        agentVersion,
        spec,
        newStatus,
        leaseEpoch,
        stepCount,
        usage,
        invalidToolCalls,
        retryAttempt,
        consecutiveRecoveries,
        pendingToolCalls,
        messages,
        openIntent,
        lastHash,
        createdAt);
  }

  /**
   * This snapshot with another last checkpoint hash.
   *
   * @param hash the hash
   * @return the copy
   */
  public RunSnapshot withLastHash(String hash) {
    return new RunSnapshot(
        id,
        tenantId,
        agentName,
        agentVersion,
        spec,
        status,
        leaseEpoch,
        stepCount,
        usage,
        invalidToolCalls,
        retryAttempt,
        consecutiveRecoveries,
        pendingToolCalls,
        messages,
        openIntent,
        hash,
        createdAt);
  }
}
