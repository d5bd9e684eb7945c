package dev.cairn.runtime.engine;

import java.time.Duration;
import java.util.UUID;

/**
 * Backoff for retryable model failures: exponential with jitter, never shorter than the provider's
 * Retry-After. The jitter is derived from (run, attempt), so the decision is reproducible on replay
 * and still spreads retries of many runs.
 *
 * @param maxAttempts attempts before the run fails
 * @param baseDelay delay after the first failure
 * @param maxDelay cap of the exponential delay
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  /**
   * The wait before the next attempt.
   *
   * @param runId run, for jitter
   * @param attempt failed attempts so far, from 1
   * @param retryAfter the provider's requested wait, or null
   * @return the wait
   */
  public Duration backoff(UUID runId, int attempt, Duration retryAfter) {
    long exp = baseDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(maxDelay.toMillis(), Math.max(exp, baseDelay.toMillis()));
    int hash = (runId.hashCode() * 31 + attempt) * 0x9E3779B9;
    double jitter = 0.5 + ((hash >>> 1) % 1000) / 2000.0;
    long wait = (long) (capped * jitter);
    if (retryAfter != null) {
      wait = Math.max(wait, retryAfter.toMillis());
    }
    return Duration.ofMillis(wait);
  }
}
