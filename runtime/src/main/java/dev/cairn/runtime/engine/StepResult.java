package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Everything a step produced, ready to be committed: the next snapshot and the checkpoint.
 *
 * @param next the run after the step
 * @param event the event applied to the status
 * @param kind checkpoint kind
 * @param decision the decision, as recorded
 * @param outcome what came back, as recorded
 * @param inputTokens prompt tokens of this step
 * @param outputTokens completion tokens of this step
 * @param newMessages conversation messages the step appends
 * @param toolCall the tool call executed by the step, or null
 * @param waitReason why the run waits, or null
 * @param wakeAt when the run is claimable again
 * @param result final result (JSON) or null
 * @param error error (JSON) or null
 * @param control operator control rows the step writes, or null
 * @param writes capabilities' rows the step's commit writes (from step tools), in order
 */
public record StepResult(
    RunSnapshot next,
    RunEvent event,
    String kind,
    JsonNode decision,
    JsonNode outcome,
    int inputTokens,
    int outputTokens,
    List<Message> newMessages,
    ExecutedToolCall toolCall,
    String waitReason,
    Instant wakeAt,
    JsonNode result,
    JsonNode error,
    ControlChanges control,
    List<dev.cairn.persistence.store.StepWrite> writes) {

  /** Normalises a null list of writes. */
  public StepResult {
    writes = writes == null ? List.of() : List.copyOf(writes);
  }

  /**
   * A result without capability writes.
   *
   * @param next the run after the step
   * @param event the event applied to the status
   * @param kind checkpoint kind
   * @param decision the decision, as recorded
   * @param outcome what came back, as recorded
   * @param inputTokens prompt tokens of this step
   * @param outputTokens completion tokens of this step
   * @param newMessages conversation messages the step appends
   * @param toolCall the tool call executed by the step, or null
   * @param waitReason why the run waits, or null
   * @param wakeAt when the run is claimable again
   * @param result final result (JSON) or null
   * @param error error (JSON) or null
   * @param control operator control rows the step writes, or null
   */
  public StepResult(
      RunSnapshot next,
      RunEvent event,
      String kind,
      JsonNode decision,
      JsonNode outcome,
      int inputTokens,
      int outputTokens,
      List<Message> newMessages,
      ExecutedToolCall toolCall,
      String waitReason,
      Instant wakeAt,
      JsonNode result,
      JsonNode error,
      ControlChanges control) {
    this(
        next,
        event,
        kind,
        decision,
        outcome,
        inputTokens,
        outputTokens,
        newMessages,
        toolCall,
        waitReason,
        wakeAt,
        result,
        error,
        control,
        List.of());
  }

  /**
   * A result without operator control writes.
   *
   * @param next the run after the step
   * @param event the event applied to the status
   * @param kind checkpoint kind
   * @param decision the decision, as recorded
   * @param outcome what came back, as recorded
   * @param inputTokens prompt tokens of this step
   * @param outputTokens completion tokens of this step
   * @param newMessages conversation messages the step appends
   * @param toolCall the tool call executed by the step, or null
   * @param waitReason why the run waits, or null
   * @param wakeAt when the run is claimable again
   * @param result final result (JSON) or null
   * @param error error (JSON) or null
   */
  public StepResult(
      RunSnapshot next,
      RunEvent event,
      String kind,
      JsonNode decision,
      JsonNode outcome,
      int inputTokens,
      int outputTokens,
      List<Message> newMessages,
      ExecutedToolCall toolCall,
      String waitReason,
      Instant wakeAt,
      JsonNode result,
      JsonNode error) {
    this(
        next,
        event,
        kind,
        decision,
        outcome,
        inputTokens,
        outputTokens,
        newMessages,
        toolCall,
        waitReason,
        wakeAt,
        result,
        error,
        null);
  }

  /**
   * This result with another run state, event, error and control writes.
   *
   * @param newNext the run after the step
   * @param newEvent the event
   * @param newError the error or null
   * @param newControl control writes or null
   * @return the copy
   */
  public StepResult with(
      RunSnapshot newNext, RunEvent newEvent, JsonNode newError, ControlChanges newControl) {
    return new StepResult(
        newNext,
        newEvent,
        kind,
        decision,
        outcome,
        inputTokens,
        outputTokens,
        newMessages,
        toolCall,
        waitReason,
        wakeAt,
        result,
        newError,
        newControl,
        writes);
  }

  /**
   * A tool call executed by the step.
   *
   * @param call the call
   * @param sideEffect side-effect class name
   * @param output the output
   * @param error whether the output is an error
   */
  public record ExecutedToolCall(
      ToolCallRequest call, String sideEffect, String output, boolean error) {}
}
