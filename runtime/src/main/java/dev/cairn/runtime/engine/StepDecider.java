package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.ArgumentValidator;
import dev.cairn.tools.SideEffect;
import java.util.Optional;

/**
 * Decides a run's next step from its snapshot. Pure: no I/O, no clock, no CDI; the same snapshot
 * always gives the same decision, which is what makes recorded replay possible.
 */
public final class StepDecider {
  private final int maxConsecutiveRecoveries;

  /**
   * Creates a decider.
   *
   * @param maxConsecutiveRecoveries lease take-overs without progress before quarantine
   */
  public StepDecider(int maxConsecutiveRecoveries) {
    this.maxConsecutiveRecoveries = maxConsecutiveRecoveries;
  }

  /**
   * Decides the next step.
   *
   * @param run the run, in RUNNING state
   * @param tools the available tools
   * @return the decision
   */
  public Decision decide(RunSnapshot run, ToolRules tools) {
    if (run.consecutiveRecoveries() > maxConsecutiveRecoveries) {
      return new Decision.Stop(
          RunEvent.QUARANTINE,
          "the runtime stopped during this run's step "
              + run.consecutiveRecoveries()
              + " times in a row");
    }
    AgentSpec.Budget budget = run.spec().budget();
    if (run.stepCount() >= budget.maxSteps()) {
      return new Decision.Stop(
          RunEvent.EXCEED_BUDGET, "step budget of " + budget.maxSteps() + " used up");
    }
    if (run.openIntent().isPresent()) {
      return recover(run.openIntent().get());
    }
    if (!run.pendingToolCalls().isEmpty()) {
      return toolDecision(run, run.pendingToolCalls().getFirst(), tools);
    }
    if (run.invalidToolCalls() > budget.maxInvalidToolCalls()) {
      return new Decision.Stop(
          RunEvent.FAIL,
          "the model made " + run.invalidToolCalls() + " invalid tool calls; giving up");
    }
    if (run.usage().modelCalls() >= budget.maxModelCalls()) {
      return new Decision.Stop(
          RunEvent.EXCEED_BUDGET, "model call budget of " + budget.maxModelCalls() + " used up");
    }
    if (run.usage().totalTokens() >= budget.maxTokens()) {
      return new Decision.Stop(
          RunEvent.EXCEED_BUDGET, "token budget of " + budget.maxTokens() + " used up");
    }
    return new Decision.CallModel();
  }

  private static Decision recover(OpenIntent intent) {
    if (intent.sideEffect() == SideEffect.IDEMPOTENT) {
      return new Decision.CallTool(intent.call(), intent.sideEffect(), true);
    }
    return new Decision.Stop(
        RunEvent.NEED_RECONCILIATION,
        "the runtime stopped during non-idempotent call '"
            + intent.call().name()
            + "'; whether it took effect is unknown");
  }

  private static Decision toolDecision(RunSnapshot run, ToolCallRequest call, ToolRules tools) {
    if (!run.spec().tools().contains(call.name())) {
      return new Decision.RejectToolCall(
          call, "unknown tool '" + call.name() + "'; available tools: " + run.spec().tools());
    }
    Optional<ToolRules.Rule> rule = tools.find(call.name());
    if (rule.isEmpty()) {
      return new Decision.RejectToolCall(
          call, "tool '" + call.name() + "' is not available on this installation");
    }
    Optional<JsonNode> arguments = Json.tryParse(call.arguments());
    if (arguments.isEmpty()) {
      return new Decision.RejectToolCall(call, "arguments are not valid JSON");
    }
    Optional<String> problem = ArgumentValidator.validate(rule.get().schema(), arguments.get());
    if (problem.isPresent()) {
      return new Decision.RejectToolCall(call, "invalid arguments: " + problem.get());
    }
    return new Decision.CallTool(call, rule.get().sideEffect(), false);
  }
}
