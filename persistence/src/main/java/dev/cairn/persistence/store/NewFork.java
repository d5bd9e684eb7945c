package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A fork to insert: the run as its original stood after {@code forkedAtSeq}, its conversation and
 * its copied checkpoints (re-chained under the fork's id).
 *
 * @param id the fork's id
 * @param tenantId the tenant
 * @param agentName the agent
 * @param agentVersion the agent version the fork runs on
 * @param inputJson the original's input
 * @param priority the original's priority
 * @param submittedBy who forked
 * @param budgetJson the budget (JSON)
 * @param deadlineAt the deadline, or null
 * @param createdAt when
 * @param stepCount steps so far (the fork's seq)
 * @param modelCalls model calls so far
 * @param toolCalls tool calls so far
 * @param inputTokens input tokens so far
 * @param outputTokens output tokens so far
 * @param invalidToolCalls invalid tool calls so far
 * @param pendingToolCallsJson calls still to run (JSON array)
 * @param lastHash the hash of the last copied checkpoint
 * @param costMicros cost so far
 * @param forkedFrom the original run
 * @param forkedAtSeq the original's seq the fork continues from
 * @param changesJson what the fork changed (JSON)
 * @param modelOverrideJson the model replacing the definition's, or null
 * @param messages the conversation
 * @param checkpoints the copied checkpoints, in seq order
 * @param summary the running summary the original had at the fork point, or null
 */
public record NewFork(
    UUID id,
    String tenantId,
    String agentName,
    int agentVersion,
    String inputJson,
    int priority,
    String submittedBy,
    String budgetJson,
    Instant deadlineAt,
    Instant createdAt,
    int stepCount,
    long modelCalls,
    long toolCalls,
    long inputTokens,
    long outputTokens,
    int invalidToolCalls,
    String pendingToolCallsJson,
    String lastHash,
    long costMicros,
    UUID forkedFrom,
    int forkedAtSeq,
    String changesJson,
    String modelOverrideJson,
    List<MessageRow> messages,
    List<ChainRow> checkpoints,
    SummaryRow summary) {}
