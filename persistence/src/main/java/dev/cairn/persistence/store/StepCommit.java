package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything one step writes, in one transaction, guarded by the lease fence.
 *
 * @param runId run id
 * @param tenantId tenant
 * @param leaseOwner node that must still own the lease
 * @param leaseEpoch epoch that must still hold
 * @param now commit time (from the injected clock)
 * @param run run columns to write
 * @param checkpoint the checkpoint to append
 * @param messages conversation messages to append
 * @param toolCall tool call result to record, or null
 * @param events the step's events, in seq order (at least run.step.committed)
 * @param control operator control writes, or null for none
 * @param summary the running summary the step made, or null
 */
public record StepCommit(
    UUID runId,
    String tenantId,
    String leaseOwner,
    long leaseEpoch,
    Instant now,
    RunUpdate run,
    CheckpointRow checkpoint,
    List<MessageRow> messages,
    ToolCallRecord toolCall,
    List<NewEvent> events,
    ControlWrites control,
    SummaryRow summary) {

  /**
   * A step that makes no summary.
   *
   * @param runId run id
   * @param tenantId tenant
   * @param leaseOwner node that must still own the lease
   * @param leaseEpoch epoch that must still hold
   * @param now commit time (from the injected clock)
   * @param run run columns to write
   * @param checkpoint the checkpoint to append
   * @param messages conversation messages to append
   * @param toolCall tool call result to record, or null
   * @param events the step's events, in seq order (at least run.step.committed)
   * @param control operator control writes, or null for none
   */
  public StepCommit(
      UUID runId,
      String tenantId,
      String leaseOwner,
      long leaseEpoch,
      Instant now,
      RunUpdate run,
      CheckpointRow checkpoint,
      List<MessageRow> messages,
      ToolCallRecord toolCall,
      List<NewEvent> events,
      ControlWrites control) {
    this(
        runId,
        tenantId,
        leaseOwner,
        leaseEpoch,
        now,
        run,
        checkpoint,
        messages,
        toolCall,
        events,
        control,
        null);
  }

  /**
   * Whether the step writes more than its one statement (control rows, a summary), so its writes
   * need a transaction of their own.
   *
   * @return true when writers follow the statement
   */
  public boolean writesAfterFence() {
    return (control != null && !control.isEmpty()) || summary != null;
  }
}
