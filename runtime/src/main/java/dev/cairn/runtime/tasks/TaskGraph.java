package dev.cairn.runtime.tasks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dependency graph of a run's subtasks, checked to be a DAG. Pure: no I/O.
 *
 * @param dependencies each task's dependencies, in the order tasks were added
 */
public record TaskGraph(Map<String, List<String>> dependencies) {
  /** Copies the map, keeping its order. */
  public TaskGraph {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    dependencies.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    dependencies = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * The graph with more tasks.
   *
   * @param added the new tasks and their dependencies, in order
   * @return the larger graph
   */
  public TaskGraph with(Map<String, List<String>> added) {
    Map<String, List<String>> all = new LinkedHashMap<>(dependencies);
    all.putAll(added);
    return new TaskGraph(all);
  }

  /**
   * A dependency on a task the graph does not have.
   *
   * @return "task -> missing" for the first such edge, if any
   */
  public Optional<String> unknownDependency() {
    for (Map.Entry<String, List<String>> e : dependencies.entrySet()) {
      for (String dep : e.getValue()) {
        if (!dependencies.containsKey(dep)) {
          return Optional.of(e.getKey() + " -> " + dep);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A cycle, if the graph has one.
   *
   * @return the tasks on the first cycle found, the first repeated at the end
   */
  public Optional<List<String>> cycle() {
    Map<String, Integer> state = new HashMap<>();
    for (String start : dependencies.keySet()) {
      if (state.containsKey(start)) {
        continue;
      }
      Optional<List<String>> found = walk(start, state);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Iterative depth-first walk: 1 = on the current path, 2 = done. */
  private Optional<List<String>> walk(String start, Map<String, Integer> state) {
    Deque<String> path = new ArrayDeque<>();
    Deque<java.util.Iterator<String>> next = new ArrayDeque<>();
    path.push(start);
    next.push(dependencies.getOrDefault(start, List.of()).iterator());
    state.put(start, 1);
    while (!path.isEmpty()) {
      java.util.Iterator<String> it = next.peek();
      if (!it.hasNext()) {
        state.put(path.pop(), 2);
        next.pop();
        continue;
      }
      String dep = it.next();
      Integer s = state.get(dep);
      if (s == null) {
        state.put(dep, 1);
        path.push(dep);
        next.push(dependencies.getOrDefault(dep, List.of()).iterator());
      } else if (s == 1) {
        List<String> onPath = new ArrayList<>(path);
        java.util.Collections.reverse(onPath);
        List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(dep), onPath.size()));
        cycle.add(dep);
        return Optional.of(cycle);
      }
    }
    return Optional.empty();
  }

  /**
   * The tasks whose dependencies are all in {@code done}.
   *
   * @param done the finished tasks
   * @return their ids, in order
   */
  public Set<String> readyGiven(Set<String> done) {
    Set<String> ready = new HashSet<>();
    dependencies.forEach(
        (task, deps) -> {
          if (done.containsAll(deps)) {
            ready.add(task);
          }
        });
    return ready;
  }
}
