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
    return Clock.systemUTC();
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
