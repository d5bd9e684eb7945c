package dev.cairn.runtime.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/** Produces the clock and this replica's identity, so both can be replaced in tests. */
@ApplicationScoped
public class CoreBeans {
  /**
   * The application clock (UTC).
   *
   * @return the clock
   */
  @Produces
  @ApplicationScoped
  public Clock clock() {
    // Microseconds, the precision of PostgreSQL's timestamps: a time the engine computes from
    // "now" (a retry time, a deadline check) is the same when recomputed from the stored one,
    // which recorded replay relies on.
    return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1_000));
  }

  /**
   * This replica's identity.
   *
   * @param config configuration
   * @return the node identity
   */
  @Produces
  @Singleton
  public NodeIdentity nodeIdentity(CairnConfig config) {
    String id =
        config.node().id().orElseGet(() -> "node-" + UUID.randomUUID().toString().substring(0, 8));
    return new NodeIdentity(id + "-" + Long.toString(ProcessHandle.current().pid(), 36));
  }
}
