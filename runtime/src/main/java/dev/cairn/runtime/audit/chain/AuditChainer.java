package dev.cairn.runtime.audit.chain;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.AuditStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * In the asynchronous chain mode ({@code cairn.audit.chain=async}), chains the records that changes
 * committed (each written in its change's transaction) into their tenant's hash chain, every {@code
 * cairn.audit.chain-interval}. Any replica may run it: a tenant's head is locked while it is
 * chained, and a replica skips a head another one holds.
 */
@ApplicationScoped
public class AuditChainer {
  private static final Logger LOG = Logger.getLogger(AuditChainer.class);

  /** Most records chained per tenant and database call. */
  static final int BATCH = 5_000;

  private final AuditStore store;
  private final AuditConfig config;

  /**
   * Creates the chainer.
   *
   * @param store audit storage
   * @param config audit settings
   */
  public AuditChainer(AuditStore store, AuditConfig config) {
    this.store = store;
    this.config = config;
  }

  @Scheduled(
      every = "${cairn.audit.chain-interval:200ms}",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (config.chain() != AuditConfig.ChainMode.ASYNC) {
      return;
    }
    try {
      chainNow();
    } catch (PersistenceException e) {
      LOG.warnf("audit records not chained this time: %s", e.getMessage());
    }
  }

  /**
   * Chains every committed record waiting for it.
   *
   * @return records chained
   */
  public long chainNow() {
    long total = 0;
    long chained;
    do {
      chained = store.chainCommitted(BATCH);
      total += chained;
    } while (chained >= BATCH);
    return total;
  }
}
