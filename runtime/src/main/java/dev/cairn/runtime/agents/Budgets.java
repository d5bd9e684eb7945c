package dev.cairn.runtime.agents;

import dev.cairn.runtime.engine.AgentSpec;

/** Applies budget overrides: each limit given replaces the base's, the others are kept. */
public final class Budgets {
  private Budgets() {}

  /**
   * The base budget with the override's limits applied.
   *
   * @param base the budget to start from
   * @param override limits to replace, or null
   * @return the effective budget
   */
  public static AgentSpec.Budget apply(AgentSpec.Budget base, PublishAgent.Budget override) {
    if (override == null) {
      return base;
    }
    return new AgentSpec.Budget(
        or(override.maxSteps(), base.maxSteps()),
        or(override.maxModelCalls(), base.maxModelCalls()),
        or(override.maxTokens(), base.maxTokens()),
        or(override.maxInvalidToolCalls(), base.maxInvalidToolCalls()),
        or(override.maxCostMicros(), base.maxCostMicros()),
        or(override.maxDurationSeconds(), base.maxDurationSeconds()),
        or(override.onBreach(), base.onBreach()),
        or(override.onRetriesExhausted(), base.onRetriesExhausted()));
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
