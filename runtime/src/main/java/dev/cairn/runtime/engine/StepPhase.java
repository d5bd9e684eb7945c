package dev.cairn.runtime.engine;

/** The parts of a step the engine times separately. */
public enum StepPhase {
  /** The pure decision: what the step does. */
  DECIDE,
  /** Recording the intent of a tool call that is not read-only (one short transaction). */
  INTENT,
  /** The model or tool call itself, outside any transaction. */
  EXECUTE,
  /** Applying the outcome and building the commit (pure, including hashing). */
  APPLY,
  /**
   * Time the run's loop was blocked waiting for a commit. A commit that a model call or read-only
   * tool call of the next step overlaps costs nothing here.
   */
  COMMIT
}
