package dev.cairn.runtime.scheduler;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.ClaimStore;
import dev.cairn.persistence.store.ClaimedRunRow;
import dev.cairn.persistence.store.LeaseStore;
import dev.cairn.persistence.store.MessageRow;
import dev.cairn.persistence.store.OpenApprovalRow;
import dev.cairn.persistence.store.PendingCommandRow;
import dev.cairn.persistence.store.StepStore;
import dev.cairn.persistence.store.SummaryRow;
import dev.cairn.persistence.store.ToolIntentRow;
import dev.cairn.runtime.config.CairnConfig;
import dev.cairn.runtime.config.NodeIdentity;
import dev.cairn.runtime.control.PriceTable;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.CatalogToolRules;
import dev.cairn.runtime.engine.CommandMailbox;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.IntentRecorder;
import dev.cairn.runtime.engine.ModelPrice;
import dev.cairn.runtime.engine.OperatorCommand;
import dev.cairn.runtime.engine.RetryPolicy;
import dev.cairn.runtime.engine.RunDriver;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.SnapshotMapper;
import dev.cairn.runtime.engine.StepApplier;
import dev.cairn.runtime.engine.StepCommitter;
import dev.cairn.runtime.engine.StepDecider;
import dev.cairn.runtime.engine.StepExecutor;
import dev.cairn.runtime.memory.ShortTermMemory;
import dev.cairn.runtime.model.ModelGateway;
import dev.cairn.tools.ToolCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The replica's worker: claims runnable runs in batches under leases and advances each on its own
 * virtual thread, at most {@code cairn.worker.max-in-flight} at once.
 */
@ApplicationScoped
public class Engine {
  private static final Logger LOG = Logger.getLogger(Engine.class);

  private final ClaimStore claims;
  private final LeaseStore leases;
  private final Clock clock;
  private final CairnConfig config;
  private final String node;
  private final MicrometerEngineMetrics metrics;
  private final RunDriver driver;
  private final StepStore stepStore;
  private final GroupCommitter committer;
  private final Semaphore slots;
  private final Map<UUID, Long> inFlight = new ConcurrentHashMap<>();
  private final WakeSignal signal = new WakeSignal();
  private final CommandMailbox mailbox;
  private final Function<AgentSpec.ModelSpec, ModelPrice> prices;
  private final ExecutorService steps = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean stopping;
  private volatile boolean abandoning;
  private volatile boolean databaseReachable = true;
  private Thread claimThread;

  /**
   * Wires the engine.
   *
   * @param claims run claims
   * @param stepStore fenced step writes
   * @param leases leases
   * @param model model gateway
   * @param tools tool catalog
   * @param clock clock
   * @param identity this replica
   * @param config configuration
   * @param metrics metrics
   * @param registry metrics registry
   * @param priceTable model prices
   * @param memory short-term memory (when older turns are summarised)
   */
  public Engine(
      ClaimStore claims,
      StepStore stepStore,
      LeaseStore leases,
      ModelGateway model,
      ToolCatalog tools,
      Clock clock,
      NodeIdentity identity,
      CairnConfig config,
      MicrometerEngineMetrics metrics,
      MeterRegistry registry,
      PriceTable priceTable,
      ShortTermMemory memory) {
    this.claims = claims;
    this.stepStore = stepStore;
    this.leases = leases;
    this.clock = clock;
    this.config = config;
    this.node = identity.id();
    this.metrics = metrics;
    this.slots = new Semaphore(config.worker().maxInFlight());
    this.mailbox = new CommandMailbox(config.control().pollInterval());
    this.prices = spec -> priceTable.priceOf(spec.provider(), spec.name());
    CatalogToolRules rules = new CatalogToolRules(tools);
    RetryPolicy retry =
        new RetryPolicy(
            config.retry().maxAttempts(), config.retry().baseDelay(), config.retry().maxDelay());
    this.committer =
        config.worker().groupCommit()
            ? new GroupCommitter(
                stepStore,
                config.worker().groupCommitMaxBatch(),
                config.worker().groupCommitThreads(),
                metrics)
            : null;
    StepCommitter commits = committer == null ? stepStore::commitStep : committer;
    this.driver =
        new RunDriver(
            (run, tenant, seq, owner, epoch, intent) ->
                IntentRecorder.Result.of(
                    stepStore.recordIntent(run, tenant, seq, owner, epoch, intent)),
            (runId, owner, epoch, charge, reserve, now) ->
                stepStore
                    .reserveModelCalls(
                        owner,
                        List.of(
                            new StepStore.CallReservation(
                                runId, epoch, charge.asArray(), reserve.asArray())),
                        now)
                    .contains(runId),
            runId ->
                SnapshotMapper.toCommands(
                    claims.loadPendingCommands(List.of(runId)).getOrDefault(runId, List.of())),
            mailbox,
            commits,
            new StepDecider(config.lease().maxConsecutiveRecoveries(), memory.planner()),
            new StepApplier(retry, memory.planner()),
            new StepExecutor(model, tools, clock),
            rules,
            clock,
            metrics,
            new RunDriver.Settings(
                node,
                config.worker().maxStepsPerClaim(),
                config.lease().ttl(),
                config.worker().overlapCommits()),
            new RunDriver.Lifecycle() {
              @Override
              public boolean stopping() {
                return stopping;
              }

              @Override
              public boolean abandoning() {
                return abandoning;
              }
            });
    Gauge.builder("cairn.steps.in_flight", inFlight, Map::size)
        .description("Runs being advanced on this replica")
        .register(registry);
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.worker().enabled()) {
      LOG.info("worker disabled on this replica; serving the API only");
      return;
    }
    claimThread = Thread.ofPlatform().name("cairn-claim-loop").daemon().start(this::claimLoop);
    LOG.infof(
        "engine started as %s (max in flight %d, lease ttl %s)",
        node, config.worker().maxInFlight(), config.lease().ttl());
  }

  /** Wakes the claim loop now (a run became runnable). */
  public void wake() {
    signal.wake();
  }

  /**
   * This replica's lease owner name.
   *
   * @return the node id
   */
  public String node() {
    return node;
  }

  /**
   * Runs being advanced here.
   *
   * @return their ids
   */
  public Set<UUID> inFlightRuns() {
    return Set.copyOf(inFlight.keySet());
  }

  private void claimLoop() {
    while (!stopping) {
      try {
        int free = slots.availablePermits();
        int claimed = free > 0 ? claimAndDispatch(Math.min(free, config.worker().claimBatch())) : 0;
        markDatabase(true);
        if (claimed == 0 || claimed < Math.min(free, config.worker().claimBatch())) {
          signal.await(config.worker().idlePoll());
        }
      } catch (PersistenceException e) {
        markDatabase(false);
        sleepQuietly(Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("claim loop error", e);
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
  }

  private void markDatabase(boolean reachable) {
    if (reachable != databaseReachable) {
      databaseReachable = reachable;
      if (reachable) {
        LOG.info("database reachable again; claiming resumes");
      } else {
        LOG.warn("database unreachable; claiming paused until it returns");
      }
    }
  }

  private int claimAndDispatch(int limit) {
    Instant now = clock.instant();
    List<ClaimedRunRow> rows =
        claims.claim(
            node,
            now,
            now.plus(config.lease().ttl()),
            limit,
            inFlight.keySet(),
            config.tenants().maxRunsInFlight());
    metrics.claimed(Duration.between(now, clock.instant()));
    if (rows.isEmpty()) {
      return 0;
    }
    List<UUID> ids = rows.stream().map(ClaimedRunRow::id).toList();
    Map<UUID, List<MessageRow>> messages = claims.loadMessages(ids);
    Map<UUID, SummaryRow> summaries = claims.loadSummaries(ids);
    Map<UUID, List<ToolIntentRow>> intents = claims.loadOpenIntents(ids);
    // Commands and approvals are rare: only runs that have them cost a query.
    List<UUID> commanded =
        rows.stream().filter(ClaimedRunRow::hasCommands).map(ClaimedRunRow::id).toList();
    List<UUID> approving =
        rows.stream().filter(ClaimedRunRow::mayHaveApprovals).map(ClaimedRunRow::id).toList();
    Map<UUID, List<PendingCommandRow>> commands =
        commanded.isEmpty() ? Map.of() : claims.loadPendingCommands(commanded);
    Map<UUID, List<OpenApprovalRow>> approvals =
        approving.isEmpty() ? Map.of() : claims.loadApprovals(approving);
    List<RunSnapshot> snapshots = new java.util.ArrayList<>(rows.size());
    List<List<OperatorCommand>> pendings = new java.util.ArrayList<>(rows.size());
    for (ClaimedRunRow row : rows) {
      snapshots.add(
          SnapshotMapper.toSnapshot(
              row,
              messages.getOrDefault(row.id(), List.of()),
              summaries.get(row.id()),
              intents.getOrDefault(row.id(), List.of()),
              approvals.getOrDefault(row.id(), List.of()),
              prices));
      pendings.add(SnapshotMapper.toCommands(commands.getOrDefault(row.id(), List.of())));
    }
    reserveFirstCalls(snapshots, pendings, now);
    for (int i = 0; i < snapshots.size(); i++) {
      RunSnapshot snapshot = snapshots.get(i);
      List<OperatorCommand> pending = pendings.get(i);
      slots.acquireUninterruptibly();
      inFlight.put(snapshot.id(), snapshot.leaseEpoch());
      steps.execute(() -> runOne(snapshot, pending));
    }
    return rows.size();
  }

  /**
   * Reserves, in one statement, the first model calls of claimed runs that start with one whose
   * reservation is not durable (new runs, runs after a crash), so their drivers need no transaction
   * of their own before the call. Replaces those snapshots with the reserved ones.
   */
  private void reserveFirstCalls(
      List<RunSnapshot> snapshots, List<List<OperatorCommand>> pendings, Instant now) {
    Map<UUID, Decision.CallModel> calls = new HashMap<>();
    List<StepStore.CallReservation> batch = new java.util.ArrayList<>();
    for (int i = 0; i < snapshots.size(); i++) {
      RunSnapshot run = snapshots.get(i);
      if (!pendings.get(i).isEmpty()) {
        continue;
      }
      driver
          .callToReserveAtClaim(run, now)
          .ifPresent(
              call -> {
                calls.put(run.id(), call);
                batch.add(
                    new StepStore.CallReservation(
                        run.id(),
                        run.leaseEpoch(),
                        call.charge().asArray(),
                        call.reserve().asArray()));
              });
    }
    if (batch.isEmpty()) {
      return;
    }
    Set<UUID> reserved = stepStore.reserveModelCalls(node, batch, now);
    for (int i = 0; i < snapshots.size(); i++) {
      RunSnapshot run = snapshots.get(i);
      if (reserved.contains(run.id())) {
        snapshots.set(i, RunDriver.withReservation(run, calls.get(run.id())));
      }
    }
  }

  private void runOne(RunSnapshot snapshot, List<OperatorCommand> commands) {
    try {
      driver.drive(snapshot, commands);
    } finally {
      mailbox.forget(snapshot.id());
      inFlight.remove(snapshot.id());
      slots.release();
      signal.wake();
    }
  }

  /**
   * An operator command for a run was accepted (a notification from any replica's API).
   *
   * @param runId the run
   * @param cancel whether it is a cancel
   */
  public void commandArrived(UUID runId, boolean cancel) {
    if (inFlight.containsKey(runId)) {
      mailbox.arrived(runId, cancel);
    } else {
      // Not advanced here: a claim may take it now (a paused run to resume, say).
      signal.wake();
    }
  }

  /** Takes the lease from runs whose cancel waited too long for their owner. */
  void takeOverStalledCancels() {
    Instant now = clock.instant();
    int released = leases.releaseStalledCancels(now, now.minus(config.control().cancelTakeover()));
    if (released > 0) {
      LOG.infof("took over %d runs whose cancel waited for a stalled replica", released);
    }
  }

  /** Heartbeat: extends the leases of runs in flight here. */
  void heartbeat() {
    Set<UUID> ids = inFlightRuns();
    if (ids.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    leases.extendLeases(node, ids, now.plus(config.lease().ttl()));
  }

  /** Frees leases of replicas that stopped heartbeating. */
  void reap() {
    int expired = leases.reapExpiredLeases(clock.instant());
    if (expired > 0) {
      metrics.leaseExpired(expired);
      LOG.infof("freed %d expired leases", expired);
    }
  }

  void onStop(@Observes @Priority(1) ShutdownEvent event) {
    stopping = true;
    signal.wake();
    steps.shutdown();
    Duration grace = config.shutdown().grace();
    try {
      if (!steps.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warnf(
            "%d steps still running after %s; abandoning them (not recorded)",
            inFlight.size(), grace);
        abandoning = true;
        steps.shutdownNow();
        steps.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    releaseRemaining();
    if (committer != null) {
      committer.close();
    }
    LOG.info("engine stopped");
  }

  private void releaseRemaining() {
    try {
      int released = leases.releaseNode(node, clock.instant());
      LOG.infof("released %d leases for other replicas", released);
    } catch (PersistenceException e) {
      LOG.warn("could not release leases; they expire after the lease time to live");
    }
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
