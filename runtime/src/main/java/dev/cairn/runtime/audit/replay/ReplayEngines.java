package dev.cairn.runtime.audit.replay;

import dev.cairn.runtime.config.CairnConfig;
import dev.cairn.runtime.control.PriceTable;
import dev.cairn.runtime.engine.CatalogToolRules;
import dev.cairn.runtime.engine.RetryPolicy;
import dev.cairn.runtime.engine.StepApplier;
import dev.cairn.runtime.engine.StepDecider;
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
  private final CatalogToolRules rules;
  private final StepDecider decider;
  private final StepApplier applier;
  private final PriceTable prices;

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
    this.rules = new CatalogToolRules(tools);
    this.decider = new StepDecider(config.lease().maxConsecutiveRecoveries(), memory.planner());
    this.applier =
        new StepApplier(
            new RetryPolicy(
                config.retry().maxAttempts(),
                config.retry().baseDelay(),
                config.retry().maxDelay()),
            memory.planner());
    this.prices = prices;
  }

  /**
   * This build's engine.
   *
   * @return the parts
   */
  public FoldEngine current() {
    // The rules follow the catalogue (tool sources such as MCP servers change it while running).
    return new FoldEngine(
        decider::decide,
        applier,
        rules.get(),
        spec -> prices.priceOf(spec.provider(), spec.name()));
  }
}
