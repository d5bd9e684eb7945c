package dev.cairn.runtime.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.persistence.store.TaskChange;
import dev.cairn.persistence.store.TaskRow;
import dev.cairn.persistence.store.TaskStore;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.StepTool;
import dev.cairn.runtime.engine.ToolCallRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code plan} tool: adds subtasks with dependencies under the run's root task, and marks them
 * done or failed. The graph stays a DAG: a change that would add a cycle, depend on an unknown task
 * or exceed the bounds is refused as a whole with a message saying why, and nothing is written.
 * Every call answers with the whole plan (each task's state and whether it is ready).
 */
@ApplicationScoped
public class PlanTool implements StepTool {
  /** The tool's name. */
  public static final String NAME = "plan";

  /** Most subtasks of one run. */
  public static final int MAX_TASKS = 100;

  /** Most changes (adds and marks together) in one call. */
  public static final int MAX_CHANGES = 25;

  /** A task id. */
  static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

  /** The id of the run itself, the root of its graph. */
  public static final String ROOT = "root";

  private final TaskStore store;

  /**
   * Creates the tool.
   *
   * @param store subtasks
   */
  public PlanTool(TaskStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Plans the work as subtasks with dependencies (a graph without cycles) and marks them"
        + " done or failed. 'add' adds tasks {id, title, dependsOn}; 'done' lists task ids"
        + " finished; 'failed' lists {id, reason}. A task can be marked done only when the tasks"
        + " it depends on are done. Answers with the whole plan; call with no arguments to read"
        + " it.";
  }

  @Override
  public JsonNode argumentsSchema() {
    return Json.parse(
        """
        {"type":"object","properties":{
          "add":{"type":"array","maxItems":25,"items":{"type":"object","properties":{
            "id":{"type":"string","minLength":1,"maxLength":40},
            "title":{"type":"string","minLength":1,"maxLength":200},
            "dependsOn":{"type":"array","maxItems":25,"items":{"type":"string","maxLength":40}}},
            "required":["id","title"],"additionalProperties":false}},
          "done":{"type":"array","maxItems":25,"items":{"type":"string","maxLength":40}},
          "failed":{"type":"array","maxItems":25,"items":{"type":"object","properties":{
            "id":{"type":"string","maxLength":40},
            "reason":{"type":"string","maxLength":500}},
            "required":["id"],"additionalProperties":false}}},
         "additionalProperties":false}""");
  }

  @Override
  public StepOutcome.ToolOutput call(
      RunSnapshot run, ToolCallRequest call, JsonNode arguments, Instant now) {
    List<TaskRow> existing = store.tasks(run.id());
    Map<String, TaskRow> byId = new LinkedHashMap<>();
    existing.forEach(t -> byId.put(t.taskId(), t));
    List<TaskChange> changes = new ArrayList<>();
    Map<String, List<String>> added = new LinkedHashMap<>();
    Map<String, String> titles = new LinkedHashMap<>();
    int count =
        arguments.path("add").size()
            + arguments.path("done").size()
            + arguments.path("failed").size();
    if (count > MAX_CHANGES) {
      return refused("at most " + MAX_CHANGES + " changes per call, got " + count);
    }
    for (JsonNode task : arguments.path("add")) {
      String id = task.path("id").asText();
      if (!TASK_ID.matcher(id).matches() || ROOT.equals(id)) {
        return refused(
            "task id '" + shorten(id) + "' is not allowed (letters, digits, _ . -, 1-40)");
      }
      if (byId.containsKey(id) || added.containsKey(id)) {
        return refused("task '" + id + "' exists already");
      }
      List<String> deps = new ArrayList<>();
      for (JsonNode dep : task.path("dependsOn")) {
        if (!deps.contains(dep.asText())) {
          deps.add(dep.asText());
        }
      }
      added.put(id, deps);
      titles.put(id, task.path("title").asText());
    }
    if (byId.size() + added.size() > MAX_TASKS) {
      return refused("a run has at most " + MAX_TASKS + " tasks");
    }
    Map<String, List<String>> before = new LinkedHashMap<>();
    existing.forEach(t -> before.put(t.taskId(), t.dependsOn()));
    TaskGraph graph = new TaskGraph(before).with(added);
    Optional<String> unknown = graph.unknownDependency();
    if (unknown.isPresent()) {
      return refused("dependency on an unknown task: " + unknown.get());
    }
    Optional<List<String>> cycle = graph.cycle();
    if (cycle.isPresent()) {
      return refused(
          "the dependencies would form a cycle: "
              + String.join(" -> ", cycle.get())
              + " (each task depends on the next); a plan must have no cycles");
    }
    added.forEach(
        (id, deps) -> changes.add(new TaskChange(id, titles.get(id), deps, "OPEN", null, null)));
    Map<String, String> states = new LinkedHashMap<>();
    byId.forEach((id, t) -> states.put(id, t.state()));
    added.keySet().forEach(id -> states.put(id, "OPEN"));
    Optional<String> marking = mark(arguments, graph, states, byId, titles, changes);
    if (marking.isPresent()) {
      return refused(marking.get());
    }
    ObjectNode plan = describe(graph, states, byId, titles);
    if (changes.isEmpty()) {
      return new StepOutcome.ToolOutput(plan.toString(), false);
    }
    ObjectNode recorded = Json.object();
    ArrayNode list = recorded.putObject("plan").putArray("changes");
    for (TaskChange c : changes) {
      list.addObject().put("id", c.taskId()).put("state", c.state());
    }
    return new StepOutcome.ToolOutput(
        plan.toString(),
        false,
        new StepOutcome.Effects(recorded, List.of(TaskStore.writeTasks(changes)), null));
  }

  private static Optional<String> mark(
      JsonNode arguments,
      TaskGraph graph,
      Map<String, String> states,
      Map<String, TaskRow> byId,
      Map<String, String> titles,
      List<TaskChange> changes) {
    Set<String> seen = new HashSet<>();
    for (JsonNode done : arguments.path("done")) {
      String id = done.asText();
      Optional<String> problem = markable(id, states, seen);
      if (problem.isPresent()) {
        return problem;
      }
      for (String dep : graph.dependencies().get(id)) {
        if (!"DONE".equals(states.get(dep))) {
          return Optional.of(
              "task '" + id + "' depends on '" + dep + "', which is " + states.get(dep));
        }
      }
      states.put(id, "DONE");
      changes.add(change(id, graph, byId, titles, "DONE", null));
    }
    for (JsonNode failed : arguments.path("failed")) {
      String id = failed.path("id").asText();
      Optional<String> problem = markable(id, states, seen);
      if (problem.isPresent()) {
        return problem;
      }
      states.put(id, "FAILED");
      String reason = failed.path("reason").isTextual() ? failed.path("reason").asText() : null;
      changes.add(change(id, graph, byId, titles, "FAILED", reason));
    }
    return Optional.empty();
  }

  private static Optional<String> markable(
      String id, Map<String, String> states, Set<String> seen) {
    if (!states.containsKey(id)) {
      return Optional.of("no task '" + shorten(id) + "' in the plan");
    }
    if (!seen.add(id)) {
      return Optional.of("task '" + id + "' is marked twice");
    }
    if (!"OPEN".equals(states.get(id))) {
      return Optional.of("task '" + id + "' is " + states.get(id) + " already");
    }
    return Optional.empty();
  }

  private static TaskChange change(
      String id,
      TaskGraph graph,
      Map<String, TaskRow> byId,
      Map<String, String> titles,
      String state,
      String note) {
    String title = byId.containsKey(id) ? byId.get(id).title() : titles.get(id);
    return new TaskChange(id, title, graph.dependencies().get(id), state, note, null);
  }

  /** The plan as the model sees it. */
  static ObjectNode describe(
      TaskGraph graph,
      Map<String, String> states,
      Map<String, TaskRow> byId,
      Map<String, String> titles) {
    Set<String> done = new HashSet<>();
    states.forEach(
        (id, s) -> {
          if ("DONE".equals(s)) {
            done.add(id);
          }
        });
    Set<String> ready = graph.readyGiven(done);
    ObjectNode plan = Json.object();
    ArrayNode tasks = plan.putArray("tasks");
    graph
        .dependencies()
        .forEach(
            (id, deps) -> {
              ObjectNode t = tasks.addObject();
              t.put("id", id);
              t.put("title", byId.containsKey(id) ? byId.get(id).title() : titles.get(id));
              t.put("state", states.get(id));
              ArrayNode d = t.putArray("dependsOn");
              deps.forEach(d::add);
              t.put("ready", "OPEN".equals(states.get(id)) && ready.contains(id));
              TaskRow row = byId.get(id);
              if (row != null && row.childRunId() != null) {
                t.put("childRunId", row.childRunId().toString());
              }
            });
    return plan;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private static StepOutcome.ToolOutput refused(String why) {
    return new StepOutcome.ToolOutput("error: plan not changed: " + why, true);
  }
}
