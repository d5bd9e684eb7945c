package dev.cairn.runtime.agents;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command to submit a task to an agent.
 *
 * @param agent agent name
 * @param version definition version to pin, or null for the latest
 * @param input the task: a string or any JSON value
 * @param priority lower runs first, or null for 0
 * @param idempotencyKey the client's key, or null
 */
public record SubmitRun(
    String agent, Integer version, JsonNode input, Integer priority, String idempotencyKey) {}
