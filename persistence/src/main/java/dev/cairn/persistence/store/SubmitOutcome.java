package dev.cairn.persistence.store;

import java.util.UUID;

/** What happened to a run submission. */
public sealed interface SubmitOutcome {
  /**
   * A new run was inserted.
   *
   * @param id the new run's id
   */
  record Created(UUID id) implements SubmitOutcome {}

  /**
   * The idempotency key was used before.
   *
   * @param existing the run holding the key
   */
  record KeyUsed(ExistingRun existing) implements SubmitOutcome {}

  /** Another request with the same idempotency key is being processed right now. */
  record KeyInFlight() implements SubmitOutcome {}
}
