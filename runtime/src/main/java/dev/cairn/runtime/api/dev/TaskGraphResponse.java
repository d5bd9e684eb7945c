package dev.cairn.runtime.api.dev;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A run's task graph: its root task (the run itself), the subtasks it planned, the child runs it
 * started and the latest signals sent to it.
 *
 * @param runId the run
 * @param root the root task
 * @param tasks the subtasks, in the order they were added
 * @param children the child runs, oldest first (at most 200)
 * @param signals the latest signals, newest first (at most 50; payloads are not listed)
 */
@Schema(description = "A run's task graph with states")
public record TaskGraphResponse(
    String runId, Root root, List<Task> tasks, List<Child> children, List<Signal> signals) {

  /**
   * The root task: the run.
   *
   * @param id always {@code root}
   * @param agent the run's agent
   * @param status the run's status
   * @param waitReason why it waits (TIMER, SIGNAL, CHILDREN, ...), or null
   * @param wakeAt when it wakes at the latest, or null
   * @param parentRunId the run that started it, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Root(
      String id,
      String agent,
      String status,
      String waitReason,
      Instant wakeAt,
      String parentRunId) {}

  /**
   * A subtask.
   *
   * @param id its id
   * @param title what it is
   * @param dependsOn the tasks that must be done first
   * @param state OPEN, DONE or FAILED
   * @param ready whether it is open and every dependency is done
   * @param note the note given when it was marked, or null
   * @param childRunId the child run working on it, or null
   * @param childStatus that child's status, or null
   * @param createdSeq the step that added it
   * @param updatedSeq the step that changed it last
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Task(
      String id,
      String title,
      List<String> dependsOn,
      String state,
      boolean ready,
      String note,
      String childRunId,
      String childStatus,
      int createdSeq,
      int updatedSeq) {}

  /**
   * A child run.
   *
   * @param runId the child
   * @param agent its agent
   * @param task the subtask it works on, or null
   * @param callId the call that started it
   * @param status its status
   * @param result its result, or null
   * @param error its error, or null
   * @param createdAt when it was started
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Child(
      String runId,
      String agent,
      String task,
      String callId,
      String status,
      JsonNode result,
      JsonNode error,
      Instant createdAt) {}

  /**
   * A signal.
   *
   * @param id the signal
   * @param name its name
   * @param sentBy who sent it
   * @param createdAt when
   * @param consumedSeq the step that took it, or null while it waits
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Signal(
      String id, String name, String sentBy, Instant createdAt, Integer consumedSeq) {}
}
