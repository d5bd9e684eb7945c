package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A child run as its parent sees it.
 *
 * @param id the child run
 * @param agentName its agent
 * @param taskId the parent's subtask it works on, or null
 * @param status its status
 * @param resultJson its result (JSON), or null
 * @param errorJson its error (JSON), or null
 * @param modelCalls model calls it made
 * @param toolCalls tool calls it made
 * @param inputTokens prompt tokens it used
 * @param outputTokens completion tokens it used
 * @param costMicros cost it was charged
 * @param callId the parent's call that started it
 * @param createdAt when it was started
 */
public record ChildRunRow(
    UUID id,
    String agentName,
    String taskId,
    String status,
    String resultJson,
    String errorJson,
    int modelCalls,
    int toolCalls,
    long inputTokens,
    long outputTokens,
    long costMicros,
    String callId,
    Instant createdAt) {
  /**
   * Whether the child has finished (a final status).
   *
   * @return true when finished
   */
  public boolean finished() {
    return switch (status) {
      case "COMPLETED", "FAILED", "CANCELLED", "BUDGET_EXCEEDED", "QUARANTINED" -> true;
      default -> false;
    };
  }
}
