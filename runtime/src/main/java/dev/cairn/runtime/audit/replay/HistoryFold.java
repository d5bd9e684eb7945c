package dev.cairn.runtime.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.CheckpointRow;
import dev.cairn.persistence.store.HistoryRow;
import dev.cairn.persistence.store.HistoryStore;
import dev.cairn.persistence.store.MessageRow;
import dev.cairn.persistence.store.RunOriginRow;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.CommandKind;
import dev.cairn.runtime.engine.CommitMapper;
import dev.cairn.runtime.engine.Decision;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.Message;
import dev.cairn.runtime.engine.OperatorCommand;
import dev.cairn.runtime.engine.Reservation;
import dev.cairn.runtime.engine.RunDriver;
import dev.cairn.runtime.engine.RunEvent;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.RunStatus;
import dev.cairn.runtime.engine.RunTransitions;
import dev.cairn.runtime.engine.SnapshotMapper;
import dev.cairn.runtime.engine.StepOutcome;
import dev.cairn.runtime.engine.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Folds a run's history: starts from the run as submitted and, for each checkpoint in seq order,
 * decides (pure), rebuilds the recorded outcome, applies (pure) and checks decision, outcome,
 * status and state against the record. Checkpoints are streamed, so a long history is never held;
 * only the run's snapshot is. Makes no model or tool call: the fold holds no port that could.
 */
@ApplicationScoped
public class HistoryFold {
  /** The {@code untilSeq} of a fold over the whole recorded history. */
  public static final int TO_END = Integer.MAX_VALUE;

  /** Lease owner name of replayed commits (never written). */
  static final String REPLAY_NODE = "replay";

  private final HistoryStore store;
  private final ReplayEngines engines;

  /**
   * Creates the fold.
   *
   * @param store history reads
   * @param engines the engine parts of this build
   */
  public HistoryFold(HistoryStore store, ReplayEngines engines) {
    this.store = store;
    this.engines = engines;
  }

  /**
   * The run's state after {@code seq}, folded from its history with this build's engine and checked
   * against the record at every step.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param seq the seq (0 for the run as submitted)
   * @return the engine's snapshot after {@code seq}
   * @throws CairnException not found (run), invalid (seq out of range) or conflict (the history
   *     does not fold to {@code seq}: it diverges or was pruned before)
   */
  public RunSnapshot stateAt(String tenantId, UUID runId, int seq) {
    Folded folded = fold(tenantId, runId, seq, null, engines.current(), StepObserver.NONE);
    if (folded.divergence() != null) {
      Divergence d = folded.divergence();
      throw CairnException.conflict(
          "the history does not fold to seq "
              + seq
              + ": it diverges at seq "
              + d.seq()
              + " ("
              + d.field()
              + ")");
    }
    if (folded.lastSeq() != seq) {
      throw CairnException.conflict(
          "the history does not fold to seq " + seq + ": " + folded.incomplete());
    }
    return folded.snapshot();
  }

  /**
   * Folds a run's history up to a seq.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param untilSeq the last seq to fold, or {@link #TO_END}; must not exceed the run's last seq
   * @param agentVersion the definition version to fold with, or null for the run's own
   * @param engine the engine parts
   * @param observer sees each matched step
   * @return where the fold ended
   * @throws CairnException not found (run or version) or invalid (seq out of range)
   */
  public Folded fold(
      String tenantId,
      UUID runId,
      int untilSeq,
      Integer agentVersion,
      FoldEngine engine,
      StepObserver observer) {
    RunOriginRow origin =
        store
            .origin(tenantId, runId)
            .orElseThrow(() -> CairnException.notFound("run " + runId + " does not exist"));
    int until = untilSeq == TO_END ? origin.stepCount() : untilSeq;
    if (until < 0 || until > origin.stepCount()) {
      throw CairnException.invalid(
          "seq", "must be between 0 and the run's last seq (" + origin.stepCount() + ")");
    }
    int version = agentVersion == null ? origin.agentVersion() : agentVersion;
    AgentSpec spec = SnapshotMapper.readSpec(specJson(tenantId, origin, agentVersion));
    State state = new State(initial(origin, spec, version, engine));
    if (origin.budgetUnknown() && version == origin.agentVersion()) {
      state.incomplete =
          "the run's budget was raised before submitted budgets were kept; its start is unknown";
    } else if (until > 0) {
      store.stream(tenantId, runId, 1, until, row -> state.take(row, engine, observer, until));
      if (state.divergence == null && state.incomplete == null && state.lastSeq < until) {
        state.incomplete = "the history ends at seq " + state.lastSeq;
      }
    }
    return new Folded(
        runId,
        origin.agentName(),
        origin.agentVersion(),
        version,
        state.run,
        state.lastSeq,
        origin.stepCount(),
        state.replayed,
        state.divergence,
        state.incomplete);
  }

  private String specJson(String tenantId, RunOriginRow origin, Integer agentVersion) {
    if (agentVersion == null || agentVersion == origin.agentVersion()) {
      return origin.specJson();
    }
    return store
        .definition(tenantId, origin.agentName(), agentVersion)
        .orElseThrow(
            () ->
                CairnException.notFound(
                    "agent " + origin.agentName() + " has no version " + agentVersion));
  }

  /** The run as submitted: queued, nothing used, its input as the conversation. */
  static RunSnapshot initial(RunOriginRow origin, AgentSpec spec, int version, FoldEngine engine) {
    boolean ownVersion = version == origin.agentVersion();
    AgentSpec.Budget budget =
        ownVersion && origin.budgetJson() != null
            ? SnapshotMapper.readBudget(origin.budgetJson())
            : spec.budget();
    Instant deadline =
        budget.maxDurationSeconds() == null
            ? null
            : origin.createdAt().plusSeconds(budget.maxDurationSeconds());
    List<Message> input = new ArrayList<>(origin.input().size());
    for (MessageRow m : origin.input()) {
      input.add(
          new Message(
              m.idx(),
              m.seq(),
              Message.Role.valueOf(m.role()),
              m.content(),
              m.toolCallsJson() == null ? List.of() : SnapshotMapper.readCalls(m.toolCallsJson()),
              m.toolCallId(),
              m.toolName()));
    }
    RunSnapshot.Control control =
        new RunSnapshot.Control(
            null,
            null,
            budget,
            deadline,
            0,
            Reservation.NONE,
            true,
            List.of(),
            null,
            dev.cairn.runtime.engine.ModelRoute.ceilingPrice(spec, engine.prices()));
    return new RunSnapshot(
        origin.id(),
        origin.tenantId(),
        origin.agentName(),
        version,
        spec,
        RunStatus.QUEUED,
        0,
        0,
        new RunSnapshot.Usage(0, 0, 0, 0),
        0,
        0,
        0,
        List.of(),
        List.copyOf(input),
        Optional.empty(),
        null,
        origin.createdAt(),
        control);
  }

  /** The fold in progress. */
  private static final class State {
    RunSnapshot run;
    int lastSeq;
    int replayed;
    Divergence divergence;
    String incomplete;

    State(RunSnapshot run) {
      this.run = run;
    }

    boolean take(HistoryRow row, FoldEngine engine, StepObserver observer, int untilSeq) {
      if (row.seq() != lastSeq + 1) {
        divergence =
            Divergence.of(
                lastSeq + 1, "seq", "checkpoint " + row.seq(), "checkpoint " + (lastSeq + 1));
        return false;
      }
      if (row.decisionJson() == null || row.outcomeJson() == null) {
        incomplete = "cannot replay past seq " + lastSeq + ": payload pruned";
        return false;
      }
      RunSnapshot before = run;
      Step step = replay(before, row, engine);
      if (step.divergence() != null) {
        divergence = step.divergence();
        return false;
      }
      run = step.after();
      lastSeq = row.seq();
      replayed++;
      observer.step(row, before, step.result(), run);
      return lastSeq < untilSeq;
    }
  }

  /** A replayed step: its result and the run after it, or where it differs from the record. */
  record Step(StepResult result, RunSnapshot after, Divergence divergence) {
    static Step diverged(Divergence d) {
      return new Step(null, null, d);
    }
  }

  /** Replays one recorded step on {@code before}. */
  static Step replay(RunSnapshot before, HistoryRow row, FoldEngine engine) {
    int seq = row.seq();
    JsonNode recordedDecision = Json.parse(row.decisionJson());
    String recordedType = recordedDecision.path("type").asText("");
    List<OperatorCommand> commands = commands(row.commandsJson());
    String abandoned =
        "APPLY_COMMANDS".equals(recordedType) && recordedDecision.hasNonNull("abandonedCall")
            ? recordedDecision.get("abandonedCall").asText()
            : null;
    boolean commandStep = !commands.isEmpty() && abandoned == null;
    Instant now = row.createdAt();
    RunSnapshot run = commandStep ? before : claimed(before);
    Decision decision;
    try {
      decision =
          engine.decider().decide(run, commandStep ? commands : List.of(), now, engine.tools());
    } catch (RuntimeException e) {
      return Step.diverged(
          Divergence.of(seq, "decision", recordedType, "the decider failed: " + e.getMessage()));
    }
    if (decision instanceof Decision.CallModel call && call.reserveFirst()) {
      run = RunDriver.withReservation(run, call);
    }
    if (abandoned != null) {
      if (!(decision instanceof Decision.CallModel)) {
        return Step.diverged(
            Divergence.of(
                seq,
                "decision.type",
                "CALL_MODEL (abandoned by a cancel)",
                typeOf(decision) + " " + decision));
      }
      decision = new Decision.ApplyCommands(commands, abandoned);
    }
    String replayedType = typeOf(decision);
    if (!replayedType.equals(recordedType)) {
      return Step.diverged(
          Divergence.of(
              seq, "decision.type", recordedType, replayedType + " " + decision.toString()));
    }
    StepOutcome outcome = RecordedOutcomes.of(decision, row, Json.parse(row.outcomeJson()));
    StepResult result;
    CheckpointRow replayed;
    try {
      result = engine.applier().apply(run, decision, outcome, now);
      replayed =
          CommitMapper.toCommit(run, result, REPLAY_NODE, false, null, now, now).checkpoint();
    } catch (RuntimeException e) {
      return Step.diverged(
          Divergence.of(seq, "apply", row.kind(), "the applier failed: " + e.getMessage()));
    }
    Optional<Divergence> differs = StepComparison.compare(row, replayed);
    if (differs.isPresent()) {
      return Step.diverged(differs.get());
    }
    return new Step(result, asStored(result).withLastHash(row.hash()), null);
  }

  /**
   * The run as the next claim would load it: the wait its row holds and no attention (the claim
   * does not read it).
   */
  static RunSnapshot asStored(StepResult result) {
    RunSnapshot next = result.next();
    String reason = result.waitReason();
    return next.withControl(
        next.control()
            .withWait(reason, reason == null ? null : result.wakeAt())
            .withAttention(null));
  }

  /** The run as a worker starts it: a queued run starts, a waiting one wakes. */
  static RunSnapshot claimed(RunSnapshot run) {
    return switch (run.status()) {
      case QUEUED -> run.withStatus(RunTransitions.take(run.status(), RunEvent.START));
      case WAITING -> run.withStatus(RunTransitions.take(run.status(), RunEvent.WAKE));
      default -> run;
    };
  }

  /** The type a decision records. */
  static String typeOf(Decision decision) {
    return switch (decision) {
      case Decision.CallModel c -> c.summarizes() ? "SUMMARIZE" : "CALL_MODEL";
      case Decision.CallTool t -> "CALL_TOOL";
      case Decision.RejectToolCall r -> "REJECT_TOOL_CALL";
      case Decision.AwaitApproval a -> "AWAIT_APPROVAL";
      case Decision.ApplyCommands a -> "APPLY_COMMANDS";
      case Decision.Stop s -> "STOP";
    };
  }

  private static List<OperatorCommand> commands(String json) {
    if (json == null) {
      return List.of();
    }
    List<OperatorCommand> commands = new ArrayList<>();
    for (JsonNode c : Json.parse(json)) {
      JsonNode payload = c.path("payload");
      commands.add(
          new OperatorCommand(
              UUID.fromString(c.path("id").asText()),
              c.path("seq").asLong(),
              CommandKind.valueOf(c.path("kind").asText()),
              payload.isObject() ? payload : Json.object(),
              c.path("actor").asText()));
    }
    return List.copyOf(commands);
  }
}
