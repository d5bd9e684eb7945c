package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import java.time.Instant;

/**
 * A built-in tool whose effects belong to the run itself (memory, subtasks, child runs, timers)
 * rather than to the outside world. It sees the run, reads what it needs, and returns its output
 * with {@link StepOutcome.Effects}: rows written by the step's own commit and, possibly, a wait.
 * Nothing it does outlives a crash before that commit, so a call is safe to repeat and needs no
 * intent: such tools are {@link SideEffect#READ_ONLY} towards the world. Unlike read-only tools, a
 * step tool never overlaps the previous step's commit: what it reads must include that step.
 *
 * <p>A call whose effects carry a wait stays pending: the run waits (holding no worker) and the
 * same call is executed again when the run wakes, and then answers the model.
 */
public interface StepTool extends Tool {
  /**
   * Executes a call of this tool for a run.
   *
   * @param run the run, before the step
   * @param call the call
   * @param arguments the call's arguments, validated against {@link #argumentsSchema()}
   * @param now the step's time
   * @return the output for the model and the step's effects
   */
  StepOutcome.ToolOutput call(
      RunSnapshot run, ToolCallRequest call, JsonNode arguments, Instant now);

  @Override
  default SideEffect sideEffect() {
    return SideEffect.READ_ONLY;
  }

  @Override
  default ToolResult execute(ToolInvocation invocation) throws ToolException {
    throw new ToolException("tool '" + name() + "' runs only as a step of a run");
  }
}
