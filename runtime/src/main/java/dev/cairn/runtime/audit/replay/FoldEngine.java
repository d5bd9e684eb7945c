package dev.cairn.runtime.audit.replay;

import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.ModelPrice;
import dev.cairn.runtime.engine.OperatorCommand;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepApplier;
import dev.cairn.runtime.engine.ToolRules;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The engine parts a fold runs. Only pure parts: nothing here can call a model or a tool.
 *
 * @param decider decides each step (the build's {@code StepDecider}, or another to compare with)
 * @param applier applies each step
 * @param tools the tools' rules (names, side-effect classes, argument schemas)
 * @param prices model prices
 */
public record FoldEngine(
    Decider decider,
    StepApplier applier,
    ToolRules tools,
    Function<AgentSpec.ModelSpec, ModelPrice> prices) {

  /** Decides a step, as {@code StepDecider#decide} does. */
  @FunctionalInterface
  public interface Decider {
    /**
     * Decides the next step.
     *
     * @param run the run
     * @param commands pending operator commands
     * @param now the time
     * @param tools the tools' rules
     * @return the decision
     */
    Decision decide(RunSnapshot run, List<OperatorCommand> commands, Instant now, ToolRules tools);
  }
}
