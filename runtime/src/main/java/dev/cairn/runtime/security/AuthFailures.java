package dev.cairn.runtime.security;

import dev.cairn.runtime.config.CairnConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Failed authentications per client address: past a threshold within a minute, the answers to that
 * address are slowed down (growing delay, capped), and failures are logged at a bounded rate: at
 * most one line per address per minute and {@value #MAX_LOG_LINES_PER_MINUTE} lines a minute in
 * all. A log line names the address, the reason and at most a key's public id, never a secret.
 */
@ApplicationScoped
public class AuthFailures {
  /** Attribute of a failure naming the public id of the presented key. */
  public static final String KEY_ID = "cairn.key-id";

  static final int MAX_LOG_LINES_PER_MINUTE = 20;
  private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();
  private static final Duration MAX_DELAY = Duration.ofSeconds(5);
  private static final int MAX_ADDRESSES = 10_000;
  private static final Logger LOG = Logger.getLogger(AuthFailures.class);

  private final int threshold;
  private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
  private final AtomicLong logWindowStart = new AtomicLong(System.nanoTime());
  private final AtomicInteger logLines = new AtomicInteger();
  private final AtomicLong suppressed = new AtomicLong();

  private static final class Window {
    private final long startNanos;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean logged;

    Window(long startNanos) {
      this.startNanos = startNanos;
    }
  }

  /**
   * Creates the tracker.
   *
   * @param config configuration
   */
  @Inject
  public AuthFailures(CairnConfig config) {
    this(config.security().failuresBeforeSlowdown());
  }

  AuthFailures(int threshold) {
    this.threshold = threshold;
  }

  /**
   * Records a failure and says how long to hold its answer back.
   *
   * @param address the client address
   * @param reason a reason safe to log (never a secret)
   * @param keyId the public id of a presented key, or null
   * @return the delay before answering; zero below the threshold
   */
  public Duration record(String address, String reason, String keyId) {
    long now = System.nanoTime();
    if (byAddress.size() >= MAX_ADDRESSES) {
      byAddress.entrySet().removeIf(e -> now - e.getValue().startNanos > WINDOW_NANOS);
      if (byAddress.size() >= MAX_ADDRESSES) {
        byAddress.clear();
      }
    }
    Window window =
        byAddress.compute(
            address,
            (a, w) -> w == null || now - w.startNanos > WINDOW_NANOS ? new Window(now) : w);
    int failures = window.failures.incrementAndGet();
    log(window, address, reason, keyId, failures, now);
    int over = failures - threshold;
    if (over <= 0) {
      return Duration.ZERO;
    }
    long millis = Math.min(MAX_DELAY.toMillis(), 100L << Math.min(over - 1, 10));
    return Duration.ofMillis(millis);
  }

  private void log(
      Window window, String address, String reason, String keyId, int failures, long now) {
    if (window.logged) {
      suppressed.incrementAndGet();
      return;
    }
    long start = logWindowStart.get();
    if (now - start > WINDOW_NANOS && logWindowStart.compareAndSet(start, now)) {
      logLines.set(0);
    }
    if (logLines.incrementAndGet() > MAX_LOG_LINES_PER_MINUTE) {
      suppressed.incrementAndGet();
      return;
    }
    window.logged = true;
    long hidden = suppressed.getAndSet(0);
    LOG.warnf(
        "authentication failed from %s: %s%s (failures from this address this minute: %d; similar"
            + " lines suppressed since the last one: %d)",
        address, reason, keyId == null ? "" : " (key id " + keyId + ")", failures, hidden);
  }
}
