package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A run's claim time changes only when it waits or gives its lease back. */
class CommitMapperTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void shouldLeaveTheClaimTimeOfARunThatGoesOnUnderItsLease() {
    assertThat(CommitMapper.wakeAt(RunStatus.RUNNING, true, NOW)).isNull();
  }

  @Test
  void shouldSendARunThatGivesItsLeaseBackToTheBackOfTheQueue() {
    assertThat(CommitMapper.wakeAt(RunStatus.RUNNING, false, NOW)).isEqualTo(NOW);
  }

  @Test
  void shouldSetTheTimerOfAWaitingRun() {
    Instant retryAt = NOW.plusSeconds(8);
    assertThat(CommitMapper.wakeAt(RunStatus.WAITING, false, retryAt)).isEqualTo(retryAt);
    assertThat(CommitMapper.wakeAt(RunStatus.COMPLETED, false, NOW)).isEqualTo(NOW);
  }
}
