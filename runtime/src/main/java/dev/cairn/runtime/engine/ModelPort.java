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
}
