package dev.cairn.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubmissionQuotaTest {
  @Test
  void aBurstIsAllowedThenSubmissionsAreRefusedWithTheWaitUntilTheNextOne() {
    SubmissionQuota quota = new SubmissionQuota(0.5, 2);
    quota.acquire("a");
    quota.acquire("a");
    assertThatThrownBy(() -> quota.acquire("a"))
        .isInstanceOfSatisfying(
            SubmissionRateExceededException.class,
            e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 2L));
    quota.acquire("b");
  }

  @Test
  void aRateOfZeroMeansUnlimited() {
    SubmissionQuota quota = new SubmissionQuota(0, 1);
    for (int i = 0; i < 1_000; i++) {
      quota.acquire("a");
    }
  }
}
