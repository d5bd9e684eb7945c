package dev.cairn.runtime.events.webhooks;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes an idle loop early; wake-ups that arrive while it works are merged into one. */
final class Wakeup {
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
