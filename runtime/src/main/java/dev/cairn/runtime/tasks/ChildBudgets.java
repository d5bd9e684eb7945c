package dev.cairn.runtime.tasks;

import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.RunSnapshot;
import java.time.Instant;
import java.util.Optional;

/**
 * Carves child runs' budgets out of what their parent has left. Each of {@code n} children started
 * together gets an equal share of the parent's remaining model calls, tokens and cost (so together
 * they can never spend more than the parent has left), capped by the child agent's own limits;
 * steps and invalid tool calls are the child agent's own. A child's deadline is never after the
 * parent's. Pure: no I/O.
 */
public final class ChildBudgets {
  private ChildBudgets() {}

  /**
   * What the parent has left.
   *
   * @param modelCalls model calls
   * @param tokens tokens
   * @param costMicros cost, or null when the parent has no cost limit
   */
  public record Left(long modelCalls, long tokens, Long costMicros) {}

  /**
   * What a parent has left after its usage and what its next model call holds.
   *
   * @param parent the parent
   * @return what is left
   */
  public static Left left(RunSnapshot parent) {
    AgentSpec.Budget b = parent.control().budget();
    long calls =
        b.maxModelCalls()
            - (long) parent.usage().modelCalls()
            - parent.control().reserved().calls();
    long tokens =
        b.maxTokens() - parent.usage().totalTokens() - parent.control().reserved().tokens();
    Long cost =
        b.maxCostMicros() == null
            ? null
            : b.maxCostMicros()
                - parent.control().costMicros()
                - parent.control().reserved().costMicros();
    return new Left(calls, tokens, cost);
  }

  /**
   * One child's share, or why there is none.
   *
   * @param left what the parent has left
   * @param children how many children share it
   * @param own the child agent's own budget
   * @return the child's budget, or empty when a share would be nothing
   */
  public static Optional<AgentSpec.Budget> share(Left left, int children, AgentSpec.Budget own) {
    long calls = left.modelCalls() / children;
    long tokens = left.tokens() / children;
    Long cost = left.costMicros() == null ? null : left.costMicros() / children;
    if (calls < 1 || tokens < 1 || (cost != null && cost < 1)) {
      return Optional.empty();
    }
    Long ownCost = own.maxCostMicros();
    Long childCost;
    if (cost == null) {
      childCost = ownCost;
    } else if (ownCost == null) {
      childCost = cost;
    } else {
      childCost = Math.min(cost, ownCost);
    }
    return Optional.of(
        new AgentSpec.Budget(
            own.maxSteps(),
            (int) Math.min(calls, own.maxModelCalls()),
            Math.min(tokens, own.maxTokens()),
            own.maxInvalidToolCalls(),
            childCost,
            own.maxDurationSeconds(),
            own.onBreach(),
            own.onRetriesExhausted()));
  }

  /**
   * A child's deadline: its own duration limit from now, never after the parent's deadline.
   *
   * @param parentDeadline the parent's deadline, or null
   * @param budget the child's budget
   * @param now the step's time
   * @return the deadline, or null for none
   */
  public static Instant deadline(Instant parentDeadline, AgentSpec.Budget budget, Instant now) {
    Instant own =
        budget.maxDurationSeconds() == null ? null : now.plusSeconds(budget.maxDurationSeconds());
    if (own == null) {
      return parentDeadline;
    }
    return parentDeadline != null && parentDeadline.isBefore(own) ? parentDeadline : own;
  }
}
