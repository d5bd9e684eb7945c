package dev.cairn.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-05-01T10:00:00Z"));
  private final CircuitBreaker breaker =
      new CircuitBreaker(
          "openai/m",
          new CircuitBreaker.Settings(0.5, 4, Duration.ofSeconds(10), Duration.ofSeconds(5)),
          clock);

  @Test
  void shouldStayClosedBelowTheMinimumNumberOfCalls() {
    call(false);
    call(false);
    call(false);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire()).isNull();
  }

  @Test
  void shouldOpenWhenTheFailureRatioIsReachedAndRefuseUntilTheDelayIsOver() {
    call(true);
    call(false);
    call(true);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    call(false);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    call(true);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

    assertThat(breaker.tryAcquire()).isEqualTo(Duration.ofSeconds(5));
    clock.advance(Duration.ofMillis(3200));
    assertThat(breaker.tryAcquire()).isEqualTo(Duration.ofMillis(1800));
  }

  @Test
  void shouldForgetOutcomesOlderThanTheWindow() {
    call(true);
    call(true);
    call(true);
    clock.advance(Duration.ofSeconds(11));
    call(true);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void shouldLetOneProbeThroughWhenHalfOpenAndCloseOnItsSuccess() {
    open();
    clock.advance(Duration.ofSeconds(5));
    assertThat(breaker.tryAcquire()).as("the probe").isNull();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(breaker.tryAcquire()).as("while the probe is out").isEqualTo(Duration.ofSeconds(1));
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire()).isNull();
  }

  @Test
  void shouldReopenWhenTheProbeFails() {
    open();
    clock.advance(Duration.ofSeconds(6));
    assertThat(breaker.tryAcquire()).isNull();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void shouldIgnoreOutcomesOfCallsThatStartedBeforeItOpened() {
    assertThat(breaker.tryAcquire()).isNull();
    open();
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void shouldRejectNonsenseSettings() {
    assertThatThrownBy(
            () -> new CircuitBreaker.Settings(0, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new CircuitBreaker.Settings(0.5, 0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new CircuitBreaker.Settings(0.5, 1, Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void open() {
    for (int i = 0; i < 4; i++) {
      call(true);
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  private void call(boolean fails) {
    assertThat(breaker.tryAcquire()).isNull();
    if (fails) {
      breaker.onFailure();
    } else {
      breaker.onSuccess();
    }
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
