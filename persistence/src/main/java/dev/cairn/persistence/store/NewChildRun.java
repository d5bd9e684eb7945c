package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A child run a parent's step starts.
 *
 * @param id the child's id
 * @param agentName its agent
 * @param agentVersion the pinned version
 * @param inputJson its input (JSON)
 * @param inputText its first user message
 * @param priority its priority
 * @param budgetJson its budget (JSON), carved out of the parent's
 * @param deadlineAt its deadline (never after the parent's), or null
 * @param callId the parent's call that starts it
 * @param taskId the parent's subtask it works on, or null
 * @param variant the A/B variant the run calls, or null when its definition has none
 */
public record NewChildRun(
    UUID id,
    String agentName,
    int agentVersion,
    String inputJson,
    String inputText,
    int priority,
    String budgetJson,
    Instant deadlineAt,
    String callId,
    String taskId,
    String variant) {}
