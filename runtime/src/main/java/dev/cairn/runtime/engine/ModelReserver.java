package dev.cairn.runtime.engine;

import java.time.Instant;
import java.util.UUID;

/** Writes a model call's reservation before the call, fenced by the lease. */
@FunctionalInterface
public interface ModelReserver {
  /**
   * Charges lost reservations and reserves the next call's worst case.
   *
   * @param runId the run
   * @param node the lease owner
   * @param epoch the lease epoch
   * @param charge what is charged
   * @param reserve what is reserved
   * @param now the time
   * @return true if written, false if the lease was lost
   */
  boolean reserve(
      UUID runId, String node, long epoch, Reservation charge, Reservation reserve, Instant now);
}
