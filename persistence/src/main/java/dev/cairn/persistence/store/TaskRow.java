package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One subtask of a run.
 *
 * @param taskId the task's id within the run
 * @param title what it is
 * @param dependsOn the tasks that must be done first
 * @param state OPEN, DONE or FAILED
 * @param note the last note given with a state change, or null
 * @param childRunId the child run working on it, or null
 * @param createdSeq the step that added it
 * @param updatedSeq the step that changed it last
 * @param createdAt when it was added
 * @param updatedAt when it changed last
 */
public record TaskRow(
    String taskId,
    String title,
    List<String> dependsOn,
    String state,
    String note,
    UUID childRunId,
    int createdSeq,
    int updatedSeq,
    Instant createdAt,
    Instant updatedAt) {
  /** Copies the dependencies. */
  public TaskRow {
    dependsOn = List.copyOf(dependsOn);
  }
}
