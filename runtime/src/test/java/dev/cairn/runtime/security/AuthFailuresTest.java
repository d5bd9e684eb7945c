package dev.cairn.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthFailuresTest {
  private final List<String> lines = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          lines.add(
              record.getParameters() == null
                  ? record.getMessage()
                  : String.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void capture() {
    Logger.getLogger(AuthFailures.class.getName()).addHandler(capture);
  }

  @AfterEach
  void release() {
    Logger.getLogger(AuthFailures.class.getName()).removeHandler(capture);
  }

  @Test
  void answersAreHeldBackOnlyPastTheThresholdAndTheDelayGrowsToACap() {
    AuthFailures failures = new AuthFailures(3);
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      delays.add(failures.record("10.0.0.1", "unknown API key", null));
    }
    assertThat(delays.subList(0, 3)).containsOnly(Duration.ZERO);
    assertThat(delays.get(3)).isEqualTo(Duration.ofMillis(100));
    assertThat(delays.get(4)).isEqualTo(Duration.ofMillis(200));
    assertThat(delays).isSortedAccordingTo(Duration::compareTo);
    assertThat(delays.getLast()).isEqualTo(Duration.ofSeconds(5));
    assertThat(failures.record("10.0.0.2", "unknown API key", null))
        .as("another address is not slowed by the first one's failures")
        .isZero();
  }

  @Test
  void logsAtABoundedRateAndNeverTheSecret() {
    AuthFailures failures = new AuthFailures(1_000);
    for (int i = 0; i < 50; i++) {
      failures.record("10.0.0.9", "unknown API key", "abcdefghijkl");
    }
    for (int i = 0; i < 100; i++) {
      failures.record("10.1.0." + i, "bearer token rejected", null);
    }
    List<String> warnings =
        lines.stream().filter(l -> l.startsWith("authentication failed")).toList();
    assertThat(warnings.stream().filter(l -> l.contains("10.0.0.9"))).hasSize(1);
    assertThat(warnings).hasSizeLessThanOrEqualTo(AuthFailures.MAX_LOG_LINES_PER_MINUTE);
    assertThat(warnings).allMatch(l -> !l.contains("cairn_"));
    assertThat(warnings.getFirst()).contains("key id abcdefghijkl");
  }
}
