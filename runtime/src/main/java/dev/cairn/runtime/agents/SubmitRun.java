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
 * @param budget limits overriding the definition's for this run, or null
 */
public record SubmitRun(
    String agent,
    Integer version,
    JsonNode input,
    Integer priority,
    String idempotencyKey,
    PublishAgent.Budget budget) {

  /**
   * A submission with the definition's budget.
   *
   * @param agent agent name
   * @param version definition version to pin, or null for the latest
   * @param input the task
   * @param priority lower runs first, or null for 0
   * @param idempotencyKey the client's key, or null
   */
  public SubmitRun(
      String agent, Integer version, JsonNode input, Integer priority, String idempotencyKey) {
    this(agent, version, input, priority, idempotencyKey, null);
  }
}
