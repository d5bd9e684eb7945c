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
 * @param writes capabilities' writes, run after the fence held, in order (may be empty)
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
    List<StepWrite> writes) {

  /** Normalises a null list of writes to none. */
  public StepCommit {
    writes = writes == null ? List.of() : List.copyOf(writes);
  }

  /**
   * A step without capability writes.
   *
   * @param runId run id
   * @param tenantId tenant
   * @param leaseOwner node that must still own the lease
   * @param leaseEpoch epoch that must still hold
   * @param now commit time
   * @param run run columns to write
   * @param checkpoint the checkpoint to append
   * @param messages conversation messages to append
   * @param toolCall tool call result to record, or null
   * @param events the step's events
   * @param control operator control writes, or null
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
        List.of());
  }

  /**
   * Whether the step writes more than its one statement (control rows or capability writes), so it
   * needs a transaction of its own.
   *
   * @return true when it writes beyond commit_step
   */
  public boolean writesBeyondStatement() {
    return (control != null && !control.isEmpty()) || !writes.isEmpty();
  }
}
