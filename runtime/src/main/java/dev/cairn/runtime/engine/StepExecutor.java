package dev.cairn.runtime.engine;

import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolCatalog;
import dev.cairn.tools.ToolException;
import dev.cairn.tools.ToolInvocation;
import dev.cairn.tools.ToolResult;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Performs a decision: calls the model or the tool. Runs outside any transaction. */
public final class StepExecutor {
  private static final Logger LOG = Logger.getLogger(StepExecutor.class);
  private final ModelPort model;
  private final ToolCatalog tools;
  private final Clock clock;

  /**
   * Creates the executor.
   *
   * @param model the model gateway
   * @param tools the available tools
   * @param clock the clock step tools see
   */
  public StepExecutor(ModelPort model, ToolCatalog tools, Clock clock) {
    this.model = model;
    this.tools = tools;
    this.clock = clock;
  }

  /**
   * Creates the executor on the system clock.
   *
   * @param model the model gateway
   * @param tools the available tools
   */
  public StepExecutor(ModelPort model, ToolCatalog tools) {
    this(model, tools, Clock.systemUTC());
  }

  /**
   * Executes a decision.
   *
   * @param run the run
   * @param decision the decision
   * @return what came back
   */
  public StepOutcome execute(RunSnapshot run, Decision decision) {
    return switch (decision) {
      case Decision.CallModel c ->
          c.summarizes()
              ? model.summarize(run, c.summary(), c.maxOutputTokens())
              : model.ask(run, c.maxOutputTokens());
      case Decision.CallTool t -> runTool(run, t.call());
      case Decision.RejectToolCall r -> new StepOutcome.Nothing();
      case Decision.Stop s -> new StepOutcome.Nothing();
      case Decision.AwaitApproval a -> new StepOutcome.Nothing();
      case Decision.ApplyCommands a -> new StepOutcome.Nothing();
    };
  }

  private StepOutcome runTool(RunSnapshot run, ToolCallRequest call) {
    Optional<Tool> tool = tools.find(call.name());
    if (tool.isEmpty()) {
      return new StepOutcome.ToolOutput("error: tool '" + call.name() + "' is not available", true);
    }
    if (tool.get() instanceof StepTool stepTool) {
      return runStepTool(stepTool, run, call);
    }
    ToolInvocation invocation =
        new ToolInvocation(
            run.tenantId(),
            run.agentName(),
            run.id(),
            run.nextSeq(),
            run.nextIdempotencyKey(),
            Json.parse(call.arguments()));
    try {
      ToolResult result = tool.get().execute(invocation);
      return new StepOutcome.ToolOutput(result.output(), result.error());
    } catch (ToolException e) {
      return new StepOutcome.ToolOutput("error: " + e.getMessage(), true);
    } catch (RuntimeException e) {
      LOG.warnf(e, "tool %s failed in run %s", call.name(), run.id());
      return new StepOutcome.ToolOutput("error: the tool failed unexpectedly", true);
    }
  }

  private StepOutcome runStepTool(StepTool tool, RunSnapshot run, ToolCallRequest call) {
    try {
      return tool.call(run, call, Json.parse(call.arguments()), clock.instant());
    } catch (RuntimeException e) {
      // A step tool reads the database; a failure here must not be told to the model as the
      // tool's answer (it would be recorded for good): the step is given up and retried.
      throw new IllegalStateException("step tool '" + call.name() + "' failed", e);
    }
  }
}
