package dev.cairn.runtime.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a run's driver that operator commands arrived for it (a NOTIFY from the API), so it loads
 * them at its next step boundary, and lets a cancel interrupt an in-flight model call. Without a
 * signal the driver still looks every {@code pollInterval}, so a lost notification delays a command
 * but never loses it.
 */
public final class CommandMailbox {
  private final Set<UUID> signalled = ConcurrentHashMap.newKeySet();
  private final Set<UUID> cancels = ConcurrentHashMap.newKeySet();
  private final Map<UUID, Long> lastLook = new ConcurrentHashMap<>();
  private final Map<UUID, Thread> calls = new ConcurrentHashMap<>();
  private final long pollNanos;

  /**
   * Creates a mailbox.
   *
   * @param pollInterval longest time a driver goes without looking for commands
   */
  public CommandMailbox(Duration pollInterval) {
    this.pollNanos = pollInterval.toNanos();
  }

  /**
   * A command for the run was accepted.
   *
   * @param runId the run
   * @param cancel whether it is a cancel (interrupts an in-flight model call)
   */
  public void arrived(UUID runId, boolean cancel) {
    signalled.add(runId);
    if (cancel) {
      cancels.add(runId);
      // The model call in flight, if any, is abandoned: interrupting its thread aborts the
      // HTTP request. Under the run's entry, so it never hits the thread after the call ended.
      calls.computeIfPresent(
          runId,
          (id, thread) -> {
            thread.interrupt();
            return thread;
          });
    }
  }

  /**
   * The driver's thread starts the run's model call; a cancel interrupts it until {@link
   * #callEnded}.
   *
   * @param runId the run
   * @param thread the thread making the call
   */
  public void callStarted(UUID runId, Thread thread) {
    calls.put(runId, thread);
  }

  /**
   * The run's model call returned; a later cancel no longer interrupts the thread.
   *
   * @param runId the run
   */
  public void callEnded(UUID runId) {
    calls.remove(runId);
  }

  /**
   * Whether the driver should load the run's pending commands now; clears the signal.
   *
   * @param runId the run
   * @return true when signalled or when the poll interval passed
   */
  public boolean shouldLook(UUID runId) {
    long now = System.nanoTime();
    boolean signal = signalled.remove(runId);
    Long last = lastLook.get(runId);
    if (signal || last == null || now - last >= pollNanos) {
      lastLook.put(runId, now);
      return true;
    }
    return false;
  }

  /**
   * The run's driver starts: commands were just loaded with the claim.
   *
   * @param runId the run
   */
  public void started(UUID runId) {
    lastLook.put(runId, System.nanoTime());
  }

  /**
   * Whether a cancel for the run arrived and was not consumed yet.
   *
   * @param runId the run
   * @return true if cancelled
   */
  public boolean cancelled(UUID runId) {
    return cancels.contains(runId);
  }

  /**
   * The run's driver is done with it: its signals are dropped.
   *
   * @param runId the run
   */
  public void forget(UUID runId) {
    signalled.remove(runId);
    cancels.remove(runId);
    lastLook.remove(runId);
    calls.remove(runId);
  }
}
