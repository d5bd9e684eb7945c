package dev.cairn.runtime.scheduler;

import dev.cairn.runtime.engine.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Engine metrics over Micrometer, exported at {@code /q/metrics}. */
@ApplicationScoped
public class MicrometerEngineMetrics implements EngineMetrics {
  private final MeterRegistry registry;
  private final Map<String, StepMeters> stepMeters = new ConcurrentHashMap<>();
  private final Counter leaseLost;
  private final Counter commitRetried;
  private final Counter leaseExpiries;
  private final Timer claimLatency;

  /**
   * Creates the metrics.
   *
   * @param registry the registry
   */
  public MicrometerEngineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.leaseLost =
        Counter.builder("cairn.lease.lost")
            .description("Step results dropped because another replica took the lease")
            .register(registry);
    this.commitRetried =
        Counter.builder("cairn.commit.retries")
            .description("Step commits retried while the database was unreachable")
            .register(registry);
    this.leaseExpiries =
        Counter.builder("cairn.lease.expiries")
            .description("Leases freed by the reaper after their owner stopped heartbeating")
            .register(registry);
    this.claimLatency =
        Timer.builder("cairn.claim.latency")
            .description("Time of one claim statement")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  @Override
  public void stepCommitted(String kind, Duration latency) {
    StepMeters meters = stepMeters.computeIfAbsent(kind, this::stepMeters);
    meters.count().increment();
    meters.latency().record(latency);
  }

  private record StepMeters(Counter count, Timer latency) {}

  private StepMeters stepMeters(String kind) {
    return new StepMeters(
        Counter.builder("cairn.steps")
            .description("Committed steps")
            .tag("kind", kind)
            .register(registry),
        Timer.builder("cairn.step.latency")
            .description("From decision to committed checkpoint, model or tool time included")
            .tag("kind", kind)
            .publishPercentiles(0.5, 0.99)
            .register(registry));
  }

  @Override
  public void leaseLost() {
    leaseLost.increment();
  }

  @Override
  public void commitRetried() {
    commitRetried.increment();
  }

  void leaseExpired(int count) {
    leaseExpiries.increment(count);
  }

  void claimed(Duration latency) {
    claimLatency.record(latency);
  }
}
