package dev.cairn.runtime.engine;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.StepCommit;
import dev.cairn.persistence.store.ToolCallRecord;
import dev.cairn.tools.SideEffect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
   * @param overlapCommits whether the next model call or read-only tool call may run while the
   *     previous step's commit is in flight
   */
  public record Settings(
      String node, int maxStepsPerClaim, Duration leaseTtl, boolean overlapCommits) {}

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

  private final IntentRecorder intents;
  private final ModelReserver reserver;
  private final CommandSource commandSource;
  private final CommandMailbox mailbox;
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
   * @param intents records intents of tool calls with side effects
   * @param reserver writes model call reservations that are not durable yet
   * @param commandSource loads pending operator commands
   * @param mailbox signals of new commands and cancels
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
      IntentRecorder intents,
      ModelReserver reserver,
      CommandSource commandSource,
      CommandMailbox mailbox,
      StepCommitter committer,
      StepDecider decider,
      StepApplier applier,
      StepExecutor executor,
      Supplier<ToolRules> toolRules,
      Clock clock,
      EngineMetrics metrics,
      Settings settings,
      Lifecycle lifecycle) {
    this.intents = intents;
    this.reserver = reserver;
    this.commandSource = commandSource;
    this.mailbox = mailbox;
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
   * @param commands its pending operator commands, loaded with the claim
   */
  public void drive(RunSnapshot claimed, List<OperatorCommand> commands) {
    RunSnapshot run = commands.isEmpty() ? start(claimed) : claimed;
    mailbox.started(claimed.id());
    List<OperatorCommand> nextCommands = commands;
    if (run.status() != RunStatus.RUNNING && commands.isEmpty()) {
      // Claimed for commands that were applied meanwhile: nothing to do; the lease lapses.
      mailbox.forget(run.id());
      return;
    }
    InFlight pending = null;
    java.util.Set<java.util.UUID> applied = new java.util.HashSet<>();
    try {
      for (int steps = 0; steps < settings.maxStepsPerClaim(); steps++) {
        boolean lastTurn = steps + 1 >= settings.maxStepsPerClaim();
        if (nextCommands == null) {
          nextCommands = List.of();
          if (mailbox.shouldLook(run.id())) {
            // Commands an earlier step applied are marked in its commit: read only once it landed,
            // or they would look pending still and be applied twice.
            if (pending != null && !pending.await()) {
              return;
            }
            nextCommands = notApplied(commandSource.pending(run.id()), applied);
          }
        }
        if (!nextCommands.isEmpty()) {
          nextCommands.forEach(c -> applied.add(c.id()));
        }
        Advance next = step(run, nextCommands, !lastTurn, pending);
        nextCommands = null;
        pending = null;
        if (next == null) {
          return;
        }
        run = next.run();
        pending = next.commit();
        // A stopping replica starts no new step; its kept leases are released on shutdown.
        if (run.status() != RunStatus.RUNNING || lastTurn || lifecycle.stopping()) {
          break;
        }
      }
      if (pending != null) {
        pending.await();
      }
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "step of run %s failed; its lease will expire and another worker resumes it",
          run.id());
    }
  }

  /** Commands this driver has not applied yet (a second guard against applying one twice). */
  private static List<OperatorCommand> notApplied(
      List<OperatorCommand> commands, java.util.Set<java.util.UUID> applied) {
    return commands.stream().filter(c -> !applied.contains(c.id())).toList();
  }

  private static RunSnapshot start(RunSnapshot claimed) {
    return switch (claimed.status()) {
      case QUEUED -> claimed.withStatus(RunTransitions.take(claimed.status(), RunEvent.START));
      case WAITING -> claimed.withStatus(RunTransitions.take(claimed.status(), RunEvent.WAKE));
      default -> claimed;
    };
  }

  /** The snapshot after a step, and that step's commit (possibly still in flight). */
  private record Advance(RunSnapshot run, InFlight commit) {}

  /**
   * One step; returns the next snapshot, or null when the lease was lost. {@code previous} is the
   * previous step's commit, which may still be in flight: work that leaves nothing behind (a model
   * call, a read-only tool call) overlaps it, anything else waits for it first, and this step's
   * result is committed only once the previous one is.
   */
  private Advance step(
      RunSnapshot run, List<OperatorCommand> commands, boolean keepLease, InFlight previous) {
    Instant started = clock.instant();
    PhaseTimer timer = new PhaseTimer(metrics);
    Decision decision = decider.decide(run, commands, started, toolRules.get());
    timer.lap(StepPhase.DECIDE);
    InFlight unsettled = previous;
    if (unsettled != null && !mayOverlapCommit(decision, toolRules.get())) {
      boolean held = unsettled.await();
      timer.lap(StepPhase.COMMIT);
      unsettled = null;
      if (!held) {
        return null;
      }
    }
    Instant intentAt = null;
    if (decision instanceof Decision.CallTool call && call.sideEffect() != SideEffect.READ_ONLY) {
      intentAt = started;
      IntentRecorder.Result intent = recordIntent(run, call, intentAt);
      if (intent == IntentRecorder.Result.LEASE_LOST) {
        metrics.leaseLost();
        return null;
      }
      if (intent == IntentRecorder.Result.ALREADY_STARTED) {
        // Started before under another lease, unseen by this one's recovery: never run it again.
        // The stop executes nothing and is applied and committed like any other step.
        decision = startedBefore(run, call);
        intentAt = null;
      }
      timer.lap(StepPhase.INTENT);
    }
    if (decision instanceof Decision.CallModel call && call.reserveFirst()) {
      run = reserve(run, call, started);
      if (run == null) {
        metrics.leaseLost();
        return null;
      }
      timer.lap(StepPhase.INTENT);
    }
    StepOutcome outcome;
    if (decision instanceof Decision.CallModel) {
      outcome = callModelUnlessCancelled(run, decision);
      if (outcome == null) {
        // A cancel arrived during the call: the call is abandoned and the commands apply now.
        decision =
            new Decision.ApplyCommands(
                commandSource.pending(run.id()), "model call of step " + run.nextSeq());
        outcome = new StepOutcome.Nothing();
      }
    } else {
      outcome = executor.execute(run, decision);
    }
    timer.lap(StepPhase.EXECUTE);
    if (lifecycle.abandoning()) {
      LOG.debugf("run %s: step %d interrupted by shutdown; not recorded", run.id(), run.nextSeq());
      return null;
    }
    if (unsettled != null) {
      boolean held = unsettled.await();
      timer.lap(StepPhase.COMMIT);
      if (!held) {
        // This step built on one that was never recorded: its result goes too.
        return null;
      }
    }
    Instant now = clock.instant();
    StepResult result = applier.apply(run, decision, outcome, now);
    boolean keep = keepLease && !lifecycle.stopping();
    StepCommit commit =
        CommitMapper.toCommit(
            run, result, settings.node(), keep, intentAt, now, now.plus(settings.leaseTtl()));
    timer.lap(StepPhase.APPLY);
    InFlight mine = new InFlight(commit, result.kind(), started);
    if (!settings.overlapCommits() || !keep || result.next().status() != RunStatus.RUNNING) {
      // Nothing will overlap this commit (or overlapping is off): wait for it here.
      if (!mine.await()) {
        return null;
      }
      timer.lap(StepPhase.COMMIT);
    }
    return new Advance(result.next().withLastHash(commit.checkpoint().hash()), mine);
  }

  /**
   * Work that may run before the previous step is durable: nothing it does outlives a crash. A
   * model call is not such work: it spends budget, and its reservation is part of the previous
   * commit, which must be durable before the call starts; nor is a step tool's call, which reads
   * what earlier steps wrote (memory, tasks).
   */
  private static boolean mayOverlapCommit(Decision decision, ToolRules rules) {
    return decision instanceof Decision.CallTool call
        && call.sideEffect() == SideEffect.READ_ONLY
        && !rules.isStepTool(call.call().name());
  }

  /**
   * The model call a freshly claimed run starts with, when its reservation is not durable yet (a
   * new run, a run after a crash): the claim reserves these for a whole batch in one statement.
   *
   * @param claimed the run as claimed, without pending commands
   * @param now the time
   * @return the call to reserve, if any
   */
  public java.util.Optional<Decision.CallModel> callToReserveAtClaim(
      RunSnapshot claimed, Instant now) {
    RunSnapshot run =
        switch (claimed.status()) {
          case QUEUED -> claimed.withStatus(RunTransitions.apply(claimed.status(), RunEvent.START));
          case WAITING -> claimed.withStatus(RunTransitions.apply(claimed.status(), RunEvent.WAKE));
          default -> claimed;
        };
    if (run.status() != RunStatus.RUNNING) {
      return java.util.Optional.empty();
    }
    return decider.decide(run, List.of(), now, toolRules.get()) instanceof Decision.CallModel call
            && call.reserveFirst()
        ? java.util.Optional.of(call)
        : java.util.Optional.empty();
  }

  /**
   * The run once {@code call}'s reservation is durable: lost reservations charged, the new one
   * held.
   *
   * @param run the run
   * @param call the reserved call
   * @return the run
   */
  public static RunSnapshot withReservation(RunSnapshot run, Decision.CallModel call) {
    RunSnapshot.Usage usage =
        new RunSnapshot.Usage(
            run.usage().modelCalls() + call.charge().calls(),
            run.usage().toolCalls(),
            run.usage().inputTokens() + call.charge().tokens(),
            run.usage().outputTokens());
    RunSnapshot.Control control =
        run.control()
            .withSpend(
                run.control().costMicros() + call.charge().costMicros(), call.reserve(), true);
    return run.withUsage(usage, control);
  }

  /** Writes the call's reservation (charging lost ones); null when the lease was lost. */
  private RunSnapshot reserve(RunSnapshot run, Decision.CallModel call, Instant now) {
    if (!reserver.reserve(
        run.id(), settings.node(), run.leaseEpoch(), call.charge(), call.reserve(), now)) {
      return null;
    }
    return withReservation(run, call);
  }

  /**
   * Calls the model on the driver's thread; returns null, abandoning the call, when a cancel for
   * the run arrives (the mailbox interrupts the thread, which aborts the HTTP request).
   */
  private StepOutcome callModelUnlessCancelled(RunSnapshot run, Decision decision) {
    if (mailbox.cancelled(run.id())) {
      return null;
    }
    StepOutcome outcome;
    mailbox.callStarted(run.id(), Thread.currentThread());
    try {
      outcome = executor.execute(run, decision);
    } finally {
      mailbox.callEnded(run.id());
      // A cancel's interrupt is meant for the call only; the step's database work goes on.
      Thread.interrupted();
    }
    if (mailbox.cancelled(run.id())) {
      LOG.debugf("run %s: model call abandoned by a cancel", run.id());
      return null;
    }
    return outcome;
  }

  /** A submitted commit; {@link #await} gives its answer, retrying through a database outage. */
  private final class InFlight {
    private final StepCommit commit;
    private final String kind;
    private final Instant started;
    private final CompletableFuture<Boolean> done;
    private Boolean answer;

    InFlight(StepCommit commit, String kind, Instant started) {
      this.commit = commit;
      this.kind = kind;
      this.started = started;
      this.done = committer.submit(commit);
      // Latency up to the commit itself, not up to whenever the loop next looks at it.
      done.thenAccept(
          committed -> {
            if (committed) {
              metrics.stepCommitted(kind, Duration.between(started, clock.instant()));
            }
          });
    }

    /** True once committed; false when the lease was lost (the result is dropped). */
    boolean await() {
      if (answer != null) {
        return answer;
      }
      boolean committed;
      try {
        committed = done.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a commit", e);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof PersistenceException)) {
          throw e.getCause() instanceof RuntimeException r
              ? r
              : new IllegalStateException("commit failed", e.getCause());
        }
        metrics.commitRetried();
        committed = commitWithRetry(commit);
        if (committed) {
          metrics.stepCommitted(kind, Duration.between(started, clock.instant()));
        }
      }
      answer = committed;
      if (!committed) {
        metrics.leaseLost();
        LOG.debugf(
            "run %s: lease lost before commit of seq %d; result dropped",
            commit.runId(), commit.checkpoint().seq());
      }
      return committed;
    }
  }

  /** Reports the time since the previous lap as one phase. */
  private static final class PhaseTimer {
    private final EngineMetrics metrics;
    private long last = System.nanoTime();

    PhaseTimer(EngineMetrics metrics) {
      this.metrics = metrics;
    }

    void lap(StepPhase phase) {
      long now = System.nanoTime();
      metrics.stepPhase(phase, now - last);
      last = now;
    }
  }

  private static Decision startedBefore(RunSnapshot run, Decision.CallTool call) {
    LOG.warnf(
        "run %s: call '%s' of seq %d was started before; the run needs reconciliation",
        run.id(), call.call().name(), run.nextSeq());
    return new Decision.Stop(
        RunEvent.NEED_RECONCILIATION,
        "call '"
            + call.call().name()
            + "' was already started by an earlier attempt; whether it took effect is unknown");
  }

  private IntentRecorder.Result recordIntent(RunSnapshot run, Decision.CallTool call, Instant at) {
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
    return intents.record(
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
