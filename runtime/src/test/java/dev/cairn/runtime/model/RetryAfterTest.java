package dev.cairn.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final Duration MAX = Duration.ofHours(1);

  @Test
  void shouldReadSeconds() {
    assertThat(RetryAfter.parse("3", NOW, MAX)).contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse(" 120 ", NOW, MAX)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("0", NOW, MAX)).contains(Duration.ZERO);
  }

  @Test
  void shouldReadAnHttpDateRelativeToNow() {
    assertThat(RetryAfter.parse("Fri, 01 May 2026 10:00:07 GMT", NOW, MAX))
        .contains(Duration.ofSeconds(7));
  }

  @Test
  void shouldTreatAPastHttpDateAsNoWait() {
    assertThat(RetryAfter.parse("Fri, 01 May 2026 09:59:00 GMT", NOW, MAX)).contains(Duration.ZERO);
  }

  @Test
  void shouldIgnoreGarbageAndNegativeValues() {
    assertThat(RetryAfter.parse(null, NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parse("", NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parse("1.5", NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parse("2026-05-01T10:00:07Z", NOW, MAX)).isEmpty();
    assertThat(RetryAfter.parseMillis("-100", MAX)).isEmpty();
    assertThat(RetryAfter.parseMillis("abc", MAX)).isEmpty();
  }

  @Test
  void shouldCapHugeValues() {
    assertThat(RetryAfter.parse("86400", NOW, MAX)).contains(MAX);
    assertThat(RetryAfter.parse("99999999999999999999999999", NOW, MAX)).contains(MAX);
    assertThat(RetryAfter.parse("Fri, 01 May 2099 10:00:00 GMT", NOW, MAX)).contains(MAX);
    assertThat(RetryAfter.parseMillis("999999999999", MAX)).contains(MAX);
  }

  @Test
  void shouldReadMilliseconds() {
    assertThat(RetryAfter.parseMillis("1500", MAX)).contains(Duration.ofMillis(1500));
  }
}
