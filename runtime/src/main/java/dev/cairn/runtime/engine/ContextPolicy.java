package dev.cairn.runtime.engine;

import java.util.Optional;

/**
 * How a run's context fits its model's window: when older turns must be summarised, and what a call
 * adds to the conversation's size. Pure and deterministic: the decider and the applier ask it about
 * a snapshot, and replay asks it again about the same snapshot.
 */
public interface ContextPolicy {
  /** No windows: conversations are sent whole, never summarised, with the definition's caps. */
  ContextPolicy NONE =
      new ContextPolicy() {
        @Override
        public Optional<Decision.SummaryRequest> summaryDue(RunSnapshot run) {
          return Optional.empty();
        }

        @Override
        public long extraInputTokens(RunSnapshot run, boolean summary) {
          return 0;
        }

        @Override
        public Integer outputCap(RunSnapshot run, boolean summary) {
          return null;
        }
      };

  /**
   * The older turns to summarise before the run's next model call, if its context has passed the
   * threshold.
   *
   * @param run the run, with no tool call pending
   * @return the turns, or empty when the context fits
   */
  Optional<Decision.SummaryRequest> summaryDue(RunSnapshot run);

  /**
   * An upper bound of what the next call sends beyond the system prompt, summary and messages the
   * snapshot holds (pinned memory, the summary instruction), in tokens of the budget's bound.
   *
   * @param run the run
   * @param summary whether the call is a summary call
   * @return the extra tokens
   */
  long extraInputTokens(RunSnapshot run, boolean summary);

  /**
   * The output cap of the next call as the model's window allows it, or null for the definition's.
   *
   * @param run the run
   * @param summary whether the call is a summary call
   * @return the cap, or null
   */
  Integer outputCap(RunSnapshot run, boolean summary);
}
