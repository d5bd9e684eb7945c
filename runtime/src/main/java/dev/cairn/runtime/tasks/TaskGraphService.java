package dev.cairn.runtime.tasks;

import dev.cairn.persistence.store.TaskGraphRows;
import dev.cairn.persistence.store.TaskStore;
import dev.cairn.runtime.api.problem.CairnException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Reads a run's task graph: its root task (the run), subtasks, child runs and signals. */
@ApplicationScoped
public class TaskGraphService {
  private final TaskStore store;

  /**
   * Creates the service.
   *
   * @param store subtasks and child runs
   */
  public TaskGraphService(TaskStore store) {
    this.store = store;
  }

  /**
   * A run's graph.
   *
   * @param tenantId tenant
   * @param runId the run
   * @return the graph
   */
  public TaskGraphRows graph(String tenantId, UUID runId) {
    return store
        .graph(tenantId, runId)
        .orElseThrow(() -> CairnException.notFound("run " + runId + " does not exist"));
  }
}
