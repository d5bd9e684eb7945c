package dev.cairn.runtime.engine;

/** What happens to a run; the transition table maps (status, event) to the next status. */
public enum RunEvent {
  /** A worker takes the first step of a queued run. */
  START,
  /** A step finished and the run goes on. */
  STEP,
  /** A retryable failure: wait until the next attempt time. */
  WAIT_FOR_RETRY,
  /** A waiting run's time came, or the approvals it waited for were decided. */
  WAKE,
  /** A tool call needs an operator's approval: wait for it without holding a worker. */
  AWAIT_APPROVAL,
  /**
   * A step tool's call waits for a time, a signal or child runs, without holding a worker; the call
   * runs again when the run wakes.
   */
  SUSPEND,
  /** The model gave its final answer. */
  COMPLETE,
  /** An unrecoverable error. */
  FAIL,
  /** A budget ran out. */
  EXCEED_BUDGET,
  /** The run's step crashed the runtime too many times in a row. */
  QUARANTINE,
  /** A non-idempotent call's outcome is unknown after a crash. */
  NEED_RECONCILIATION,
  /** An operator paused the run. */
  PAUSE,
  /** An operator resumed the run. */
  RESUME,
  /** An operator cancelled the run. */
  CANCEL,
  /** An operator stated whether the uncertain call took effect; the model is told. */
  RECONCILE,
  /** An operator runs a failed or quarantined run again from its last checkpoint. */
  RETRY
}
