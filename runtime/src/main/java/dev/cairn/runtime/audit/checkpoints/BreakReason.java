package dev.cairn.runtime.audit.checkpoints;

import java.util.Locale;

/** Why a checkpoint chain does not verify. */
public enum BreakReason {
  /** A checkpoint's stored hash does not match its content, or it was rewritten with a new hash. */
  CONTENT_CHANGED,
  /** A seq has no checkpoint while later ones exist. */
  ROW_MISSING,
  /** A checkpoint sits at another seq than the one it was written for. */
  ROWS_REORDERED,
  /** The run has more steps than its chain has checkpoints: the end was cut off. */
  TAIL_TRUNCATED,
  /**
   * The chain verifies on its own, but the audit log recorded another hash for this seq when the
   * run's status changed: the checkpoints were rewritten and re-hashed.
   */
  AUDIT_MISMATCH,
  /** The row names a hash algorithm this build does not know. */
  UNKNOWN_ALGORITHM;

  /**
   * The code used in API answers.
   *
   * @return e.g. {@code content-changed}
   */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
