package dev.cairn.runtime.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.persistence.entity.AgentDefinitionEntity;
import dev.cairn.persistence.store.ChildRunRow;
import dev.cairn.persistence.store.NewChildRun;
import dev.cairn.persistence.store.StepWrite;
import dev.cairn.persistence.store.TaskChange;
import dev.cairn.persistence.store.TaskRow;
import dev.cairn.persistence.store.TaskStore;
import dev.cairn.runtime.agents.AgentService;
import dev.cairn.runtime.agents.RunService;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.StepTool;
import dev.cairn.runtime.engine.ToolCallRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code delegate} tool: starts child runs of named agents (optionally each for a subtask of
 * the plan) in the step's commit, then the run waits with reason {@code CHILDREN}, holding no
 * worker, until the join is satisfied: {@code all} children finished, or the {@code first}. The
 * same call then answers with every child's status and result or error; a child's failure is
 * reported, not acted on. With {@code first}, the children still running are cancelled. The
 * answering step charges the children's usage to the run (see {@link ChildBudgets} for how their
 * budgets are carved out of the run's).
 */
@ApplicationScoped
public class DelegateTool implements StepTool {
  /** The tool's name. */
  public static final String NAME = "delegate";

  /** Most children one call starts. */
  public static final int MAX_CHILDREN_PER_CALL = 8;

  /** Most children of one run. */
  public static final int MAX_CHILDREN_PER_RUN = 64;

  /**
   * Longest wait between checks of the children: a safety net only, children wake their parent when
   * they finish.
   */
  static final Duration RECHECK = Duration.ofMinutes(5);

  private final TaskStore store;
  private final AgentService agents;

  /**
   * Creates the tool.
   *
   * @param store subtasks and child runs
   * @param agents agent definitions
   */
  public DelegateTool(TaskStore store, AgentService agents) {
    this.store = store;
    this.agents = agents;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Delegates work to child runs of other agents and waits for them without using"
        + " resources. 'children' lists {agent, input, task}: the agent's name, its input (text or"
        + " JSON) and optionally the id of the plan's subtask it works on. 'join' is 'all'"
        + " (default: answer when every child finished) or 'first' (answer when one finished;"
        + " the others are cancelled). Answers with each child's status and result or error."
        + " Children's budgets are shares of what this run has left.";
  }

  @Override
  public JsonNode argumentsSchema() {
    return Json.parse(
        """
        {"type":"object","properties":{
          "children":{"type":"array","minItems":1,"maxItems":8,"items":{"type":"object",
            "properties":{
              "agent":{"type":"string","minLength":1,"maxLength":63},
              "input":{},
              "task":{"type":"string","maxLength":40}},
            "required":["agent","input"],"additionalProperties":false}},
          "join":{"type":"string","enum":["all","first"]}},
         "required":["children"],"additionalProperties":false}""");
  }

  @Override
  public StepOutcome.ToolOutput call(
      RunSnapshot run, ToolCallRequest call, JsonNode arguments, Instant now) {
    boolean first = "first".equals(arguments.path("join").asText("all"));
    List<ChildRunRow> children = store.children(run.id(), call.id());
    if (children.isEmpty()) {
      return start(run, call, arguments, now, first);
    }
    int finished = (int) children.stream().filter(ChildRunRow::finished).count();
    boolean joined = first ? finished >= 1 : finished == children.size();
    if (!joined) {
      ObjectNode recorded = Json.object();
      recorded.putObject("delegate").put("finished", finished).put("children", children.size());
      return new StepOutcome.ToolOutput(
          "",
          false,
          new StepOutcome.Effects(
              recorded,
              List.of(TaskStore.wakeIfChildrenFinished(call.id(), finished)),
              new StepOutcome.Wait("CHILDREN", now.plus(RECHECK))));
    }
    return answer(children, call, first);
  }

  private StepOutcome.ToolOutput start(
      RunSnapshot run, ToolCallRequest call, JsonNode arguments, Instant now, boolean first) {
    JsonNode requested = arguments.path("children");
    int n = requested.size();
    if (n < 1 || n > MAX_CHILDREN_PER_CALL) {
      return error("give 1 to " + MAX_CHILDREN_PER_CALL + " children");
    }
    if (store.childCount(run.id()) + n > MAX_CHILDREN_PER_RUN) {
      return error("a run starts at most " + MAX_CHILDREN_PER_RUN + " child runs");
    }
    Map<String, TaskRow> tasks = new HashMap<>();
    store.tasks(run.id()).forEach(t -> tasks.put(t.taskId(), t));
    ChildBudgets.Left left = ChildBudgets.left(run);
    List<NewChildRun> starts = new ArrayList<>();
    List<TaskChange> taskChanges = new ArrayList<>();
    Set<String> taskIds = new HashSet<>();
    ObjectNode recorded = Json.object();
    ObjectNode delegate = recorded.putObject("delegate").put("join", first ? "first" : "all");
    ArrayNode list = delegate.putArray("started");
    for (JsonNode child : requested) {
      String agent = child.path("agent").asText();
      Optional<AgentDefinitionEntity> definition = agents.latest(run.tenantId(), agent);
      if (definition.isEmpty()) {
        return error("agent '" + shorten(agent) + "' does not exist");
      }
      String taskId = child.hasNonNull("task") ? child.path("task").asText() : null;
      if (taskId != null) {
        TaskRow task = tasks.get(taskId);
        if (task == null) {
          return error("no task '" + shorten(taskId) + "' in the plan");
        }
        if (!"OPEN".equals(task.state()) || task.childRunId() != null || !taskIds.add(taskId)) {
          return error("task '" + taskId + "' is " + task.state() + " or delegated already");
        }
      }
      JsonNode input = child.path("input");
      if (input.isNull() || input.isMissingNode()) {
        return error("a child's input must not be null");
      }
      String inputJson = input.toString();
      if (inputJson.length() > RunService.MAX_INPUT_BYTES) {
        return error("a child's input is larger than " + RunService.MAX_INPUT_BYTES + " bytes");
      }
      AgentSpec spec = spec(definition.get());
      Optional<AgentSpec.Budget> budget = ChildBudgets.share(left, n, spec.budget());
      if (budget.isEmpty()) {
        return error(
            "not enough budget left to start "
                + n
                + " child run(s): "
                + left.modelCalls()
                + " model calls, "
                + left.tokens()
                + " tokens"
                + (left.costMicros() == null ? "" : ", " + left.costMicros() + " cost micros")
                + " left");
      }
      UUID id = UUID.randomUUID();
      starts.add(
          new NewChildRun(
              id,
              definition.get().name,
              definition.get().version,
              inputJson,
              input.isTextual() ? input.asText() : inputJson,
              0,
              Json.write(budget.get()),
              ChildBudgets.deadline(run.control().deadline(), budget.get(), now),
              call.id(),
              taskId,
              variantName(spec, id)));
      if (taskId != null) {
        TaskRow task = tasks.get(taskId);
        taskChanges.add(new TaskChange(taskId, task.title(), task.dependsOn(), "OPEN", null, id));
      }
      ObjectNode entry = list.addObject().put("runId", id.toString()).put("agent", agent);
      if (taskId != null) {
        entry.put("task", taskId);
      }
    }
    List<StepWrite> writes = new ArrayList<>();
    writes.add(TaskStore.startChildren(starts));
    if (!taskChanges.isEmpty()) {
      writes.add(TaskStore.writeTasks(taskChanges));
    }
    return new StepOutcome.ToolOutput(
        "",
        false,
        new StepOutcome.Effects(
            recorded, writes, new StepOutcome.Wait("CHILDREN", now.plus(RECHECK))));
  }

  private static StepOutcome.ToolOutput answer(
      List<ChildRunRow> children, ToolCallRequest call, boolean first) {
    ObjectNode output = Json.object().put("join", first ? "first" : "all");
    ArrayNode list = output.putArray("children");
    ObjectNode recorded = Json.object();
    ArrayNode joined = recorded.putObject("delegate").putArray("joined");
    int modelCalls = 0;
    int toolCalls = 0;
    long in = 0;
    long out = 0;
    long cost = 0;
    for (ChildRunRow c : children) {
      ObjectNode entry = list.addObject();
      entry.put("runId", c.id().toString()).put("agent", c.agentName());
      if (c.taskId() != null) {
        entry.put("task", c.taskId());
      }
      entry.put("status", c.finished() ? c.status() : "CANCELLING");
      if (c.resultJson() != null) {
        entry.set("result", Json.parse(c.resultJson()));
      }
      if (c.errorJson() != null) {
        entry.set("error", Json.parse(c.errorJson()));
      }
      joined.addObject().put("runId", c.id().toString()).put("status", c.status());
      modelCalls += c.modelCalls();
      toolCalls += c.toolCalls();
      in += c.inputTokens();
      out += c.outputTokens();
      cost += c.costMicros();
    }
    List<StepWrite> writes = first ? List.of(TaskStore.cancelChildren(call.id())) : List.of();
    return new StepOutcome.ToolOutput(
        output.toString(),
        false,
        new StepOutcome.Effects(
            recorded, writes, null, new StepOutcome.Charge(modelCalls, toolCalls, in, out, cost)));
  }

  private static AgentSpec spec(AgentDefinitionEntity definition) {
    try {
      return Json.MAPPER.readValue(definition.spec, AgentSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored definition is not a valid spec", e);
    }
  }

  private static String shorten(String text) {
    return text.length() <= 63 ? text : text.substring(0, 63) + "...";
  }

  private static StepOutcome.ToolOutput error(String why) {
    return new StepOutcome.ToolOutput("error: nothing delegated: " + why, true);
  }

  private static String variantName(AgentSpec spec, UUID id) {
    AgentSpec.Variant variant = dev.cairn.runtime.engine.ModelRoute.variantOf(spec, id);
    return variant == null ? null : variant.name();
  }
}
