package dev.cairn.runtime.scheduler;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.RunCounts;
import dev.cairn.runtime.engine.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The {@code cairn.runs} gauge: runs per status, refreshed periodically (not per scrape). */
@ApplicationScoped
public class RunStateGauges {
  private final RunCounts store;
  private final Map<RunStatus, AtomicLong> counts = new EnumMap<>(RunStatus.class);

  /**
   * Registers one gauge per status.
   *
   * @param store run counts
   * @param registry metrics registry
   */
  public RunStateGauges(RunCounts store, MeterRegistry registry) {
    this.store = store;
    for (RunStatus status : RunStatus.values()) {
      AtomicLong value = new AtomicLong();
      counts.put(status, value);
      Gauge.builder("cairn.runs", value, AtomicLong::get)
          .description("Runs per status (all tenants), refreshed every 15 s")
          .tag("status", status.name())
          .register(registry);
    }
  }

  @Scheduled(
      every = "${cairn.metrics.runs-refresh:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refresh() {
    try {
      Map<String, Long> current = store.countByStatus();
      counts.forEach((status, value) -> value.set(current.getOrDefault(status.name(), 0L)));
    } catch (PersistenceException e) {
      // The database is away; keep the last values until it returns.
    }
  }
}
