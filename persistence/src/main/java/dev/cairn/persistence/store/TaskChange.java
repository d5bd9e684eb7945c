package dev.cairn.persistence.store;

import java.util.List;
import java.util.UUID;

/**
 * A subtask to add, or a state change of one (title and dependencies are then those it has).
 *
 * @param taskId the task's id within the run
 * @param title what it is
 * @param dependsOn the tasks that must be done first
 * @param state OPEN, DONE or FAILED
 * @param note a note, or null to keep the current one
 * @param childRunId the child run working on it, or null to keep the current one
 */
public record TaskChange(
    String taskId,
    String title,
    List<String> dependsOn,
    String state,
    String note,
    UUID childRunId) {
  /** Copies the dependencies. */
  public TaskChange {
    dependsOn = List.copyOf(dependsOn);
  }
}
