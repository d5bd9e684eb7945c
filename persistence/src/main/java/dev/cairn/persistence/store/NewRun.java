package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A run to insert on submission.
 *
 * @param id run id
 * @param tenantId tenant
 * @param agentName agent name
 * @param agentVersion pinned definition version
 * @param inputJson input (JSON)
 * @param inputText the first user message
 * @param idempotencyKey client key, or null
 * @param requestHash hash of the request body, for key reuse checks
 * @param priority lower runs first
 * @param now submission time
 * @param submittedBy who submitted it
 * @param budgetJson the run's effective budget (JSON), or null for the definition's
 * @param deadlineAt wall-clock deadline, or null for none
 * @param variant the A/B variant the run calls, or null when its definition has none
 */
public record NewRun(
    UUID id,
    String tenantId,
    String agentName,
    int agentVersion,
    String inputJson,
    String inputText,
    String idempotencyKey,
    String requestHash,
    int priority,
    Instant now,
    String submittedBy,
    String budgetJson,
    Instant deadlineAt,
    String variant) {}
