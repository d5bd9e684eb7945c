package dev.cairn.runtime.scheduler;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.runtime.config.CairnConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Periodic work on the Quarkus scheduler: the fallback wake-up tick of the claim loop, lease
 * heartbeats (every third of the lease time to live) and the reaper of expired leases.
 */
@ApplicationScoped
public class LeaseTasks {
  private static final Logger LOG = Logger.getLogger(LeaseTasks.class);
  private final Engine engine;
  private final Clock clock;
  private final Duration heartbeatInterval;
  private volatile Instant lastHeartbeat = Instant.EPOCH;
  private volatile boolean stopped;

  /**
   * Creates the tasks.
   *
   * @param engine the engine
   * @param clock clock
   * @param config configuration
   */
  public LeaseTasks(Engine engine, Clock clock, CairnConfig config) {
    this.engine = engine;
    this.clock = clock;
    this.heartbeatInterval = config.lease().ttl().dividedBy(3);
  }

  @Scheduled(
      every = "${cairn.worker.tick:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (stopped) {
      return;
    }
    engine.wake();
    Instant now = clock.instant();
    if (Duration.between(lastHeartbeat, now).compareTo(heartbeatInterval) >= 0) {
      lastHeartbeat = now;
      try {
        engine.heartbeat();
      } catch (PersistenceException e) {
        LOG.warnf("lease heartbeat failed: %s", sqlState(e));
      }
    }
  }

  @Scheduled(
      every = "${cairn.lease.reap-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void reap() {
    if (stopped) {
      return;
    }
    try {
      engine.reap();
    } catch (PersistenceException e) {
      LOG.warnf("lease reaper skipped: %s", sqlState(e));
    }
  }

  @Scheduled(
      every = "${cairn.control.takeover-check-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void takeOverStalledCancels() {
    if (stopped) {
      return;
    }
    try {
      engine.takeOverStalledCancels();
    } catch (PersistenceException e) {
      LOG.warnf("cancel takeover skipped: %s", sqlState(e));
    }
  }

  /** Runs before the engine's own shutdown, so no tick reaches an engine that is going away. */
  void onStop(@Observes @Priority(0) ShutdownEvent event) {
    stopped = true;
  }

  private static String sqlState(PersistenceException e) {
    return e.getCause() instanceof java.sql.SQLException sql
        ? "SQLState " + sql.getSQLState()
        : String.valueOf(e.getCause());
  }
}
