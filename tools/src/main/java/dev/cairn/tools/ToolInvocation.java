package dev.cairn.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * One call of a tool.
 *
 * @param tenantId tenant of the run
 * @param agentName agent of the run
 * @param runId the run
 * @param seq the step's seq
 * @param idempotencyKey {@code run_id:seq}; the same on every retry of this step
 * @param arguments validated arguments
 */
public record ToolInvocation(
    String tenantId,
    String agentName,
    UUID runId,
    int seq,
    String idempotencyKey,
    JsonNode arguments) {}
