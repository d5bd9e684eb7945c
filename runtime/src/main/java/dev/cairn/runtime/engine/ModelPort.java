package dev.cairn.runtime.engine;

/** The engine's view of a model provider: one call, no retries (the engine schedules those). */
public interface ModelPort {
  /**
   * Asks the run's model for the next answer, given the run's conversation and tools.
   *
   * @param run the run
   * @param maxOutputTokens the answer's token cap, sent to the provider
   * @return an answer or an error; never throws for provider failures
   */
  StepOutcome ask(RunSnapshot run, int maxOutputTokens);

  /**
   * Asks the run's model to fold older turns into the running summary. Ports that cannot summarise
   * answer with a non-retryable error, which fails the run rather than losing its context.
   *
   * @param run the run
   * @param request the turns to fold
   * @param maxOutputTokens the summary's token cap, sent to the provider
   * @return an answer whose text is the new summary, or an error; never throws for provider
   *     failures
   */
  default StepOutcome summarize(
      RunSnapshot run, Decision.SummaryRequest request, int maxOutputTokens) {
    return new StepOutcome.ModelError(false, "this model port writes no summaries", null, false);
  }
}
