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
   * @param call who answered, cache usage and latency, or null when unknown (scripted models,
   *     recorded answers of older checkpoints)
   */
  record ModelAnswer(
      String text,
      List<ToolCallRequest> toolCalls,
      int inputTokens,
      int outputTokens,
      ModelCall call)
      implements StepOutcome {

    /**
     * An answer without call details.
     *
     * @param text the answer text (may be null when only tool calls)
     * @param toolCalls requested tool calls
     * @param inputTokens prompt tokens
     * @param outputTokens completion tokens
     */
    public ModelAnswer(
        String text, List<ToolCallRequest> toolCalls, int inputTokens, int outputTokens) {
      this(text, toolCalls, inputTokens, outputTokens, null);
    }
  }

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
   * @param effects what a {@link StepTool} adds to the step (none for other tools)
   */
  record ToolOutput(String output, boolean error, Effects effects) implements StepOutcome {
    /** Normalises null effects to none. */
    public ToolOutput {
      effects = effects == null ? Effects.NONE : effects;
    }

    /**
     * An output without effects.
     *
     * @param output the text for the model
     * @param error whether it reports an error
     */
    public ToolOutput(String output, boolean error) {
      this(output, error, Effects.NONE);
    }
  }

  /**
   * What a step tool adds to its step.
   *
   * @param recorded what the checkpoint records of the effects (JSON object), or null for nothing;
   *     it is all replay sees, so it must describe every effect that changes the run
   * @param writes rows the step's commit writes after the fence held, in order
   * @param waitFor the wait the run enters instead of answering the model now, or null
   * @param charge usage made on the run's behalf elsewhere (its child runs) that the step adds to
   *     the run's own, or {@link Charge#NONE}
   */
  record Effects(
      com.fasterxml.jackson.databind.JsonNode recorded,
      List<dev.cairn.persistence.store.StepWrite> writes,
      Wait waitFor,
      Charge charge) {
    /** No effects. */
    public static final Effects NONE = new Effects(null, List.of(), null);

    /** Normalises a null list of writes and a null charge. */
    public Effects {
      writes = writes == null ? List.of() : List.copyOf(writes);
      charge = charge == null ? Charge.NONE : charge;
    }

    /**
     * Effects that charge nothing.
     *
     * @param recorded what the checkpoint records of the effects, or null
     * @param writes rows the step's commit writes
     * @param waitFor the wait, or null
     */
    public Effects(
        com.fasterxml.jackson.databind.JsonNode recorded,
        List<dev.cairn.persistence.store.StepWrite> writes,
        Wait waitFor) {
      this(recorded, writes, waitFor, Charge.NONE);
    }
  }

  /**
   * Usage a step charges to its run on top of its own (what the run's children used): counted
   * against the run's budget like the run's own calls, tokens and cost.
   *
   * @param modelCalls model calls
   * @param toolCalls tool calls
   * @param inputTokens prompt tokens
   * @param outputTokens completion tokens
   * @param costMicros cost (millionths of the price table's currency)
   */
  record Charge(
      int modelCalls, int toolCalls, long inputTokens, long outputTokens, long costMicros) {
    /** Nothing to charge. */
    public static final Charge NONE = new Charge(0, 0, 0, 0, 0);

    /**
     * Whether this charges nothing.
     *
     * @return true when every count is zero
     */
    public boolean isNone() {
      return equals(NONE);
    }
  }

  /**
   * The run waits, holding no worker, and the waiting call runs again when it wakes.
   *
   * @param reason why: {@code TIMER}, {@code SIGNAL} or {@code CHILDREN} (stored as the run's wait
   *     reason)
   * @param wakeAt when the run wakes at the latest (a signal or a child may wake it sooner)
   */
  record Wait(String reason, java.time.Instant wakeAt) {}

  /** Nothing was executed (rejections and stops). */
  record Nothing() implements StepOutcome {}
}
