package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds a decision and its outcome into the run: the next snapshot plus what the checkpoint
 * records. Pure, like the decider; every status change goes through {@link RunTransitions}.
 */
public final class StepApplier {
  private final RetryPolicy retryPolicy;

  /**
   * Creates the applier.
   *
   * @param retryPolicy backoff for retryable model failures
   */
  public StepApplier(RetryPolicy retryPolicy) {
    this.retryPolicy = retryPolicy;
  }

  /**
   * Applies one step.
   *
   * @param run the run before the step (RUNNING)
   * @param decision what was decided
   * @param outcome what came back
   * @param now the commit time
   * @return the step's result
   */
  public StepResult apply(RunSnapshot run, Decision decision, StepOutcome outcome, Instant now) {
    return switch (decision) {
      case Decision.CallModel c -> applyModel(run, outcome, now);
      case Decision.CallTool t -> applyTool(run, t, (StepOutcome.ToolOutput) outcome, now);
      case Decision.RejectToolCall r -> applyReject(run, r, now);
      case Decision.Stop s -> applyStop(run, s, now);
    };
  }

  private StepResult applyModel(RunSnapshot run, StepOutcome outcome, Instant now) {
    ObjectNode decision = Json.object().put("type", "CALL_MODEL");
    decision.put("provider", run.spec().model().provider());
    if (outcome instanceof StepOutcome.ModelError error) {
      return applyModelError(run, decision, error, now);
    }
    StepOutcome.ModelAnswer answer = (StepOutcome.ModelAnswer) outcome;
    RunSnapshot.Usage usage =
        new RunSnapshot.Usage(
            run.usage().modelCalls() + 1,
            run.usage().toolCalls(),
            run.usage().inputTokens() + answer.inputTokens(),
            run.usage().outputTokens() + answer.outputTokens());
    Message message =
        new Message(
            run.messages().size(),
            run.nextSeq(),
            Message.Role.ASSISTANT,
            answer.text(),
            answer.toolCalls(),
            null,
            null);
    ObjectNode recorded = Json.object();
    recorded.put("text", answer.text());
    recorded.set("toolCalls", toolCallsJson(answer.toolCalls()));
    boolean finished = answer.toolCalls().isEmpty();
    RunEvent event = finished ? RunEvent.COMPLETE : RunEvent.STEP;
    RunSnapshot next =
        next(run, event, usage, run.invalidToolCalls(), 0, answer.toolCalls(), List.of(message));
    JsonNode result = finished ? Json.object().put("text", answer.text()) : null;
    return new StepResult(
        next,
        event,
        "MODEL_CALL",
        decision,
        recorded,
        answer.inputTokens(),
        answer.outputTokens(),
        List.of(message),
        null,
        null,
        now,
        result,
        null);
  }

  private StepResult applyModelError(
      RunSnapshot run, ObjectNode decision, StepOutcome.ModelError error, Instant now) {
    // A request that was never sent (a breaker refused it) is no attempt: the run just waits.
    int sent = error.notSent() ? 0 : 1;
    int attempt = run.retryAttempt() + sent;
    RunSnapshot.Usage usage =
        new RunSnapshot.Usage(
            run.usage().modelCalls() + sent,
            run.usage().toolCalls(),
            run.usage().inputTokens(),
            run.usage().outputTokens());
    boolean retry = error.notSent() || (error.retryable() && attempt < retryPolicy.maxAttempts());
    RunEvent event = retry ? RunEvent.WAIT_FOR_RETRY : RunEvent.FAIL;
    ObjectNode recorded = Json.object();
    recorded.put("error", error.message());
    recorded.put("retryable", error.retryable());
    recorded.put("attempt", attempt);
    Instant wakeAt = now;
    if (retry) {
      Duration wait =
          error.notSent()
              ? error.retryAfter()
              : retryPolicy.backoff(run.id(), attempt, error.retryAfter());
      wakeAt = now.plus(wait);
      recorded.put("retryAt", wakeAt.toString());
    }
    RunSnapshot next =
        next(run, event, usage, run.invalidToolCalls(), attempt, run.pendingToolCalls(), List.of());
    JsonNode errorJson =
        retry
            ? null
            : Json.object()
                .put("message", "model call failed: " + error.message())
                .put("attempts", attempt);
    return new StepResult(
        next,
        event,
        "MODEL_ERROR",
        decision,
        recorded,
        0,
        0,
        List.of(),
        null,
        retry ? "RETRY_BACKOFF" : null,
        wakeAt,
        null,
        errorJson);
  }

  private StepResult applyTool(
      RunSnapshot run, Decision.CallTool call, StepOutcome.ToolOutput output, Instant now) {
    ObjectNode decision = Json.object().put("type", "CALL_TOOL");
    decision.put("tool", call.call().name());
    decision.put("callId", call.call().id());
    decision.put("arguments", call.call().arguments());
    decision.put("sideEffect", call.sideEffect().name());
    decision.put("recovery", call.recovery());
    decision.put("idempotencyKey", run.nextIdempotencyKey());
    ObjectNode recorded = Json.object().put("output", output.output()).put("error", output.error());
    Message message = toolMessage(run, call.call(), output.output());
    RunSnapshot.Usage usage =
        new RunSnapshot.Usage(
            run.usage().modelCalls(),
            run.usage().toolCalls() + 1,
            run.usage().inputTokens(),
            run.usage().outputTokens());
    RunSnapshot next =
        next(
            run,
            RunEvent.STEP,
            usage,
            run.invalidToolCalls(),
            run.retryAttempt(),
            withoutCall(run.pendingToolCalls(), call.call()),
            List.of(message));
    return new StepResult(
        next,
        RunEvent.STEP,
        "TOOL_CALL",
        decision,
        recorded,
        0,
        0,
        List.of(message),
        new StepResult.ExecutedToolCall(
            call.call(), call.sideEffect().name(), output.output(), output.error()),
        null,
        now,
        null,
        null);
  }

  private StepResult applyReject(RunSnapshot run, Decision.RejectToolCall reject, Instant now) {
    ObjectNode decision = Json.object().put("type", "REJECT_TOOL_CALL");
    decision.put("tool", reject.call().name());
    decision.put("callId", reject.call().id());
    decision.put("reason", reject.reason());
    String text = "error: " + reject.reason();
    Message message = toolMessage(run, reject.call(), text);
    RunSnapshot next =
        next(
            run,
            RunEvent.STEP,
            run.usage(),
            run.invalidToolCalls() + 1,
            run.retryAttempt(),
            withoutCall(run.pendingToolCalls(), reject.call()),
            List.of(message));
    return new StepResult(
        next,
        RunEvent.STEP,
        "TOOL_REJECTED",
        decision,
        Json.object().put("toldModel", text),
        0,
        0,
        List.of(message),
        null,
        null,
        now,
        null,
        null);
  }

  private StepResult applyStop(RunSnapshot run, Decision.Stop stop, Instant now) {
    ObjectNode decision = Json.object().put("type", "STOP").put("event", stop.event().name());
    decision.put("reason", stop.reason());
    RunSnapshot next =
        next(
            run,
            stop.event(),
            run.usage(),
            run.invalidToolCalls(),
            run.retryAttempt(),
            run.pendingToolCalls(),
            List.of());
    JsonNode error = Json.object().put("code", next.status().name()).put("message", stop.reason());
    return new StepResult(
        next,
        stop.event(),
        "STOP",
        decision,
        Json.object(),
        0,
        0,
        List.of(),
        null,
        stop.event() == RunEvent.NEED_RECONCILIATION ? "RECONCILIATION" : null,
        now,
        null,
        error);
  }

  private static Message toolMessage(RunSnapshot run, ToolCallRequest call, String text) {
    return new Message(
        run.messages().size(),
        run.nextSeq(),
        Message.Role.TOOL,
        text,
        List.of(),
        call.id(),
        call.name());
  }

  private static List<ToolCallRequest> withoutCall(
      List<ToolCallRequest> pending, ToolCallRequest call) {
    List<ToolCallRequest> rest = new ArrayList<>(pending);
    rest.removeIf(p -> p.id().equals(call.id()));
    return List.copyOf(rest);
  }

  private static ArrayNode toolCallsJson(List<ToolCallRequest> calls) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (ToolCallRequest call : calls) {
      array
          .addObject()
          .put("id", call.id())
          .put("name", call.name())
          .put("arguments", call.arguments());
    }
    return array;
  }

  private static RunSnapshot next(
      RunSnapshot run,
      RunEvent event,
      RunSnapshot.Usage usage,
      int invalidToolCalls,
      int retryAttempt,
      List<ToolCallRequest> pending,
      List<Message> appended) {
    List<Message> messages = run.messages();
    if (!appended.isEmpty()) {
      messages = new ArrayList<>(run.messages());
      messages.addAll(appended);
      messages = List.copyOf(messages);
    }
    return new RunSnapshot(
        run.id(),
        run.tenantId(),
        run.agentName(),
        run.agentVersion(),
        run.spec(),
        RunTransitions.apply(run.status(), event),
        run.leaseEpoch(),
        run.nextSeq(),
        usage,
        invalidToolCalls,
        retryAttempt,
        0,
        List.copyOf(pending),
        messages,
        java.util.Optional.empty(),
        run.lastHash(),
        run.createdAt());
  }
}
