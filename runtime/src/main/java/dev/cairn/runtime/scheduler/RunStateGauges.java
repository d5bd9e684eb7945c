package dev.cairn.runtime.scheduler;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.RunCounts;
import dev.cairn.persistence.store.RunCounts.StatusCount;
import dev.cairn.runtime.engine.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code cairn.runs} gauge: runs per status (all tenants), refreshed periodically, not per
 * scrape. One replica per interval counts and shares the figures in the database (see {@link
 * RunCounts}); every replica exposes the shared figures, so all replicas show the same values and
 * the count is not repeated by each of them. Open statuses (in progress or held for an operator)
 * are exact as of the last count; closed ones (COMPLETED, FAILED, CANCELLED, BUDGET_EXCEEDED) are
 * exact up to {@code cairn.metrics.runs-exact-up-to-rows} rows in the table (20,000 by default) and
 * the planner's estimate beyond (ADR 0020).
 */
@ApplicationScoped
public class RunStateGauges {
  private final RunCounts store;
  private final Clock clock;
  private final Duration interval;
  private final long exactUpToRows;
  private final Map<RunStatus, AtomicLong> counts = new EnumMap<>(RunStatus.class);

  /**
   * Registers one gauge per status.
   *
   * @param store run counts
   * @param registry metrics registry
   * @param clock the application clock
   * @param interval how often the figures are refreshed
   * @param exactUpToRows up to this many rows in the runs table, closed runs are counted exactly
   */
  public RunStateGauges(
      RunCounts store,
      MeterRegistry registry,
      Clock clock,
      @ConfigProperty(name = "cairn.metrics.runs-refresh", defaultValue = "15s") Duration interval,
      @ConfigProperty(name = "cairn.metrics.runs-exact-up-to-rows", defaultValue = "20000")
          long exactUpToRows) {
    this.store = store;
    this.exactUpToRows = exactUpToRows;
    this.clock = clock;
    this.interval = interval;
    for (RunStatus status : RunStatus.values()) {
      AtomicLong value = new AtomicLong();
      counts.put(status, value);
      Gauge.builder("cairn.runs", value, AtomicLong::get)
          .description(
              "Runs per status (all tenants), counted by one replica per refresh interval;"
                  + " closed statuses are estimated on large tables")
          .tag("status", status.name())
          .register(registry);
    }
  }

  @Scheduled(
      every = "${cairn.metrics.runs-refresh:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refresh() {
    // A count younger than half the interval is fresh enough: with replicas refreshing at
    // different moments, the figures are counted about once per interval in all.
    refresh(interval.dividedBy(2));
  }

  /**
   * Counts if this replica's turn has come (lock free, last count at least {@code minAge} old),
   * then exposes the shared figures; keeps the last values while the database is away.
   *
   * @param minAge how old the last count must be before this replica counts again
   */
  void refresh(Duration minAge) {
    try {
      store.recountIfDue(clock.instant(), minAge, exactUpToRows);
      Map<String, StatusCount> shared = store.read();
      counts.forEach(
          (status, value) -> {
            StatusCount figure = shared.get(status.name());
            value.set(figure == null ? 0 : figure.runs());
          });
    } catch (PersistenceException e) {
      // The database is away; keep the last values until it returns.
    }
  }

  /**
   * The value this replica exposes for a status.
   *
   * @param status the status
   * @return the gauge's current value
   */
  long exposed(RunStatus status) {
    return counts.get(status).get();
  }
}
