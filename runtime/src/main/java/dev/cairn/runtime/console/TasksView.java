package dev.cairn.runtime.console;

import dev.cairn.runtime.api.dev.TaskGraphResponse;

/**
 * A run's task graph as shown on its page: the service's graph (subtasks at most 100 by the plan
 * tool, child runs at most 200, signals at most 50).
 *
 * @param runId the run
 * @param graph the graph
 * @param live whether the run can still change (the section refreshes itself)
 */
public record TasksView(String runId, TaskGraphResponse graph, boolean live) {}
