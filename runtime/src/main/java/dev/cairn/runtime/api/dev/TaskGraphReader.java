package dev.cairn.runtime.api.dev;

import dev.cairn.persistence.store.ChildRunRow;
import dev.cairn.persistence.store.TaskGraphRows;
import dev.cairn.persistence.store.TaskRow;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.tasks.TaskGraphService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads a run's task graph for the API. */
@ApplicationScoped
public class TaskGraphReader {
  private final TaskGraphService graphs;

  /**
   * Creates the reader.
   *
   * @param graphs task graphs
   */
  public TaskGraphReader(TaskGraphService graphs) {
    this.graphs = graphs;
  }

  /**
   * A run's graph.
   *
   * @param tenantId tenant
   * @param runId the run
   * @return the graph
   */
  public TaskGraphResponse graph(String tenantId, UUID runId) {
    TaskGraphRows rows = graphs.graph(tenantId, runId);
    Map<UUID, String> childStatus = new HashMap<>();
    rows.children().forEach(c -> childStatus.put(c.id(), c.status()));
    Set<String> done = new HashSet<>();
    rows.tasks().stream().filter(t -> "DONE".equals(t.state())).forEach(t -> done.add(t.taskId()));
    List<TaskGraphResponse.Task> tasks =
        rows.tasks().stream().map(t -> task(t, done, childStatus)).toList();
    return new TaskGraphResponse(
        runId.toString(),
        new TaskGraphResponse.Root(
            "root",
            rows.agentName(),
            rows.status(),
            rows.waitReason(),
            "WAITING".equals(rows.status()) ? rows.wakeAt() : null,
            rows.parentRunId() == null ? null : rows.parentRunId().toString()),
        tasks,
        rows.children().stream().map(TaskGraphReader::child).toList(),
        rows.signals().stream()
            .map(
                s ->
                    new TaskGraphResponse.Signal(
                        s.id().toString(), s.name(), s.sentBy(), s.createdAt(), s.consumedSeq()))
            .toList());
  }

  private static TaskGraphResponse.Task task(
      TaskRow t, Set<String> done, Map<UUID, String> childStatus) {
    return new TaskGraphResponse.Task(
        t.taskId(),
        t.title(),
        t.dependsOn(),
        t.state(),
        "OPEN".equals(t.state()) && done.containsAll(t.dependsOn()),
        t.note(),
        t.childRunId() == null ? null : t.childRunId().toString(),
        t.childRunId() == null ? null : childStatus.get(t.childRunId()),
        t.createdSeq(),
        t.updatedSeq());
  }

  private static TaskGraphResponse.Child child(ChildRunRow c) {
    return new TaskGraphResponse.Child(
        c.id().toString(),
        c.agentName(),
        c.taskId(),
        c.callId(),
        c.status(),
        c.resultJson() == null ? null : Json.parse(c.resultJson()),
        c.errorJson() == null ? null : Json.parse(c.errorJson()),
        c.createdAt());
  }
}
