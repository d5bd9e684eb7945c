package dev.cairn.runtime.engine;

import dev.cairn.tools.SideEffect;

/** What the next step of a run does, as computed by {@link StepDecider}. */
public sealed interface Decision {
  /** Ask the model for the next answer. */
  record CallModel() implements Decision {}

  /**
   * Run a tool call.
   *
   * @param call the call
   * @param sideEffect the tool's side-effect class
   * @param recovery whether this re-runs a started idempotent call after a crash
   */
  record CallTool(ToolCallRequest call, SideEffect sideEffect, boolean recovery)
      implements Decision {}

  /**
   * Refuse a tool call (unknown tool, malformed arguments) and tell the model why.
   *
   * @param call the call
   * @param reason what is wrong, for the model
   */
  record RejectToolCall(ToolCallRequest call, String reason) implements Decision {}

  /**
   * Stop the run with a status other than success.
   *
   * @param event the event (FAIL, EXCEED_BUDGET, QUARANTINE, NEED_RECONCILIATION)
   * @param reason why
   */
  record Stop(RunEvent event, String reason) implements Decision {}
}
