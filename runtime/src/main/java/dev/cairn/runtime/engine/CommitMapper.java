package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.persistence.store.CheckpointRow;
import dev.cairn.persistence.store.ControlWrites;
import dev.cairn.persistence.store.MessageRow;
import dev.cairn.persistence.store.RunUpdate;
import dev.cairn.persistence.store.StepCommit;
import dev.cairn.persistence.store.StepWrite;
import dev.cairn.persistence.store.SummaryRow;
import dev.cairn.persistence.store.SummaryWriter;
import dev.cairn.persistence.store.ToolCallRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a step's result into the rows one fenced transaction writes, hash-chaining the checkpoint.
 */
public final class CommitMapper {
  /** The actor of a step no person caused. */
  public static final String ENGINE = "engine";

  private CommitMapper() {}

  /**
   * Builds the commit.
   *
   * @param before the run before the step
   * @param result the step's result
   * @param node the lease owner
   * @param keepLease whether this node goes on with the next step
   * @param intentAt when a tool call was started, or null
   * @param now commit time
   * @param leaseExpiresAt the extended lease expiry when the lease is kept
   * @return the commit
   */
  public static StepCommit toCommit(
      RunSnapshot before,
      StepResult result,
      String node,
      boolean keepLease,
      Instant intentAt,
      Instant now,
      Instant leaseExpiresAt) {
    RunSnapshot next = result.next();
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    ObjectNode state = stateJson(next);
    String actor = actor(result.control());
    long cost = next.control().costMicros() - before.control().costMicros();
    String hash =
        CheckpointHash.of(
            new CheckpointHash.Fields(
                before.id(),
                next.stepCount(),
                before.tenantId(),
                result.kind(),
                actor,
                node,
                before.leaseEpoch(),
                CanonicalJson.sha256(result.decision()),
                CanonicalJson.sha256(result.outcome()),
                result.inputTokens(),
                result.outputTokens(),
                cost,
                next.status().name(),
                state,
                at,
                before.lastHash()));
    CheckpointRow checkpoint =
        new CheckpointRow(
            next.stepCount(),
            result.kind(),
            result.decision().toString(),
            result.outcome().toString(),
            result.inputTokens(),
            result.outputTokens(),
            next.status().name(),
            state.toString(),
            before.lastHash(),
            hash,
            actor,
            cost,
            CheckpointHash.ALGORITHM);
    boolean keep = keepLease && next.status() == RunStatus.RUNNING;
    RunUpdate update =
        new RunUpdate(
            next.status().name(),
            result.waitReason(),
            wakeAt(next.status(), keep, result.wakeAt()),
            SnapshotMapper.textOrNull(result.result()),
            SnapshotMapper.textOrNull(result.error()),
            next.stepCount(),
            next.usage().modelCalls(),
            next.usage().toolCalls(),
            next.usage().inputTokens(),
            next.usage().outputTokens(),
            next.invalidToolCalls(),
            next.retryAttempt(),
            SnapshotMapper.writeCalls(next.pendingToolCalls()),
            hash,
            next.control().attention(),
            next.control().costMicros(),
            next.control().reserved().calls(),
            next.control().reserved().tokens(),
            next.control().reserved().costMicros(),
            budgetChanged(before, next) ? Json.write(next.control().budget()) : null,
            budgetChanged(before, next) ? next.control().deadline() : null,
            keep,
            leaseExpiresAt,
            next.status().isTerminal() ? at : null);
    List<MessageRow> messages = result.newMessages().stream().map(CommitMapper::toRow).toList();
    ToolCallRecord toolCall = null;
    if (result.toolCall() != null) {
      StepResult.ExecutedToolCall t = result.toolCall();
      toolCall =
          new ToolCallRecord(
              t.call().id(),
              t.call().name(),
              t.sideEffect(),
              before.nextIdempotencyKey(),
              argumentsJson(t.call().arguments()),
              t.output(),
              t.error(),
              intentAt == null ? at : intentAt);
    }
    return new StepCommit(
        before.id(),
        before.tenantId(),
        node,
        before.leaseEpoch(),
        at,
        update,
        checkpoint,
        messages,
        toolCall,
        StepEvents.of(before, result),
        toWrites(result.control()),
        writes(result));
  }

  /** The step's capability writes, and the summary a SUMMARY step made. */
  private static List<StepWrite> writes(StepResult result) {
    ConversationSummary s = result.next().summary();
    if (!SummaryApplier.KIND.equals(result.kind()) || s == null) {
      return result.writes();
    }
    List<StepWrite> writes = new java.util.ArrayList<>(result.writes());
    writes.add(
        new SummaryWriter(
            new SummaryRow(s.seq(), s.fromIdx(), s.toIdx(), s.text(), s.assistantTurns())));
    return writes;
  }

  private static ControlWrites toWrites(ControlChanges c) {
    if (c == null) {
      return null;
    }
    return new ControlWrites(
        c.commands().stream()
            .map(r -> new ControlWrites.CommandResult(r.id(), r.state(), r.outcome()))
            .toList(),
        c.newApprovals().stream()
            .map(
                a ->
                    new ControlWrites.NewApproval(
                        a.id(), a.toolCallId(), a.toolName(), a.argumentsJson(), a.argumentsHash()))
            .toList(),
        c.approvalUpdates().stream()
            .map(u -> new ControlWrites.ApprovalUpdate(u.id(), u.state(), u.actor(), u.reason()))
            .toList(),
        c.reconciledIntent() == null
            ? null
            : new ControlWrites.IntentResult(
                c.reconciledIntent().result(), c.reconciledIntent().error()));
  }

  private static boolean budgetChanged(RunSnapshot before, RunSnapshot next) {
    return !next.control().budget().equals(before.control().budget());
  }

  /**
   * The run's new claim time, or null to leave it. A run that goes on under its kept lease keeps
   * the time it became runnable, so its row update touches no indexed column and stays a HOT
   * update; a run that waits gets its timer, and one that gives its lease back (end of its turn, or
   * finished) goes to the back of the queue.
   */
  static Instant wakeAt(RunStatus status, boolean keptLease, Instant wakeAt) {
    return status == RunStatus.RUNNING && keptLease ? null : wakeAt;
  }

  /**
   * The tool-call arguments as a JSON document for the ledger (malformed text is wrapped).
   *
   * @param arguments the model's arguments text
   * @return valid JSON text
   */
  public static String argumentsJson(String arguments) {
    return Json.tryParse(arguments)
        .map(Object::toString)
        .orElseGet(() -> Json.object().put("raw", String.valueOf(arguments)).toString());
  }

  private static MessageRow toRow(Message m) {
    return new MessageRow(
        m.idx(),
        m.seq(),
        m.role().name(),
        m.content(),
        m.role() == Message.Role.ASSISTANT ? SnapshotMapper.writeCalls(m.toolCalls()) : null,
        m.toolCallId(),
        m.toolName());
  }

  /**
   * Who caused a step: the operators whose commands or approval decisions it applied, else the
   * engine.
   */
  static String actor(ControlChanges control) {
    if (control == null) {
      return ENGINE;
    }
    Set<String> actors = new TreeSet<>();
    control.commands().forEach(c -> actors.add(c.actor()));
    control.approvalUpdates().stream()
        .map(ControlChanges.ApprovalUpdate::actor)
        .filter(Objects::nonNull)
        .forEach(actors::add);
    return actors.isEmpty() ? ENGINE : String.join(",", actors);
  }

  private static ObjectNode stateJson(RunSnapshot next) {
    ObjectNode state = Json.object();
    state.put("status", next.status().name());
    state.put("stepCount", next.stepCount());
    state.put("modelCalls", next.usage().modelCalls());
    state.put("toolCalls", next.usage().toolCalls());
    state.put("inputTokens", next.usage().inputTokens());
    state.put("outputTokens", next.usage().outputTokens());
    state.put("costMicros", next.control().costMicros());
    state.put("pendingToolCalls", next.pendingToolCalls().size());
    state.put("messages", next.nextMessageIdx());
    return state;
  }
}
