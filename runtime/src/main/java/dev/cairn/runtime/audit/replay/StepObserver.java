package dev.cairn.runtime.audit.replay;

import dev.cairn.persistence.store.HistoryRow;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.StepResult;

/** Sees each step of a fold that matched its record. */
@FunctionalInterface
public interface StepObserver {
  /** Sees nothing. */
  StepObserver NONE = (row, before, result, after) -> {};

  /**
   * One matched step.
   *
   * @param row the recorded checkpoint
   * @param before the run before the step
   * @param result the replayed step
   * @param after the run after the step
   */
  void step(HistoryRow row, RunSnapshot before, StepResult result, RunSnapshot after);
}
