package dev.cairn.runtime.events.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff from {@code base}, doubled per attempt
 * and capped at {@code max}, with jitter (a random point in the upper half of the delay, so
 * receivers that failed together are not hit together again), until {@code maxAttempts}.
 *
 * @param base delay after the first attempt
 * @param max longest delay
 * @param maxAttempts attempts before the delivery is dead
 * @param random uniform values in [0, 1)
 */
public record RetrySchedule(Duration base, Duration max, int maxAttempts, DoubleSupplier random) {
  /** Checks the settings. */
  public RetrySchedule {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("cairn.webhooks.max-attempts must be at least 1");
    }
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "cairn.webhooks.backoff-base must be positive and at most cairn.webhooks.backoff-max");
    }
  }

  /**
   * Whether a delivery that failed its {@code attempts}-th attempt is dead.
   *
   * @param attempts attempts made
   * @return true when none is left
   */
  public boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }

  /**
   * When to try again after the {@code attempts}-th attempt failed.
   *
   * @param attempts attempts made (1 or more)
   * @param now when the attempt ended
   * @return the next attempt's time
   */
  public Instant next(int attempts, Instant now) {
    long baseMillis = base.toMillis();
    long maxMillis = max.toMillis();
    int doublings = Math.clamp(attempts - 1, 0, 40);
    long delay = baseMillis > maxMillis >> doublings ? maxMillis : baseMillis << doublings;
    long jittered = delay / 2 + (long) (random.getAsDouble() * (delay - delay / 2));
    return now.plusMillis(jittered);
  }
}
