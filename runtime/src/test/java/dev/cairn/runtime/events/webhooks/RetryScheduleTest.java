package dev.cairn.runtime.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static RetrySchedule schedule(double random) {
    return new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(1), 8, () -> random);
  }

  @Test
  void shouldDoubleTheDelayPerAttemptWithinTheUpperHalfAndCapIt() {
    RetrySchedule low = schedule(0.0);
    RetrySchedule high = schedule(0.999999);
    long[] full = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600};
    for (int attempt = 1; attempt <= full.length; attempt++) {
      long max = full[attempt - 1] * 1000;
      assertThat(Duration.between(NOW, low.next(attempt, NOW)).toMillis())
          .as("attempt %d, least jitter", attempt)
          .isEqualTo(max / 2);
      assertThat(Duration.between(NOW, high.next(attempt, NOW)).toMillis())
          .as("attempt %d, most jitter", attempt)
          .isBetween(max - 10, max);
    }
    assertThat(high.next(10_000, NOW)).isBeforeOrEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void shouldBeExhaustedAtTheLastAttempt() {
    RetrySchedule schedule = schedule(0.5);
    assertThat(schedule.exhausted(7)).isFalse();
    assertThat(schedule.exhausted(8)).isTrue();
    assertThat(
            new RetrySchedule(Duration.ofMillis(1), Duration.ofMillis(1), 1, () -> 0).exhausted(1))
        .isTrue();
  }

  @Test
  void shouldRefuseSettingsThatMakeNoSchedule() {
    assertThatThrownBy(
            () -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofHours(1), 0, () -> 0))
        .hasMessageContaining("max-attempts");
    assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofHours(1), 3, () -> 0))
        .hasMessageContaining("backoff-base");
    assertThatThrownBy(
            () -> new RetrySchedule(Duration.ofHours(2), Duration.ofHours(1), 3, () -> 0))
        .hasMessageContaining("backoff-max");
  }
}
