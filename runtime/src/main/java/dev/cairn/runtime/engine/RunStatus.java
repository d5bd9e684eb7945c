package dev.cairn.runtime.engine;

/** States of a run. Every change goes through {@link RunTransitions}. */
public enum RunStatus {
  /** Submitted, no step taken yet. */
  QUEUED,
  /** Advancing step by step. */
  RUNNING,
  /** Waiting for a time (retry backoff, a timer), an approval, a signal or child runs. */
  WAITING,
  /** Stopped by an operator; resumes on command. */
  PAUSED,
  /** Finished with a result. */
  COMPLETED,
  /** Finished with an error. */
  FAILED,
  /** Stopped by an operator for good. */
  CANCELLED,
  /** Stopped because a budget (steps, model calls, tokens) ran out. */
  BUDGET_EXCEEDED,
  /** Stopped because its step kept crashing the runtime. */
  QUARANTINED,
  /** A call with side effects may or may not have happened: an operator decides. */
  NEEDS_RECONCILIATION;

  /**
   * Whether the run is over for good.
   *
   * @return true for terminal states
   */
  public boolean isTerminal() {
    return switch (this) {
      case COMPLETED, FAILED, CANCELLED, BUDGET_EXCEEDED, QUARANTINED -> true;
      default -> false;
    };
  }
}
