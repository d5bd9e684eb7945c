package dev.cairn.runtime.engine;

import java.time.Duration;

/** What the run loop reports; implemented over the metrics registry. */
public interface EngineMetrics {
  /**
   * A step was committed.
   *
   * @param kind checkpoint kind
   * @param latency from decision to commit
   */
  void stepCommitted(String kind, Duration latency);

  /**
   * Time one phase of a step took, so operators can see where a step's time goes.
   *
   * @param phase the phase
   * @param nanos elapsed nanoseconds
   */
  void stepPhase(StepPhase phase, long nanos);

  /** A step's result was dropped because another replica took the lease. */
  void leaseLost();

  /** A commit failed because the database was unreachable, and will be retried. */
  void commitRetried();
}
