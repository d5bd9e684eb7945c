package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.ArgumentValidator;
import dev.cairn.tools.SideEffect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a run's next step from its snapshot, its pending operator commands and the time. Pure: no
 * I/O, no clock, no CDI; the same inputs always give the same decision, which is what makes
 * recorded replay possible.
 */
public final class StepDecider {
  private final int maxConsecutiveRecoveries;
  private final ContextPolicy context;

  /**
   * Creates a decider that sends conversations whole.
   *
   * @param maxConsecutiveRecoveries lease take-overs without progress before quarantine
   */
  public StepDecider(int maxConsecutiveRecoveries) {
    this(maxConsecutiveRecoveries, ContextPolicy.NONE);
  }

  /**
   * Creates a decider.
   *
   * @param maxConsecutiveRecoveries lease take-overs without progress before quarantine
   * @param context when older turns are summarised
   */
  public StepDecider(int maxConsecutiveRecoveries, ContextPolicy context) {
    this.maxConsecutiveRecoveries = maxConsecutiveRecoveries;
    this.context = context;
  }

  /**
   * Decides the next step. Pending commands come first: they are applied as a step of their own,
   * whatever the run's status, before anything else happens.
   *
   * @param run the run (RUNNING unless commands are pending)
   * @param commands pending operator commands, in the order they were accepted
   * @param now the time of the decision
   * @param tools the available tools
   * @return the decision
   */
  public Decision decide(
      RunSnapshot run, List<OperatorCommand> commands, Instant now, ToolRules tools) {
    if (!commands.isEmpty()) {
      return new Decision.ApplyCommands(List.copyOf(commands), null);
    }
    if (run.consecutiveRecoveries() > maxConsecutiveRecoveries) {
      return new Decision.Stop(
          RunEvent.QUARANTINE,
          "the runtime stopped during this run's step "
              + run.consecutiveRecoveries()
              + " times in a row");
    }
    AgentSpec.Budget budget = run.control().budget();
    Optional<String> late = Budgets.deadlinePassed(run, now);
    if (late.isPresent()) {
      return breach(budget, late.get());
    }
    if (run.stepCount() >= budget.maxSteps()) {
      return breach(budget, "step budget of " + budget.maxSteps() + " used up");
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
    Reservation charge = lostReservation(run);
    Decision.SummaryRequest summary = context.summaryDue(run).orElse(null);
    Budgets.CallPlan plan = planCall(context, run, charge, summary != null);
    if (plan.breach() != null) {
      return breach(budget, plan.breach());
    }
    boolean durable =
        run.control().reservationFresh() && plan.reserve().equals(run.control().reserved());
    return new Decision.CallModel(
        plan.maxOutputTokens(), plan.reserve(), charge, !durable, summary);
  }

  /**
   * Plans the next model call, a summary call or not, within the model's window.
   *
   * @param context the context policy
   * @param run the run
   * @param charge what is charged before the call
   * @param summary whether the call summarises
   * @return the plan
   */
  static Budgets.CallPlan planCall(
      ContextPolicy context, RunSnapshot run, Reservation charge, boolean summary) {
    return Budgets.planModelCall(
        run, charge, context.extraInputTokens(run, summary), context.outputCap(run, summary));
  }

  /**
   * What a run is charged for reservations that may have been spent by an owner that died: a
   * reservation that is not fresh.
   *
   * @param run the run
   * @return the charge
   */
  public static Reservation lostReservation(RunSnapshot run) {
    return run.control().reservationFresh() ? Reservation.NONE : run.control().reserved();
  }

  /**
   * The stop for a breached limit: BUDGET_EXCEEDED, or a pause when the definition says so.
   *
   * @param budget the run's limits
   * @param reason which limit
   * @return the decision
   */
  static Decision.Stop breach(AgentSpec.Budget budget, String reason) {
    return new Decision.Stop(
        budget.pausesOnBreach() ? RunEvent.PAUSE : RunEvent.EXCEED_BUDGET, reason);
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
    Optional<String> invalid = validate(run, call, tools);
    if (invalid.isPresent()) {
      return new Decision.RejectToolCall(call, invalid.get());
    }
    ToolRules.Rule rule = tools.find(call.name()).orElseThrow();
    if (!needsApproval(run, call, tools)) {
      return new Decision.CallTool(call, rule.sideEffect(), false);
    }
    Optional<ToolApproval> approval = Approvals.find(run, call);
    if (approval.isPresent() && ToolApproval.APPROVED.equals(approval.get().state())) {
      return new Decision.CallTool(call, rule.sideEffect(), false, approval.get().id());
    }
    if (approval.isPresent() && ToolApproval.REJECTED.equals(approval.get().state())) {
      String reason = approval.get().reason() == null ? "no reason given" : approval.get().reason();
      return new Decision.RejectToolCall(
          call, "an operator rejected this call: " + reason, approval.get().id());
    }
    List<ToolCallRequest> unrecorded = new ArrayList<>();
    for (ToolCallRequest pending : run.pendingToolCalls()) {
      if (validate(run, pending, tools).isEmpty()
          && needsApproval(run, pending, tools)
          && Approvals.find(run, pending).isEmpty()) {
        unrecorded.add(pending);
      }
    }
    return new Decision.AwaitApproval(List.copyOf(unrecorded), call);
  }

  private static boolean needsApproval(RunSnapshot run, ToolCallRequest call, ToolRules tools) {
    AgentSpec.Approvals approvals = run.spec().approvals();
    if (approvals == null) {
      return false;
    }
    ToolRules.Rule rule = tools.find(call.name()).orElseThrow();
    return approvals.required(call.name(), rule.sideEffect() == SideEffect.READ_ONLY);
  }

  private static Optional<String> validate(RunSnapshot run, ToolCallRequest call, ToolRules tools) {
    if (!run.spec().tools().contains(call.name())) {
      return Optional.of(
          "unknown tool '" + call.name() + "'; available tools: " + run.spec().tools());
    }
    Optional<ToolRules.Rule> rule = tools.find(call.name());
    if (rule.isEmpty()) {
      return Optional.of("tool '" + call.name() + "' is not available on this installation");
    }
    Optional<JsonNode> arguments = Json.tryParse(call.arguments());
    if (arguments.isEmpty()) {
      return Optional.of("arguments are not valid JSON");
    }
    return ArgumentValidator.validate(rule.get().schema(), arguments.get())
        .map(problem -> "invalid arguments: " + problem);
  }
}
