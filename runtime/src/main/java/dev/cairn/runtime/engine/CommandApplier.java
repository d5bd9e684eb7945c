package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies pending operator commands as one step, in the order they were accepted: each is checked
 * against the status the run really has at that point (the API checked it against the status it
 * expected), applied through the transition table, or refused with the reason. Pure.
 */
final class CommandApplier {
  private static final String RETRY_BACKOFF = "RETRY_BACKOFF";

  /** The run as the fold goes, plus what the step writes. */
  private static final class Fold {
    RunSnapshot run;
    final List<Message> messages = new ArrayList<>();
    final List<ControlChanges.CommandResult> results = new ArrayList<>();
    final List<ControlChanges.ApprovalUpdate> approvals = new ArrayList<>();
    ControlChanges.IntentResult reconciled;
    JsonNode error;
    RunEvent lastEvent;

    Fold(RunSnapshot run) {
      this.run = run;
    }
  }

  StepResult apply(RunSnapshot before, Decision.ApplyCommands decision, Instant now) {
    RunSnapshot start = before;
    if (decision.abandonedCall() != null) {
      // The interrupted call may have been paid for: its reservation is charged.
      Reservation r = before.control().reserved();
      start =
          before.withUsage(
              new RunSnapshot.Usage(
                  before.usage().modelCalls() + r.calls(),
                  before.usage().toolCalls(),
                  before.usage().inputTokens() + r.tokens(),
                  before.usage().outputTokens()),
              before
                  .control()
                  .withSpend(
                      before.control().costMicros() + r.costMicros(), Reservation.NONE, true));
    }
    Fold fold = new Fold(start);
    ObjectNode decisionJson = Json.object().put("type", "APPLY_COMMANDS");
    ArrayNode ids = decisionJson.putArray("commands");
    ArrayNode outcomes = Json.MAPPER.createArrayNode();
    for (OperatorCommand command : decision.commands()) {
      ids.add(command.id().toString());
      Optional<String> refused = applyOne(fold, command, before, decision.abandonedCall(), now);
      String state = refused.isPresent() ? "REJECTED" : "APPLIED";
      String outcome = refused.orElse(command.kind().name().toLowerCase() + " applied");
      fold.results.add(
          new ControlChanges.CommandResult(
              command.id(), command.kind(), command.actor(), state, outcome));
      outcomes
          .addObject()
          .put("id", command.id().toString())
          .put("seq", command.seq())
          .put("kind", command.kind().name())
          .put("actor", command.actor())
          .put("state", state)
          .put("outcome", outcome);
    }
    if (decision.abandonedCall() != null) {
      decisionJson.put("abandonedCall", decision.abandonedCall());
    }
    RunSnapshot run = fold.run;
    List<Message> appended = List.copyOf(fold.messages);
    List<Message> messages = new ArrayList<>(before.messages());
    messages.addAll(appended);
    RunSnapshot next =
        new RunSnapshot(
            run.id(),
            run.tenantId(),
            run.agentName(),
            run.agentVersion(),
            run.spec(),
            run.status(),
            run.leaseEpoch(),
            before.nextSeq(),
            StepApplier.charged(before, run.usage()),
            run.invalidToolCalls(),
            run.retryAttempt(),
            0,
            run.pendingToolCalls(),
            List.copyOf(messages),
            Optional.empty(),
            run.lastHash(),
            run.createdAt(),
            chargeLost(before, run.control()),
            before.summary());
    RunEvent event = fold.lastEvent == null ? RunEvent.STEP : fold.lastEvent;
    return new StepResult(
        next,
        event,
        "COMMANDS",
        decisionJson,
        Json.object().set("commands", outcomes),
        0,
        0,
        appended,
        null,
        keepsWait(next) ? next.control().waitReason() : null,
        keepsWait(next) ? next.control().wakeAt() : now,
        null,
        fold.error,
        new ControlChanges(
            List.copyOf(fold.results), List.of(), List.copyOf(fold.approvals), fold.reconciled));
  }

  /** A waiting run keeps its wait; a paused one keeps a retry time for its resume. */
  private static boolean keepsWait(RunSnapshot run) {
    return run.control().wakeAt() != null
        && (run.status() == RunStatus.WAITING
            || (run.status() == RunStatus.PAUSED
                && RETRY_BACKOFF.equals(run.control().waitReason())));
  }

  private static RunSnapshot.Control chargeLost(RunSnapshot before, RunSnapshot.Control control) {
    Reservation lost = StepDecider.lostReservation(before);
    return control.withSpend(control.costMicros() + lost.costMicros(), Reservation.NONE, true);
  }

  /** Applies one command to the fold; returns why it was refused, if it was. */
  private Optional<String> applyOne(
      Fold fold, OperatorCommand command, RunSnapshot before, String abandoned, Instant now) {
    RunSnapshot run = fold.run;
    Optional<String> conflict = CommandRules.conflict(run.status(), command.kind());
    if (conflict.isPresent()) {
      return conflict;
    }
    JsonNode payload = command.payload();
    switch (command.kind()) {
      case PAUSE -> {
        transition(fold, RunEvent.PAUSE);
        // A pause during a retry backoff keeps the provider's requested time for the resume.
        RunSnapshot.Control c = fold.run.control();
        boolean backoff = RETRY_BACKOFF.equals(c.waitReason());
        fold.run =
            fold.run.withControl(
                c.withWait(backoff ? c.waitReason() : null, backoff ? c.wakeAt() : null)
                    .withAttention("paused by " + command.actor()));
      }
      case RESUME -> {
        transition(fold, RunEvent.RESUME);
        RunSnapshot.Control c = fold.run.control().withAttention(null);
        if (RETRY_BACKOFF.equals(c.waitReason()) && c.wakeAt().isAfter(now)) {
          // Resumed before the retry time it was waiting for: it waits out the rest.
          transition(fold, RunEvent.WAIT_FOR_RETRY);
          fold.run = fold.run.withControl(c);
        } else {
          fold.run = withRetryAttempt(fold.run, 0).withControl(c.withWait(null, null));
        }
      }
      case CANCEL -> {
        transition(fold, RunEvent.CANCEL);
        fold.run =
            fold.run.withControl(fold.run.control().withWait(null, null).withAttention(null));
        fold.error = cancelReport(before, command, abandoned);
      }
      case STEER -> {
        String text = payload.path("text").asText("");
        fold.messages.add(
            new Message(
                before.nextMessageIdx() + fold.messages.size(),
                before.nextSeq(),
                Message.Role.SYSTEM,
                "Guidance from an operator: " + text,
                List.of(),
                null,
                null));
      }
      case APPROVE, REJECT -> {
        return decideApproval(fold, command);
      }
      case RETRY -> {
        transition(fold, RunEvent.RETRY);
        fold.run =
            withRetryAttempt(fold.run, 0).withControl(fold.run.control().withAttention(null));
        fold.error = null;
      }
      case RECONCILE -> {
        return reconcile(fold, command, before);
      }
      case RAISE_BUDGET -> raiseBudget(fold, payload);
    }
    return Optional.empty();
  }

  private static void transition(Fold fold, RunEvent event) {
    fold.run = fold.run.withStatus(RunTransitions.take(fold.run.status(), event));
    fold.lastEvent = event;
  }

  private static Optional<String> decideApproval(Fold fold, OperatorCommand command) {
    String approvalId = command.payload().path("approvalId").asText("");
    RunSnapshot run = fold.run;
    Optional<ToolApproval> found =
        run.control().approvals().stream()
            .filter(a -> a.id().toString().equals(approvalId))
            .findFirst();
    if (found.isEmpty() || !ToolApproval.PENDING.equals(found.get().state())) {
      return Optional.of("approval " + approvalId + " is not pending");
    }
    ToolApproval approval = found.get();
    boolean approve = command.kind() == CommandKind.APPROVE;
    if (approve
        && !approval.argumentsHash().equals(command.payload().path("argumentsHash").asText(""))) {
      return Optional.of("the approval's arguments hash does not match the call; refused");
    }
    String reason = approve ? null : command.payload().path("reason").asText(null);
    String state = approve ? ToolApproval.APPROVED : ToolApproval.REJECTED;
    List<ToolApproval> approvals = new ArrayList<>(run.control().approvals());
    approvals.replaceAll(a -> a.id().equals(approval.id()) ? a.with(state, reason) : a);
    fold.approvals.add(
        new ControlChanges.ApprovalUpdate(approval.id(), state, command.actor(), reason));
    fold.run = run.withControl(run.control().withApprovals(approvals));
    boolean stillWaiting = approvals.stream().anyMatch(a -> ToolApproval.PENDING.equals(a.state()));
    if (fold.run.status() == RunStatus.WAITING
        && "APPROVAL".equals(fold.run.control().waitReason())
        && !stillWaiting) {
      transition(fold, RunEvent.WAKE);
      fold.run = fold.run.withControl(fold.run.control().withWait(null, null).withAttention(null));
    }
    return Optional.empty();
  }

  private static Optional<String> reconcile(
      Fold fold, OperatorCommand command, RunSnapshot before) {
    RunSnapshot run = fold.run;
    if (run.pendingToolCalls().isEmpty()) {
      return Optional.of("the run has no uncertain call to reconcile");
    }
    ToolCallRequest call = run.pendingToolCalls().getFirst();
    boolean happened = command.payload().path("happened").asBoolean(false);
    String note = command.payload().path("note").asText("");
    String text =
        (happened
                ? "An operator reports that this call took effect."
                : "An operator reports that this call did not take effect; it was not run again.")
            + (note.isBlank() ? "" : " Note: " + note);
    transition(fold, RunEvent.RECONCILE);
    fold.messages.add(
        new Message(
            before.nextMessageIdx() + fold.messages.size(),
            before.nextSeq(),
            Message.Role.TOOL,
            text,
            List.of(),
            call.id(),
            call.name()));
    fold.reconciled = new ControlChanges.IntentResult(text, !happened);
    fold.run =
        withPending(fold.run, StepApplier.withoutCall(run.pendingToolCalls(), call))
            .withControl(fold.run.control().withAttention(null));
    return Optional.empty();
  }

  private static void raiseBudget(Fold fold, JsonNode p) {
    AgentSpec.Budget b = fold.run.control().budget();
    AgentSpec.Budget raised =
        new AgentSpec.Budget(
            Math.max(b.maxSteps(), p.path("maxSteps").asInt(b.maxSteps())),
            Math.max(b.maxModelCalls(), p.path("maxModelCalls").asInt(b.maxModelCalls())),
            Math.max(b.maxTokens(), p.path("maxTokens").asLong(b.maxTokens())),
            b.maxInvalidToolCalls(),
            p.hasNonNull("maxCostMicros") && b.maxCostMicros() != null
                ? Long.valueOf(Math.max(b.maxCostMicros(), p.get("maxCostMicros").asLong()))
                : b.maxCostMicros(),
            p.hasNonNull("maxDurationSeconds")
                ? Long.valueOf(
                    Math.max(
                        b.maxDurationSeconds() == null ? 0 : b.maxDurationSeconds(),
                        p.get("maxDurationSeconds").asLong()))
                : b.maxDurationSeconds(),
            b.onBreach(),
            b.onRetriesExhausted());
    Instant deadline =
        raised.maxDurationSeconds() == null
            ? null
            : fold.run.createdAt().plusSeconds(raised.maxDurationSeconds());
    fold.run = fold.run.withControl(fold.run.control().withBudget(raised, deadline));
  }

  private static JsonNode cancelReport(
      RunSnapshot before, OperatorCommand command, String abandoned) {
    ObjectNode error =
        Json.object().put("code", "CANCELLED").put("message", "cancelled by " + command.actor());
    ObjectNode report = error.putObject("report");
    report.put("stepsCompleted", before.stepCount());
    Reservation lost = StepDecider.lostReservation(before);
    if (abandoned == null && lost.calls() > 0) {
      // A replica that stopped answering held this run, with a model call reserved: it may have
      // been in flight, and it is charged at its reservation.
      abandoned = "model call of step " + before.nextSeq() + " by a replica that stopped answering";
    }
    report.put("abandonedCall", abandoned);
    ArrayNode uncertain = report.putArray("uncertainEffects");
    before
        .openIntent()
        .ifPresent(
            i ->
                uncertain
                    .addObject()
                    .put("tool", i.call().name())
                    .put("callId", i.call().id())
                    .put("sideEffect", i.sideEffect().name())
                    .put("idempotencyKey", before.id() + ":" + i.seq()));
    if (before.status() == RunStatus.NEEDS_RECONCILIATION && !before.pendingToolCalls().isEmpty()) {
      ToolCallRequest call = before.pendingToolCalls().getFirst();
      uncertain.addObject().put("tool", call.name()).put("callId", call.id());
    }
    ArrayNode notRun = report.putArray("toolCallsNotRun");
    for (ToolCallRequest call : before.pendingToolCalls()) {
      notRun.addObject().put("tool", call.name()).put("callId", call.id());
    }
    return error;
  }

  private static RunSnapshot withRetryAttempt(RunSnapshot r, int attempt) {
    return r.copy().retryAttempt(attempt).consecutiveRecoveries(0).build();
  }

  private static RunSnapshot withPending(RunSnapshot r, List<ToolCallRequest> pending) {
    return r.copy().pendingToolCalls(pending).consecutiveRecoveries(0).build();
  }
}
