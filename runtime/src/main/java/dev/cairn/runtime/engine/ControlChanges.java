package dev.cairn.runtime.engine;

import java.util.List;
import java.util.UUID;

/**
 * What a step changes for operator control besides the run and its checkpoint: commands it settled,
 * approvals it asks for, approval decisions and uses. Written in the step's transaction, only when
 * its fence held.
 *
 * @param commands settled commands
 * @param newApprovals approvals the run now waits for
 * @param approvalUpdates decisions and uses of existing approvals
 * @param reconciledIntent the result recorded for the run's open tool intent, or null
 */
public record ControlChanges(
    List<CommandResult> commands,
    List<NewApproval> newApprovals,
    List<ApprovalUpdate> approvalUpdates,
    IntentResult reconciledIntent) {

  /**
   * Writes without a reconciled intent.
   *
   * @param commands settled commands
   * @param newApprovals approvals the run now waits for
   * @param approvalUpdates decisions and uses of existing approvals
   */
  public ControlChanges(
      List<CommandResult> commands,
      List<NewApproval> newApprovals,
      List<ApprovalUpdate> approvalUpdates) {
    this(commands, newApprovals, approvalUpdates, null);
  }

  /**
   * The result an operator stated for a call whose outcome was uncertain.
   *
   * @param result the text recorded as the call's result
   * @param error whether it is recorded as an error (the effect did not happen)
   */
  public record IntentResult(String result, boolean error) {}

  /**
   * Whether there is nothing to write.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return commands.isEmpty()
        && newApprovals.isEmpty()
        && approvalUpdates.isEmpty()
        && reconciledIntent == null;
  }

  /**
   * A command's final state.
   *
   * @param id command id
   * @param kind what the command asked
   * @param actor who gave it
   * @param state APPLIED or REJECTED
   * @param outcome what happened, or why it was refused
   */
  public record CommandResult(
      UUID id, CommandKind kind, String actor, String state, String outcome) {

    /**
     * Whether the command took effect.
     *
     * @return true when APPLIED
     */
    public boolean applied() {
      return "APPLIED".equals(state);
    }
  }

  /**
   * A new approval record.
   *
   * @param id approval id
   * @param toolCallId the call
   * @param toolName the tool
   * @param argumentsJson the arguments as JSON
   * @param argumentsHash hash of (run, seq, tool, arguments)
   */
  public record NewApproval(
      UUID id, String toolCallId, String toolName, String argumentsJson, String argumentsHash) {}

  /**
   * A change of an approval.
   *
   * @param id approval id
   * @param state APPROVED, REJECTED or USED
   * @param actor who decided, or null to keep
   * @param reason the reason, or null to keep
   */
  public record ApprovalUpdate(UUID id, String state, String actor, String reason) {}
}
