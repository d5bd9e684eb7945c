package dev.cairn.runtime.engine;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.RunStore;
import dev.cairn.persistence.store.StepCommit;
import dev.cairn.persistence.store.ToolCallRecord;
import dev.cairn.tools.SideEffect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Advances one claimed run step by step while it stays runnable and this node holds its lease:
 * decide (pure), record intent if needed, execute (no transaction), commit (fenced transaction).
 */
public final class RunDriver {
  private static final Logger LOG = Logger.getLogger(RunDriver.class);

  /**
   * Settings of the run loop.
   *
   * @param node this replica's id, the lease owner
   * @param maxStepsPerClaim steps before the lease is given back, so other runs get a turn
   * @param leaseTtl lease time to live; also how long a commit is retried while the database is
   *     unreachable
   */
  public record Settings(String node, int maxStepsPerClaim, Duration leaseTtl) {}

  /** Whether the replica is stopping, and whether in-flight results must be abandoned. */
  public interface Lifecycle {
    /**
     * True once the replica stops taking new steps.
     *
     * @return whether stopping
     */
    boolean stopping();

    /**
     * True once the grace period is over: results of interrupted steps are dropped, never
     * committed, so an interruption is never recorded as a model or tool failure.
     *
     * @return whether abandoning
     */
    boolean abandoning();
  }

  private final RunStore store;
  private final StepCommitter committer;
  private final StepDecider decider;
  private final StepApplier applier;
  private final StepExecutor executor;
  private final Supplier<ToolRules> toolRules;
  private final Clock clock;
  private final EngineMetrics metrics;
  private final Settings settings;
  private final Lifecycle lifecycle;

  /**
   * Creates a driver.
   *
   * @param store the run store (intents)
   * @param committer commits steps
   * @param decider the decider
   * @param applier the applier
   * @param executor the executor
   * @param toolRules current tool rules
   * @param clock the clock
   * @param metrics metrics
   * @param settings settings
   * @param lifecycle the replica's shutdown state
   */
  public RunDriver(
      RunStore store,
      StepCommitter committer,
      StepDecider decider,
      StepApplier applier,
      StepExecutor executor,
      Supplier<ToolRules> toolRules,
      Clock clock,
      EngineMetrics metrics,
      Settings settings,
      Lifecycle lifecycle) {
    this.store = store;
    this.committer = committer;
    this.decider = decider;
    this.applier = applier;
    this.executor = executor;
    this.toolRules = toolRules;
    this.clock = clock;
    this.metrics = metrics;
    this.settings = settings;
    this.lifecycle = lifecycle;
  }

  /**
   * Drives a claimed run until it stops being runnable, the lease is lost, its turn ends or the
   * replica stops. Never throws.
   *
   * @param claimed the run as claimed
   */
  public void drive(RunSnapshot claimed) {
    RunSnapshot run = start(claimed);
    try {
      for (int steps = 0; steps < settings.maxStepsPerClaim(); steps++) {
        boolean lastTurn = steps + 1 >= settings.maxStepsPerClaim();
        RunSnapshot next = step(run, !lastTurn);
        if (next == null) {
          return;
        }
        run = next;
        // A stopping replica starts no new step; its kept leases are released on shutdown.
        if (run.status() != RunStatus.RUNNING || lastTurn || lifecycle.stopping()) {
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "step of run %s failed; its lease will expire and another worker resumes it",
          run.id());
    }
  }

  private static RunSnapshot start(RunSnapshot claimed) {
    return switch (claimed.status()) {
      case QUEUED -> claimed.withStatus(RunTransitions.apply(claimed.status(), RunEvent.START));
      case WAITING -> claimed.withStatus(RunTransitions.apply(claimed.status(), RunEvent.WAKE));
      default -> claimed;
    };
  }

  /** One step; returns the next snapshot, or null when the lease was lost. */
  private RunSnapshot step(RunSnapshot run, boolean keepLease) {
    Instant started = clock.instant();
    Decision decision = decider.decide(run, toolRules.get());
    Instant intentAt = null;
    if (decision instanceof Decision.CallTool call && call.sideEffect() != SideEffect.READ_ONLY) {
      intentAt = started;
      if (!recordIntent(run, call, intentAt)) {
        metrics.leaseLost();
        return null;
      }
    }
    StepOutcome outcome = executor.execute(run, decision);
    if (lifecycle.abandoning()) {
      LOG.debugf("run %s: step %d interrupted by shutdown; not recorded", run.id(), run.nextSeq());
      return null;
    }
    Instant now = clock.instant();
    StepResult result = applier.apply(run, decision, outcome, now);
    boolean keep = keepLease && !lifecycle.stopping();
    StepCommit commit =
        CommitMapper.toCommit(
            run, result, settings.node(), keep, intentAt, now, now.plus(settings.leaseTtl()));
    if (!commitWithRetry(commit)) {
      metrics.leaseLost();
      LOG.debugf(
          "run %s: lease lost before commit of seq %d; result dropped", run.id(), run.nextSeq());
      return null;
    }
    metrics.stepCommitted(result.kind(), Duration.between(started, clock.instant()));
    return result.next().withLastHash(commit.checkpoint().hash());
  }

  private boolean recordIntent(RunSnapshot run, Decision.CallTool call, Instant at) {
    ToolCallRecord intent =
        new ToolCallRecord(
            call.call().id(),
            call.call().name(),
            call.sideEffect().name(),
            run.nextIdempotencyKey(),
            CommitMapper.argumentsJson(call.call().arguments()),
            null,
            false,
            at);
    return store.recordIntent(
        run.id(), run.tenantId(), run.nextSeq(), settings.node(), run.leaseEpoch(), intent);
  }

  /**
   * Commits, retrying while the database is unreachable (the fence keeps a late retry safe). Gives
   * up after the retry window: the lease will have expired and the step is re-done.
   */
  private boolean commitWithRetry(StepCommit commit) {
    Instant deadline = clock.instant().plus(settings.leaseTtl());
    long backoffMs = 100;
    while (true) {
      try {
        return committer.commit(commit);
      } catch (PersistenceException e) {
        if (clock.instant().isAfter(deadline) || lifecycle.abandoning()) {
          LOG.warnf(
              "run %s: commit failed until the retry window closed: %s",
              commit.runId(), e.getCause());
          return false;
        }
        metrics.commitRetried();
        sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 2000);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a commit", e);
    }
  }
}
