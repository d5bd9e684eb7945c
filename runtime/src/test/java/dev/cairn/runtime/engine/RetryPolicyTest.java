package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(1));

  @Test
  void shouldNeverWaitLessThanTheProvidersRetryAfterWhateverTheJitter() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      UUID run = new UUID(random.nextLong(), random.nextLong());
      int attempt = 1 + random.nextInt(30);
      Duration retryAfter = Duration.ofMillis(random.nextInt(5_000));
      assertThat(policy.backoff(run, attempt, retryAfter))
          .as("run %s attempt %d", run, attempt)
          .isGreaterThanOrEqualTo(retryAfter);
    }
  }

  @Test
  void shouldKeepAJitteredExponentialWaitWithinHalfAndAllOfItsCap() {
    Random random = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      UUID run = new UUID(random.nextLong(), random.nextLong());
      int attempt = 1 + random.nextInt(70);
      long cap = Math.min(1000, 200L << Math.min(attempt - 1, 20));
      assertThat(policy.backoff(run, attempt, null).toMillis()).isBetween(cap / 2, cap);
    }
  }

  @Test
  void shouldHonourARetryAfterLongerThanTheMaximumDelay() {
    assertThat(policy.backoff(UUID.randomUUID(), 1, Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofSeconds(30));
  }
}
