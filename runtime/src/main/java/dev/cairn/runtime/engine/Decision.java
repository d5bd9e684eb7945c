package dev.cairn.runtime.engine;

import dev.cairn.tools.SideEffect;
import java.util.List;
import java.util.UUID;

/** What the next step of a run does, as computed by {@link StepDecider}. */
public sealed interface Decision {
  /**
   * Ask the model for the next answer.
   *
   * @param maxOutputTokens the output cap sent to the provider
   * @param reserve the call's worst case, held of the budget
   * @param charge reservations of calls that may have been lost in a crash, charged first
   * @param reserveFirst whether the reservation must be written before the call (it is not durable
   *     yet); otherwise the commit of the previous step wrote it
   * @param summary when not null, the call summarises these older turns instead of asking for the
   *     next answer; it is reserved, charged and counted like any other model call
   */
  record CallModel(
      int maxOutputTokens,
      Reservation reserve,
      Reservation charge,
      boolean reserveFirst,
      SummaryRequest summary)
      implements Decision {
    /**
     * A call for the model's next answer.
     *
     * @param maxOutputTokens the output cap sent to the provider
     * @param reserve the call's worst case, held of the budget
     * @param charge reservations of calls that may have been lost in a crash, charged first
     * @param reserveFirst whether the reservation must be written before the call
     */
    public CallModel(
        int maxOutputTokens, Reservation reserve, Reservation charge, boolean reserveFirst) {
      this(maxOutputTokens, reserve, charge, reserveFirst, null);
    }

    /**
     * Whether this call summarises older turns.
     *
     * @return true for a summary call
     */
    public boolean summarizes() {
      return summary != null;
    }
  }

  /**
   * The older turns a summary call folds into the running summary: the messages with index {@code
   * fromIdx..toIdx}, which the snapshot holds, plus the previous summary if any. Never splits a
   * tool call from its results.
   *
   * @param fromIdx first message index covered by the new summary
   * @param toIdx last message index covered by the new summary
   */
  record SummaryRequest(int fromIdx, int toIdx) {}

  /**
   * Run a tool call.
   *
   * @param call the call
   * @param sideEffect the tool's side-effect class
   * @param recovery whether this re-runs a started idempotent call after a crash
   * @param approvalId the approval the call uses, or null when it needs none
   */
  record CallTool(ToolCallRequest call, SideEffect sideEffect, boolean recovery, UUID approvalId)
      implements Decision {
    /**
     * A call that needs no approval.
     *
     * @param call the call
     * @param sideEffect the tool's side-effect class
     * @param recovery whether this re-runs a started idempotent call after a crash
     */
    public CallTool(ToolCallRequest call, SideEffect sideEffect, boolean recovery) {
      this(call, sideEffect, recovery, null);
    }
  }

  /**
   * Refuse a tool call (unknown tool, malformed arguments, or an operator's rejection) and tell the
   * model why.
   *
   * @param call the call
   * @param reason what is wrong, for the model
   * @param approvalId the rejected approval, or null when the call itself is invalid
   */
  record RejectToolCall(ToolCallRequest call, String reason, UUID approvalId) implements Decision {
    /**
     * An invalid call.
     *
     * @param call the call
     * @param reason what is wrong, for the model
     */
    public RejectToolCall(ToolCallRequest call, String reason) {
      this(call, reason, null);
    }
  }

  /**
   * Wait for an operator to approve or reject tool calls, holding no worker.
   *
   * @param calls calls that get a new approval record (may be empty when records exist)
   * @param waitingFor the call the run cannot pass without a decision
   */
  record AwaitApproval(List<ToolCallRequest> calls, ToolCallRequest waitingFor)
      implements Decision {}

  /**
   * Apply operator commands, in order, as one step.
   *
   * @param commands the pending commands
   * @param abandonedCall what in-flight call a cancel interrupted, or null
   */
  record ApplyCommands(List<OperatorCommand> commands, String abandonedCall) implements Decision {}

  /**
   * Stop the run with a status other than success.
   *
   * @param event the event (FAIL, EXCEED_BUDGET, QUARANTINE, NEED_RECONCILIATION, PAUSE)
   * @param reason why
   */
  record Stop(RunEvent event, String reason) implements Decision {}
}
