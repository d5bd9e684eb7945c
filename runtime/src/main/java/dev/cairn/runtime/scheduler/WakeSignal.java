package dev.cairn.runtime.scheduler;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the claim loop early; wake-ups that arrive while it works are merged into one. */
final class WakeSignal {
  private final Semaphore permit = new Semaphore(0);

  void wake() {
    if (permit.availablePermits() == 0) {
      permit.release();
    }
  }

  void await(Duration timeout) throws InterruptedException {
    if (permit.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      permit.drainPermits();
    }
  }
}
