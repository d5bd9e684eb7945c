package dev.cairn.runtime.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meters of the event path: events published, publish lag (from the change's commit time to the
 * broker's confirmation), failed rounds, partitions held, and the backlog (events no consumer has
 * passed yet, and the age of the oldest).
 */
@ApplicationScoped
public class RelayMetrics {
  private final Counter published;
  private final Timer lag;
  private final Counter failedRounds;
  private final AtomicLong partitions = new AtomicLong();
  private final AtomicLong backlogEvents = new AtomicLong();
  private final AtomicLong backlogAgeMillis = new AtomicLong();

  /**
   * Registers the meters.
   *
   * @param registry the registry
   */
  public RelayMetrics(MeterRegistry registry) {
    published =
        Counter.builder("cairn.events.published")
            .description("Run events the broker confirmed")
            .register(registry);
    lag =
        Timer.builder("cairn.events.publish.lag")
            .description("From an event's commit to the broker's confirmation")
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(5))
            .register(registry);
    failedRounds =
        Counter.builder("cairn.events.publish.failures")
            .description("Relay rounds the broker did not fully confirm")
            .register(registry);
    Gauge.builder("cairn.events.relay.partitions", partitions, AtomicLong::get)
        .description("Event log partitions this replica relays")
        .register(registry);
    Gauge.builder("cairn.events.backlog", backlogEvents, AtomicLong::get)
        .description("Events not yet published (counted up to a cap per partition)")
        .register(registry);
    Gauge.builder("cairn.events.backlog.age", backlogAgeMillis, v -> v.get() / 1000.0)
        .description("Age in seconds of the oldest event not yet published")
        .baseUnit("seconds")
        .register(registry);
  }

  void published(Duration sinceCommit) {
    published.increment();
    lag.record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
  }

  void failedRound() {
    failedRounds.increment();
  }

  void partitionsHeld(int n) {
    partitions.set(n);
  }

  void backlog(long events, Duration oldestAge) {
    backlogEvents.set(events);
    backlogAgeMillis.set(oldestAge.toMillis());
  }

  /**
   * The publish lag timer (for tests and benchmarks reading percentiles).
   *
   * @return the timer
   */
  public Timer lag() {
    return lag;
  }
}
