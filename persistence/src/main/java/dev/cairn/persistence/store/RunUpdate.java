package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * The run columns a step commit writes.
 *
 * @param status status after the step
 * @param waitReason why the run waits, or null
 * @param wakeAt when the run becomes claimable again, or null to leave it unchanged
 * @param resultJson final result (JSON) or null
 * @param errorJson error (JSON) or null
 * @param stepCount the step's seq
 * @param modelCalls model calls so far
 * @param toolCalls tool calls so far
 * @param inputTokens prompt tokens so far
 * @param outputTokens completion tokens so far
 * @param invalidToolCalls rejected tool calls so far
 * @param retryAttempt consecutive failed model attempts
 * @param pendingToolCallsJson tool calls still to run (JSON array)
 * @param lastHash hash of the new checkpoint
 * @param attention why the run needs a person, or null
 * @param costMicros cost charged so far
 * @param reservedCalls model calls reserved for the next call
 * @param reservedTokens tokens reserved for the next call
 * @param reservedCostMicros cost reserved for the next call
 * @param budgetJson a new effective budget, or null to keep it
 * @param deadlineAt a new deadline, or null to keep it
 * @param keepLease whether this node keeps the lease to run the next step
 * @param leaseExpiresAt new lease expiry when the lease is kept
 * @param finishedAt set when the status is terminal
 */
public record RunUpdate(
    String status,
    String waitReason,
    Instant wakeAt,
    String resultJson,
    String errorJson,
    int stepCount,
    int modelCalls,
    int toolCalls,
    long inputTokens,
    long outputTokens,
    int invalidToolCalls,
    int retryAttempt,
    String pendingToolCallsJson,
    String lastHash,
    String attention,
    long costMicros,
    int reservedCalls,
    long reservedTokens,
    long reservedCostMicros,
    String budgetJson,
    Instant deadlineAt,
    boolean keepLease,
    Instant leaseExpiresAt,
    Instant finishedAt) {}
