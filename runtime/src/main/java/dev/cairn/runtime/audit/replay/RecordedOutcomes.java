package dev.cairn.runtime.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.HistoryRow;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.ToolCallRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds what a step's execution returned from what its checkpoint recorded: the model's answer
 * (text, tool calls, the checkpoint's tokens) or error, or the tool's output. Nothing is executed.
 */
final class RecordedOutcomes {
  private RecordedOutcomes() {}

  /**
   * The outcome the step recorded, for the replayed decision.
   *
   * @param decision the replayed decision (of the recorded type)
   * @param row the checkpoint
   * @param outcome its recorded outcome
   * @return the outcome to apply
   */
  static StepOutcome of(Decision decision, HistoryRow row, JsonNode outcome) {
    return switch (decision) {
      case Decision.CallModel c ->
          "MODEL_ERROR".equals(row.kind()) ? modelError(outcome) : modelAnswer(row, outcome);
      case Decision.CallTool t ->
          new StepOutcome.ToolOutput(
              text(outcome.path("output")), outcome.path("error").asBoolean(), effects(outcome));
      default -> new StepOutcome.Nothing();
    };
  }

  /**
   * A step tool's effects as far as they change the run: what was recorded, the wait and the usage
   * charged for its children. The rows its commit wrote are not written again.
   */
  private static StepOutcome.Effects effects(JsonNode outcome) {
    JsonNode recorded = outcome.get("effects");
    JsonNode wait = outcome.get("wait");
    JsonNode charged = outcome.get("charge");
    if (recorded == null && wait == null && charged == null) {
      return StepOutcome.Effects.NONE;
    }
    StepOutcome.Charge charge =
        charged == null
            ? StepOutcome.Charge.NONE
            : new StepOutcome.Charge(
                charged.path("modelCalls").asInt(),
                charged.path("toolCalls").asInt(),
                charged.path("inputTokens").asLong(),
                charged.path("outputTokens").asLong(),
                charged.path("costMicros").asLong());
    StepOutcome.Wait waiting =
        wait == null
            ? null
            : new StepOutcome.Wait(
                text(wait.path("reason")), java.time.Instant.parse(text(wait.path("wakeAt"))));
    return new StepOutcome.Effects(recorded, List.of(), waiting, charge);
  }

  private static StepOutcome modelAnswer(HistoryRow row, JsonNode outcome) {
    List<ToolCallRequest> calls = new ArrayList<>();
    for (JsonNode call : outcome.path("toolCalls")) {
      calls.add(
          new ToolCallRequest(
              text(call.path("id")), text(call.path("name")), text(call.path("arguments"))));
    }
    return new StepOutcome.ModelAnswer(
        text(outcome.path("text")),
        List.copyOf(calls),
        row.inputTokens(),
        row.outputTokens(),
        dev.cairn.runtime.engine.ModelCall.fromJson(outcome.get("call")));
  }

  private static StepOutcome modelError(JsonNode outcome) {
    JsonNode retryAfter = outcome.path("retryAfterMs");
    return new StepOutcome.ModelError(
        outcome.path("retryable").asBoolean(),
        text(outcome.path("error")),
        retryAfter.isNumber() ? Duration.ofMillis(retryAfter.asLong()) : null,
        outcome.path("notSent").asBoolean(false));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
  }
}
