package dev.cairn.runtime.engine;

import java.time.Duration;
import java.util.List;

/** What came back from executing a decision. */
public sealed interface StepOutcome {
  /**
   * The model answered.
   *
   * @param text the answer text (may be null when only tool calls)
   * @param toolCalls requested tool calls
   * @param inputTokens prompt tokens
   * @param outputTokens completion tokens
   */
  record ModelAnswer(
      String text, List<ToolCallRequest> toolCalls, int inputTokens, int outputTokens)
      implements StepOutcome {}

  /**
   * The model call failed.
   *
   * @param retryable whether trying again may help (429, 5xx, timeouts)
   * @param message what failed, without secrets
   * @param retryAfter the provider's requested wait, or null
   * @param notSent whether the request was never sent (a circuit breaker refused it): such an error
   *     is no attempt, and the run waits {@code retryAfter} before asking again
   */
  record ModelError(boolean retryable, String message, Duration retryAfter, boolean notSent)
      implements StepOutcome {}

  /**
   * A tool returned.
   *
   * @param output the text for the model
   * @param error whether it reports an error
   */
  record ToolOutput(String output, boolean error) implements StepOutcome {}

  /** Nothing was executed (rejections and stops). */
  record Nothing() implements StepOutcome {}
}
