package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/** What happened to a signal sent over the API. */
public sealed interface SignalOutcome {
  /**
   * Stored.
   *
   * @param id the signal
   * @param createdAt when it was stored
   * @param woke whether it woke the run (the run waited for a signal)
   */
  record Sent(UUID id, Instant createdAt, boolean woke) implements SignalOutcome {}

  /** The run does not exist in the tenant. */
  record RunMissing() implements SignalOutcome {}

  /**
   * The run has finished; nothing can take the signal.
   *
   * @param status its final status
   */
  record RunFinished(String status) implements SignalOutcome {}

  /**
   * Too many signals wait unconsumed.
   *
   * @param waiting how many
   */
  record TooMany(long waiting) implements SignalOutcome {}

  /**
   * The idempotency key was used before.
   *
   * @param id the earlier signal
   * @param runId its run
   * @param requestHash its request's hash
   * @param createdAt when it was stored
   */
  record KeyUsed(UUID id, UUID runId, String requestHash, Instant createdAt)
      implements SignalOutcome {}

  /** Another request with the same key is being processed. */
  record KeyInFlight() implements SignalOutcome {}
}
