package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.ModelCall;
import dev.cairn.runtime.engine.ModelPrice;
import dev.cairn.runtime.engine.ModelRoute;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepOutcome;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Asks a run's candidate models in order within one step (ADR 0026): the run's variant or the
 * definition's model first, then each fallback while the one before is held back by its circuit
 * breaker or fails with a retryable error. The answer records which model answered, how it was
 * chosen and its price; when every candidate fails, the step's error is the last one that reached a
 * provider (or, if none did, the refusal with the shortest wait), and the engine's retries apply.
 */
final class ModelRouter {
  private final Function<AgentSpec.ModelSpec, ModelPrice> prices;

  /**
   * Creates the router.
   *
   * @param prices what each model charges
   */
  ModelRouter(Function<AgentSpec.ModelSpec, ModelPrice> prices) {
    this.prices = prices;
  }

  /** Asks one model once; the gateway's call through that model's breaker. */
  @FunctionalInterface
  interface Attempt {
    /**
     * Asks the model.
     *
     * @param model the model
     * @return its answer or error
     */
    StepOutcome ask(AgentSpec.ModelSpec model);
  }

  /**
   * Asks the run's candidates until one answers.
   *
   * @param run the run
   * @param attempt one call of one model
   * @return the first answer, with who answered; or the error that ends the step
   */
  StepOutcome send(RunSnapshot run, Attempt attempt) {
    StepOutcome.ModelError failure = null;
    for (ModelRoute route : ModelRoute.candidates(run.spec(), run.id())) {
      long started = System.nanoTime();
      StepOutcome outcome = attempt.ask(route.model());
      if (outcome instanceof StepOutcome.ModelAnswer answer) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return withCall(answer, route, millis);
      }
      StepOutcome.ModelError error = (StepOutcome.ModelError) outcome;
      if (!error.retryable()) {
        // A refused request (bad input, no such model) would be refused by the next model too.
        return error;
      }
      failure = worse(failure, error);
    }
    return failure;
  }

  private StepOutcome.ModelAnswer withCall(
      StepOutcome.ModelAnswer answer, ModelRoute route, long millis) {
    ModelCall known = answer.call();
    AgentSpec.ModelSpec model = route.model();
    ModelCall call =
        new ModelCall(
            model.provider(),
            model.name(),
            known == null ? 0 : known.cachedInputTokens(),
            known == null ? 0 : known.cacheWriteTokens(),
            known == null || known.latencyMillis() == 0 ? millis : known.latencyMillis(),
            prices.apply(model),
            route.label());
    return new StepOutcome.ModelAnswer(
        answer.text(), answer.toolCalls(), answer.inputTokens(), answer.outputTokens(), call);
  }

  /**
   * The error the step reports: one that reached a provider counts as an attempt and wins over a
   * breaker's refusal; among refusals, the shortest wait lets the run try again soonest.
   */
  private static StepOutcome.ModelError worse(
      StepOutcome.ModelError before, StepOutcome.ModelError now) {
    if (before == null || !now.notSent()) {
      return now;
    }
    if (!before.notSent()) {
      return before;
    }
    boolean sooner =
        now.retryAfter() != null
            && (before.retryAfter() == null || now.retryAfter().compareTo(before.retryAfter()) < 0);
    return sooner ? now : before;
  }
}
