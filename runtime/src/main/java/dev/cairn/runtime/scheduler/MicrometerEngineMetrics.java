package dev.cairn.runtime.scheduler;

import dev.cairn.runtime.engine.EngineMetrics;
import dev.cairn.runtime.engine.StepPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Engine metrics over Micrometer, exported at {@code /q/metrics}. */
@ApplicationScoped
public class MicrometerEngineMetrics implements EngineMetrics {
  private final MeterRegistry registry;
  private final Map<String, StepMeters> stepMeters = new ConcurrentHashMap<>();
  private final Counter leaseLost;
  private final Counter commitRetried;
  private final Counter leaseExpiries;
  private final Timer claimLatency;
  private final Map<StepPhase, Timer> phases = new EnumMap<>(StepPhase.class);
  private final Timer commitQueueWait;
  private final Timer commitTransaction;
  private final DistributionSummary commitBatchSize;

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
    for (StepPhase phase : StepPhase.values()) {
      phases.put(
          phase,
          histogram(
              Timer.builder("cairn.step.phase")
                  .description(
                      "Time of one phase of a step (decide, intent, execute, apply, commit)")
                  .tag("phase", phase.name().toLowerCase(Locale.ROOT))));
    }
    this.commitQueueWait =
        histogram(
            Timer.builder("cairn.commit.queue.wait")
                .description("Time a step waited for the group committer to take it"));
    this.commitTransaction =
        histogram(
            Timer.builder("cairn.commit.transaction")
                .description("Time of one group-commit transaction"));
    this.commitBatchSize =
        DistributionSummary.builder("cairn.commit.batch.size")
            .description("Steps committed together in one group-commit transaction")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  /**
   * Cumulative buckets rather than client-side percentiles: they aggregate across replicas and let
   * a reader compute percentiles over any window from two scrapes.
   */
  private Timer histogram(Timer.Builder builder) {
    return builder
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  @Override
  public void stepPhase(StepPhase phase, long nanos) {
    phases.get(phase).record(nanos, TimeUnit.NANOSECONDS);
  }

  void commitQueued(long nanos) {
    commitQueueWait.record(nanos, TimeUnit.NANOSECONDS);
  }

  void commitBatch(int size, long nanos) {
    commitBatchSize.record(size);
    commitTransaction.record(nanos, TimeUnit.NANOSECONDS);
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
