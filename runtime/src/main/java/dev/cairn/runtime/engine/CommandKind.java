package dev.cairn.runtime.engine;

/** What an operator asks of a run. Stored as the {@code kind} of an {@code operator_command}. */
public enum CommandKind {
  /** Stop at the next step boundary, holding no worker, until resumed. */
  PAUSE,
  /** Continue a paused run. */
  RESUME,
  /** Stop for good; an in-flight model call is abandoned. */
  CANCEL,
  /** Guidance the agent receives before its next model call. */
  STEER,
  /** Allow one pending tool call, with exactly the arguments it was requested with. */
  APPROVE,
  /** Refuse one pending tool call; the model is told the reason. */
  REJECT,
  /** Run a failed or quarantined run again from its last checkpoint. */
  RETRY,
  /** State whether the uncertain effect of an interrupted call happened. */
  RECONCILE,
  /** Raise one or more of the run's budget limits. */
  RAISE_BUDGET
}
