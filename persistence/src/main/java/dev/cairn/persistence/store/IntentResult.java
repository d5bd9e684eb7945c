package dev.cairn.persistence.store;

/** What became of a tool intent, as {@link StepStore#recordIntent} reports it. */
public enum IntentResult {
  /** Recorded: a first intent, or one more attempt of a started idempotent call. */
  RECORDED,
  /** The lease fence failed: another replica owns the run; nothing was written. */
  LEASE_LOST,
  /**
   * The lease holds but this step's call was started before and may not start again: a
   * non-idempotent call with an open intent (or a call already done). Nothing was written.
   */
  ALREADY_STARTED
}
