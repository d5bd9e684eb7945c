package dev.cairn.runtime.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jboss.logging.Logger;

/**
 * A circuit breaker for one provider and model on this replica.
 *
 * <p>Closed, it lets every call through and remembers the outcomes of the last {@code window}. Once
 * at least {@code minimumCalls} outcomes are remembered and the share of failures reaches {@code
 * failureRatio}, it opens: no call goes through for {@code openDelay}. Then it is half-open and
 * lets exactly one probe call through: a success closes it, a failure opens it again. Every call
 * let through must be followed by {@link #onSuccess()} or {@link #onFailure()}.
 */
public final class CircuitBreaker {
  private static final Logger LOG = Logger.getLogger(CircuitBreaker.class);
  private static final int MAX_REMEMBERED = 10_000;
  private static final Duration PROBE_WAIT = Duration.ofSeconds(1);

  /**
   * The breaker's settings.
   *
   * @param failureRatio share of failures (0 to 1) at which it opens
   * @param minimumCalls fewest remembered outcomes before the ratio is judged
   * @param window how long outcomes are remembered
   * @param openDelay how long it stays open before a probe
   */
  public record Settings(
      double failureRatio, int minimumCalls, Duration window, Duration openDelay) {
    /** Checks the settings. */
    public Settings {
      if (failureRatio <= 0 || failureRatio > 1) {
        throw new IllegalArgumentException("failure ratio must be in (0, 1]: " + failureRatio);
      }
      if (minimumCalls < 1) {
        throw new IllegalArgumentException("minimum calls must be at least 1: " + minimumCalls);
      }
      if (!window.isPositive() || !openDelay.isPositive()) {
        throw new IllegalArgumentException("window and open delay must be positive");
      }
    }
  }

  /** The breaker's state. */
  public enum State {
    /** Calls go through. */
    CLOSED,
    /** No call goes through. */
    OPEN,
    /** One probe call goes through. */
    HALF_OPEN
  }

  private record Outcome(Instant at, boolean failed) {}

  private final String name;
  private final Settings settings;
  private final Clock clock;
  private final Deque<Outcome> outcomes = new ArrayDeque<>();
  private int failures;
  private State state = State.CLOSED;
  private Instant openUntil;
  private boolean probeInFlight;

  /**
   * Creates a closed breaker.
   *
   * @param name what it guards, for logs
   * @param settings settings
   * @param clock clock
   */
  public CircuitBreaker(String name, Settings settings, Clock clock) {
    this.name = name;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Asks to make a call.
   *
   * @return null when the call may go; otherwise how long until the breaker lets a call through
   */
  public synchronized Duration tryAcquire() {
    Instant now = clock.instant();
    if (state == State.OPEN) {
      if (now.isBefore(openUntil)) {
        return Duration.between(now, openUntil);
      }
      state = State.HALF_OPEN;
      probeInFlight = false;
    }
    if (state == State.HALF_OPEN) {
      if (probeInFlight) {
        return PROBE_WAIT.compareTo(settings.openDelay()) < 0 ? PROBE_WAIT : settings.openDelay();
      }
      probeInFlight = true;
    }
    return null;
  }

  /** Reports that a call let through succeeded (the provider answered). */
  public synchronized void onSuccess() {
    if (state == State.HALF_OPEN) {
      LOG.infof("model circuit breaker %s closes: the probe call succeeded", name);
      state = State.CLOSED;
      forget();
      return;
    }
    if (state == State.CLOSED) {
      remember(false);
    }
  }

  /** Reports that a call let through failed in a way that suggests the provider is unhealthy. */
  public synchronized void onFailure() {
    if (state == State.HALF_OPEN) {
      open("the probe call failed");
      return;
    }
    if (state == State.CLOSED) {
      remember(true);
      int total = outcomes.size();
      if (total >= settings.minimumCalls() && failures >= settings.failureRatio() * total) {
        open(failures + " of the last " + total + " calls failed");
      }
    }
  }

  /**
   * The current state (an open breaker whose delay is over reads OPEN until the next call).
   *
   * @return the state
   */
  public synchronized State state() {
    return state;
  }

  private void open(String why) {
    state = State.OPEN;
    openUntil = clock.instant().plus(settings.openDelay());
    probeInFlight = false;
    forget();
    LOG.warnf("model circuit breaker %s opens for %s: %s", name, settings.openDelay(), why);
  }

  private void remember(boolean failed) {
    Instant now = clock.instant();
    outcomes.addLast(new Outcome(now, failed));
    if (failed) {
      failures++;
    }
    Instant oldest = now.minus(settings.window());
    while (!outcomes.isEmpty()
        && (outcomes.size() > MAX_REMEMBERED || outcomes.peekFirst().at().isBefore(oldest))) {
      if (outcomes.removeFirst().failed()) {
        failures--;
      }
    }
  }

  private void forget() {
    outcomes.clear();
    failures = 0;
  }
}
