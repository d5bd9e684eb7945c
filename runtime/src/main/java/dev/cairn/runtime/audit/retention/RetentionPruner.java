package dev.cairn.runtime.audit.retention;

import dev.cairn.persistence.store.PruneBatch;
import dev.cairn.persistence.store.PruneProgress;
import dev.cairn.persistence.store.RetentionStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Prunes the payloads of finished runs whose definition's retention ({@code retention.payloadDays}
 * in the spec) has passed: checkpoint decisions and outcomes, message contents and tool calls, tool
 * arguments and results are replaced by their SHA-256 digests, a bounded batch per transaction,
 * under the run's row lock (replicas skip a run another one holds). Pruning is idempotent: a run
 * interrupted half way is taken up again, and its pruned rows are not touched twice.
 */
@ApplicationScoped
public class RetentionPruner {
  private static final Logger LOG = Logger.getLogger(RetentionPruner.class);

  private final RetentionStore store;
  private final RetentionConfig config;
  private final Clock clock;
  private volatile Instant nextPass = Instant.MIN;

  /**
   * Creates the pruner.
   *
   * @param store retention SQL
   * @param config settings
   * @param clock the clock
   */
  public RetentionPruner(RetentionStore store, RetentionConfig config, Clock clock) {
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  /**
   * What one pass pruned.
   *
   * @param runs runs whose payloads are now all pruned
   * @param rows rows pruned (checkpoints, messages, tool invocations)
   */
  public record Pass(int runs, long rows) {}

  @Scheduled(
      every = "1m",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      identity = "cairn-retention-pruner")
  void tick() {
    if (!config.enabled()) {
      return;
    }
    Instant now = clock.instant();
    if (now.isBefore(nextPass)) {
      return;
    }
    nextPass = now.plus(config.interval());
    try {
      Pass pass = prune(now);
      if (pass.runs() > 0) {
        LOG.infof("retention pruned the payloads of %d runs (%d rows)", pass.runs(), pass.rows());
      }
    } catch (RuntimeException e) {
      LOG.warnf("retention pass failed: %s", e.toString());
    }
  }

  /**
   * Prunes the runs due at {@code now}, at most {@code runsPerPass} of them.
   *
   * @param now the time retention is measured against
   * @return what was pruned
   */
  public Pass prune(Instant now) {
    int runs = 0;
    long rows = 0;
    // At least one row per batch: each batch that does not finish a run then prunes something.
    int batchSize = Math.max(1, config.batchSize());
    for (UUID runId : store.dueRuns(now, Math.max(1, config.runsPerPass()))) {
      PruneProgress progress = PruneProgress.START;
      while (true) {
        PruneBatch batch =
            store.pruneBatch(runId, progress, now, batchSize, CanonicalDigests.INSTANCE);
        rows += batch.rows();
        if (!batch.taken()) {
          break;
        }
        if (batch.finished()) {
          runs++;
          break;
        }
        progress = batch.progress();
      }
    }
    return new Pass(runs, rows);
  }
}
