package dev.cairn.runtime.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The head of a run's story: what ran, on what, for whom, and how it ended.
 *
 * @param runId the run
 * @param agent the definition version the run pinned
 * @param submittedBy who submitted the run
 * @param submittedAt when
 * @param input the run's input
 * @param outcome how the run stands or ended
 * @param totals usage and cost of the whole run
 * @param payloadsPrunedAt when retention pruned the run's payloads, or null
 */
public record StoryRun(
    UUID runId,
    Agent agent,
    String submittedBy,
    Instant submittedAt,
    JsonNode input,
    Outcome outcome,
    Totals totals,
    Instant payloadsPrunedAt) {

  /**
   * The definition version a run pinned.
   *
   * @param name agent name
   * @param version version
   * @param specHash hash of the spec
   * @param publishedBy who published it
   * @param publishedAt when
   * @param spec the spec (model, prompt, tools, budget, approvals, retention)
   */
  public record Agent(
      String name,
      int version,
      String specHash,
      String publishedBy,
      Instant publishedAt,
      JsonNode spec) {}

  /**
   * How a run stands or ended.
   *
   * @param status its status
   * @param result its result, when completed
   * @param error its error, when failed
   * @param finishedAt when it finished, or null
   */
  public record Outcome(String status, JsonNode result, JsonNode error, Instant finishedAt) {}

  /**
   * Usage and cost of a run.
   *
   * @param steps checkpoints
   * @param modelCalls model calls (failed attempts included)
   * @param toolCalls tool calls
   * @param inputTokens prompt tokens
   * @param outputTokens completion tokens
   * @param costMicros cost in millionths of a dollar
   * @param costUsd the same as a decimal amount
   */
  public record Totals(
      int steps,
      int modelCalls,
      int toolCalls,
      long inputTokens,
      long outputTokens,
      long costMicros,
      String costUsd) {}
}
