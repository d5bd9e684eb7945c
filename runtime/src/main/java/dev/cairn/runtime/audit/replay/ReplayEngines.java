package dev.cairn.runtime.audit.replay;

import dev.cairn.runtime.config.CairnConfig;
import dev.cairn.runtime.control.PriceTable;
import dev.cairn.runtime.engine.RetryPolicy;
import dev.cairn.runtime.engine.StepApplier;
import dev.cairn.runtime.engine.StepDecider;
import dev.cairn.runtime.engine.ToolRules;
import dev.cairn.runtime.memory.ShortTermMemory;
import dev.cairn.tools.ToolCatalog;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The engine parts of this build, configured as the worker's: the same decider settings, retry
 * policy, tool rules and prices. Tool rules are read from the catalogue's descriptions only; no
 * tool is ever run.
 */
@ApplicationScoped
public class ReplayEngines {
  private final FoldEngine current;

  /**
   * Builds the parts.
   *
   * @param config configuration
   * @param tools the tool catalogue (descriptions only)
   * @param prices model prices
   * @param memory short-term memory (when older turns are summarised)
   */
  public ReplayEngines(
      CairnConfig config, ToolCatalog tools, PriceTable prices, ShortTermMemory memory) {
    ToolRules rules = ToolRules.of(tools.all().values());
    StepDecider decider =
        new StepDecider(config.lease().maxConsecutiveRecoveries(), memory.planner());
    this.current =
        new FoldEngine(
            decider::decide,
            new StepApplier(
                new RetryPolicy(
                    config.retry().maxAttempts(),
                    config.retry().baseDelay(),
                    config.retry().maxDelay()),
                memory.planner()),
            rules,
            spec -> prices.priceOf(spec.provider(), spec.name()));
  }

  /**
   * This build's engine.
   *
   * @return the parts
   */
  public FoldEngine current() {
    return current;
  }
}
