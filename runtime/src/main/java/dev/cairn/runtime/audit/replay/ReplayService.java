package dev.cairn.runtime.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.HistoryStore;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.Message;
import dev.cairn.runtime.engine.RunSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Recorded replay, state at a seq, differences between seqs, and shadow replay over a set of runs.
 * Reads only; makes no model or tool call.
 */
@ApplicationScoped
public class ReplayService {
  /** Most runs in one shadow replay. */
  public static final int MAX_RUNS = 100;

  private final HistoryFold fold;
  private final ReplayEngines engines;
  private final HistoryStore store;

  /**
   * Creates the service.
   *
   * @param fold the fold
   * @param engines this build's engine
   * @param store history reads
   */
  public ReplayService(HistoryFold fold, ReplayEngines engines, HistoryStore store) {
    this.fold = fold;
    this.engines = engines;
    this.store = store;
  }

  /**
   * Replays a run's whole recorded history.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param agentVersion the definition version to replay with, or null for the run's own
   * @return the report
   */
  public ReplayReport replay(String tenantId, UUID runId, Integer agentVersion) {
    return replay(tenantId, runId, agentVersion, engines.current());
  }

  /**
   * Replays a run's whole recorded history with given engine parts.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param agentVersion the definition version to replay with, or null for the run's own
   * @param engine the engine parts
   * @return the report
   */
  public ReplayReport replay(String tenantId, UUID runId, Integer agentVersion, FoldEngine engine) {
    long started = System.nanoTime();
    Folded f =
        fold.fold(tenantId, runId, Integer.MAX_VALUE, agentVersion, engine, StepObserver.NONE);
    return ReplayReport.of(f, (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * The run's state after a seq.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param seq the seq
   * @return the state
   */
  public RunStateView state(String tenantId, UUID runId, int seq) {
    return RunStateView.of(fold.stateAt(tenantId, runId, seq), seq);
  }

  /**
   * What changed between two seqs.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param from the earlier seq
   * @param to the later seq
   * @return the differences
   */
  public HistoryDiff diff(String tenantId, UUID runId, int from, int to) {
    if (from >= to) {
      throw CairnException.invalid("from", "must be smaller than 'to'");
    }
    AtomicReference<RunSnapshot> earlier = new AtomicReference<>();
    List<HistoryDiff.StepView> steps = new ArrayList<>();
    List<RunStateView.MessageView> messages = new ArrayList<>();
    AtomicBoolean truncated = new AtomicBoolean();
    Folded f =
        fold.fold(
            tenantId,
            runId,
            to,
            null,
            engines.current(),
            (row, before, result, after) -> {
              if (row.seq() == from + 1) {
                earlier.set(before);
              }
              if (row.seq() <= from) {
                return;
              }
              JsonNode decision = Json.parse(row.decisionJson());
              add(
                  steps,
                  new HistoryDiff.StepView(
                      row.seq(),
                      row.kind(),
                      decision.path("type").asText(),
                      row.statusAfter(),
                      row.createdAt()),
                  truncated);
              for (Message m : result.newMessages()) {
                add(messages, RunStateView.MessageView.of(m), truncated);
              }
            });
    if (f.divergence() != null || f.lastSeq() != to) {
      String why =
          f.divergence() != null
              ? "it diverges at seq " + f.divergence().seq() + " (" + f.divergence().field() + ")"
              : f.incomplete();
      throw CairnException.conflict("the history does not fold to seq " + to + ": " + why);
    }
    return new HistoryDiff(
        runId,
        from,
        to,
        HistoryDiff.changes(earlier.get(), f.snapshot()),
        List.copyOf(steps),
        List.copyOf(messages),
        truncated.get());
  }

  private static <T> void add(List<T> list, T item, AtomicBoolean truncated) {
    if (list.size() < HistoryDiff.MAX_ITEMS) {
      list.add(item);
    } else {
      truncated.set(true);
    }
  }

  /**
   * Replays a set of runs: those given, or the latest runs of an agent (optionally of one version),
   * each against {@code agentVersion} of its agent or its own version.
   *
   * @param tenantId tenant
   * @param runIds runs to replay (at most {@value #MAX_RUNS}), or empty to select by agent
   * @param agent the agent whose latest runs to replay, when no run ids are given
   * @param fromVersion only runs of this version, or null
   * @param limit most runs selected by agent
   * @param agentVersion the version to replay against, or null for each run's own
   * @return per-run reports and a summary
   */
  public ShadowReport shadow(
      String tenantId,
      List<UUID> runIds,
      String agent,
      Integer fromVersion,
      int limit,
      Integer agentVersion) {
    if (limit < 1 || limit > MAX_RUNS) {
      throw CairnException.invalid("limit", "must be between 1 and " + MAX_RUNS);
    }
    List<UUID> runs;
    if (!runIds.isEmpty()) {
      if (agent != null) {
        throw CairnException.invalid("agent", "give run ids or an agent, not both");
      }
      runs = List.copyOf(new LinkedHashSet<>(runIds));
      if (runs.size() > MAX_RUNS) {
        throw CairnException.invalid("runId", "at most " + MAX_RUNS + " runs");
      }
    } else if (agent != null) {
      runs = store.recentRuns(tenantId, agent, fromVersion, limit);
    } else {
      throw CairnException.invalid("runId", "give run ids or an agent");
    }
    List<ReplayReport> results = new ArrayList<>(runs.size());
    for (UUID run : runs) {
      try {
        results.add(replay(tenantId, run, agentVersion));
      } catch (CairnException e) {
        results.add(ReplayReport.error(run, e.getMessage()));
      }
    }
    return ShadowReport.of(agentVersion, results);
  }
}
