package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds a decision and its outcome into the run: the next snapshot plus what the checkpoint
 * records. Pure, like the decider; every status change goes through {@link RunTransitions}. After
 * every step the budget is settled: a run that goes on reserves its next model call's worst case in
 * the same commit, or stops right there when that no longer fits, so a budget of N steps writes N
 * checkpoints and no call starts that the budget cannot pay for.
 */
public final class StepApplier {
  /** Wake time of a run that waits for a person and has no deadline. */
  public static final Instant NEVER = Instant.parse("9999-01-01T00:00:00Z");

  private final RetryPolicy retryPolicy;
  private final ContextPolicy context;
  private final CommandApplier commands = new CommandApplier();
  private final ResultSchemas results = new ResultSchemas();

  /**
   * Creates the applier for conversations sent whole.
   *
   * @param retryPolicy backoff for retryable model failures
   */
  public StepApplier(RetryPolicy retryPolicy) {
    this(retryPolicy, ContextPolicy.NONE);
  }

  /**
   * Creates the applier.
   *
   * @param retryPolicy backoff for retryable model failures
   * @param context when older turns are summarised (the next call's reservation depends on it)
   */
  public StepApplier(RetryPolicy retryPolicy, ContextPolicy context) {
    this.retryPolicy = retryPolicy;
    this.context = context;
  }

  /**
   * Applies one step.
   *
   * @param run the run before the step
   * @param decision what was decided
   * @param outcome what came back
   * @param now the commit time
   * @return the step's result
   */
  public StepResult apply(RunSnapshot run, Decision decision, StepOutcome outcome, Instant now) {
    StepResult result =
        switch (decision) {
          case Decision.CallModel c when c.summarizes() ->
              SummaryApplier.apply(run, c.summary(), outcome, now, this::applyModelError);
          case Decision.CallModel c -> applyModel(run, outcome, now);
          case Decision.CallTool t -> applyTool(run, t, (StepOutcome.ToolOutput) outcome, now);
          case Decision.RejectToolCall r -> applyReject(run, r, now);
          case Decision.AwaitApproval a -> applyAwaitApproval(run, a, now);
          case Decision.ApplyCommands a -> commands.apply(run, a, now);
          case Decision.Stop s -> applyStop(run, s, now);
        };
    return settleBudget(run, result, now);
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
    long cost = ModelCall.costMicros(answer, run.control().price());
    Message message =
        new Message(
            run.nextMessageIdx(),
            run.nextSeq(),
            Message.Role.ASSISTANT,
            answer.text(),
            answer.toolCalls(),
            null,
            null);
    ObjectNode recorded = Json.object();
    recorded.put("text", answer.text());
    recorded.set("toolCalls", toolCallsJson(answer.toolCalls()));
    recorded.put("costMicros", cost);
    if (answer.call() != null) {
      recorded.set("call", answer.call().toJson());
    }
    boolean finished = answer.toolCalls().isEmpty();
    JsonNode structured = null;
    AgentSpec.ResultSpec wanted = run.spec().result();
    if (finished && wanted != null) {
      ResultSchemas.Verdict verdict = results.check(wanted.schema(), answer.text());
      if (!verdict.conforms()) {
        return ResultRejection.apply(
            run,
            wanted,
            verdict,
            new ResultRejection.Answer(decision, recorded, usage, cost),
            message,
            answer,
            now);
      }
      structured = verdict.value();
    }
    RunEvent event = finished ? RunEvent.COMPLETE : RunEvent.STEP;
    RunSnapshot next =
        addCost(
            next(
                run, event, usage, run.invalidToolCalls(), 0, answer.toolCalls(), List.of(message)),
            cost);
    JsonNode result =
        !finished
            ? null
            : structured != null ? structured : Json.object().put("text", answer.text());
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

  /** Applies a failed model call, summary calls included (they retry and fail alike). */
  StepResult applyModelError(
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
    boolean pause = !retry && error.retryable() && !run.control().budget().failsWhenRetriesRunOut();
    RunEvent event = retry ? RunEvent.WAIT_FOR_RETRY : pause ? RunEvent.PAUSE : RunEvent.FAIL;
    ObjectNode recorded = Json.object();
    recorded.put("error", error.message());
    recorded.put("retryable", error.retryable());
    recorded.put("attempt", attempt);
    // What replay needs to rebuild the outcome; absent when false or not given.
    if (error.notSent()) {
      recorded.put("notSent", true);
    }
    if (error.retryAfter() != null) {
      recorded.put("retryAfterMs", error.retryAfter().toMillis());
    }
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
    if (pause) {
      next =
          next.withControl(
              next.control()
                  .withAttention(
                      "model call failed "
                          + attempt
                          + " times ("
                          + error.message()
                          + "); resume to try again"));
    }
    JsonNode errorJson =
        retry || pause
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
    if (call.approvalId() != null) {
      decision.put("approvalId", call.approvalId().toString());
    }
    ObjectNode recorded = Json.object().put("output", output.output()).put("error", output.error());
    StepOutcome.Effects effects = output.effects();
    if (effects.recorded() != null) {
      recorded.set("effects", effects.recorded());
    }
    if (effects.waitFor() != null) {
      return applySuspend(run, decision, recorded, effects, now);
    }
    Message message = toolMessage(run, call.call(), output.output());
    StepOutcome.Charge charge = effects.charge();
    if (!charge.isNone()) {
      recorded.set("charge", Json.MAPPER.valueToTree(charge));
    }
    RunSnapshot.Usage usage =
        new RunSnapshot.Usage(
            run.usage().modelCalls() + charge.modelCalls(),
            run.usage().toolCalls() + 1 + charge.toolCalls(),
            run.usage().inputTokens() + charge.inputTokens(),
            run.usage().outputTokens() + charge.outputTokens());
    RunSnapshot next =
        next(
            run,
            RunEvent.STEP,
            usage,
            run.invalidToolCalls(),
            run.retryAttempt(),
            withoutCall(run.pendingToolCalls(), call.call()),
            List.of(message));
    if (charge.costMicros() != 0) {
      RunSnapshot.Control c = next.control();
      next =
          next.withControl(
              c.withSpend(
                  c.costMicros() + charge.costMicros(), c.reserved(), c.reservationFresh()));
    }
    StepResult result =
        new StepResult(
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
            null,
            null,
            effects.writes());
    return call.approvalId() == null ? result : useApproval(result, call.approvalId());
  }

  /**
   * A step tool's call that waits: the call stays pending and runs again when the run wakes; the
   * model is told nothing yet. Its writes (a timer, children to start) commit with this step.
   */
  private StepResult applySuspend(
      RunSnapshot run,
      ObjectNode decision,
      ObjectNode recorded,
      StepOutcome.Effects effects,
      Instant now) {
    StepOutcome.Wait wait = effects.waitFor();
    Instant deadline = run.control().deadline();
    Instant wakeAt =
        deadline != null && deadline.isBefore(wait.wakeAt()) ? deadline : wait.wakeAt();
    recorded.putObject("wait").put("reason", wait.reason()).put("wakeAt", wait.wakeAt().toString());
    RunSnapshot waiting =
        next(
            run,
            RunEvent.SUSPEND,
            run.usage(),
            run.invalidToolCalls(),
            run.retryAttempt(),
            run.pendingToolCalls(),
            List.of());
    RunSnapshot next = waiting.withControl(waiting.control().withWait(wait.reason(), wakeAt));
    return new StepResult(
        next,
        RunEvent.SUSPEND,
        "TOOL_WAIT",
        decision,
        recorded,
        0,
        0,
        List.of(),
        null,
        wait.reason(),
        wakeAt,
        null,
        null,
        null,
        effects.writes());
  }

  private StepResult applyReject(RunSnapshot run, Decision.RejectToolCall reject, Instant now) {
    boolean byOperator = reject.approvalId() != null;
    ObjectNode decision = Json.object().put("type", "REJECT_TOOL_CALL");
    decision.put("tool", reject.call().name());
    decision.put("callId", reject.call().id());
    decision.put("reason", reject.reason());
    decision.put("byOperator", byOperator);
    String text = "error: " + reject.reason();
    Message message = toolMessage(run, reject.call(), text);
    RunSnapshot next =
        next(
            run,
            RunEvent.STEP,
            run.usage(),
            byOperator ? run.invalidToolCalls() : run.invalidToolCalls() + 1,
            run.retryAttempt(),
            withoutCall(run.pendingToolCalls(), reject.call()),
            List.of(message));
    StepResult result =
        new StepResult(
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
    return byOperator ? useApproval(result, reject.approvalId()) : result;
  }

  private StepResult applyAwaitApproval(
      RunSnapshot run, Decision.AwaitApproval await, Instant now) {
    ObjectNode decision = Json.object().put("type", "AWAIT_APPROVAL");
    decision.put("tool", await.waitingFor().name());
    decision.put("callId", await.waitingFor().id());
    List<ControlChanges.NewApproval> records = new ArrayList<>();
    List<ToolApproval> approvals = new ArrayList<>(run.control().approvals());
    ArrayNode requested = decision.putArray("approvals");
    for (ToolCallRequest call : await.calls()) {
      String hash = Approvals.hash(run.id(), run.nextSeq(), call);
      ToolApproval approval =
          new ToolApproval(
              Approvals.id(run.id(), run.nextSeq(), call),
              run.nextSeq(),
              call.id(),
              call.name(),
              hash,
              ToolApproval.PENDING,
              null);
      approvals.add(approval);
      records.add(
          new ControlChanges.NewApproval(
              approval.id(),
              call.id(),
              call.name(),
              CommitMapper.argumentsJson(call.arguments()),
              hash));
      requested
          .addObject()
          .put("approvalId", approval.id().toString())
          .put("callId", call.id())
          .put("tool", call.name())
          .put("argumentsHash", hash);
    }
    Instant deadline = run.control().deadline();
    Instant wakeAt = deadline == null ? NEVER : deadline;
    String attention = "tool call '" + await.waitingFor().name() + "' waits for approval";
    RunSnapshot waiting =
        next(
            run,
            RunEvent.AWAIT_APPROVAL,
            run.usage(),
            run.invalidToolCalls(),
            run.retryAttempt(),
            run.pendingToolCalls(),
            List.of());
    RunSnapshot next =
        waiting.withControl(
            waiting
                .control()
                .withApprovals(approvals)
                .withWait("APPROVAL", wakeAt)
                .withAttention(attention));
    return new StepResult(
        next,
        RunEvent.AWAIT_APPROVAL,
        "AWAIT_APPROVAL",
        decision,
        Json.object(),
        0,
        0,
        List.of(),
        null,
        "APPROVAL",
        wakeAt,
        null,
        null,
        new ControlChanges(List.of(), List.copyOf(records), List.of()));
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
    boolean needsPerson =
        next.status() == RunStatus.PAUSED
            || next.status() == RunStatus.NEEDS_RECONCILIATION
            || next.status() == RunStatus.QUARANTINED;
    if (needsPerson) {
      next = next.withControl(next.control().withAttention(stop.reason()));
    }
    JsonNode error =
        next.status() == RunStatus.PAUSED
            ? null
            : Json.object().put("code", next.status().name()).put("message", stop.reason());
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

  /**
   * Settles the budget after a step: what a lost reservation is charged, the next model call's
   * reservation, and a stop in this very commit when a limit is reached.
   */
  private StepResult settleBudget(RunSnapshot before, StepResult result, Instant now) {
    RunSnapshot next = result.next();
    if (next.status() != RunStatus.RUNNING) {
      return result.with(
          next.withControl(
              next.control().withSpend(next.control().costMicros(), Reservation.NONE, true)),
          result.event(),
          result.error(),
          result.control());
    }
    AgentSpec.Budget budget = next.control().budget();
    Optional<String> breach = Budgets.deadlinePassed(next, now);
    if (breach.isEmpty() && next.stepCount() >= budget.maxSteps()) {
      breach = Optional.of("step budget of " + budget.maxSteps() + " used up");
    }
    Reservation reserve = Reservation.NONE;
    if (breach.isEmpty() && modelCallIsNext(next)) {
      Budgets.CallPlan plan =
          StepDecider.planCall(
              context, next, Reservation.NONE, context.summaryDue(next).isPresent());
      if (plan.breach() != null) {
        breach = Optional.of(plan.breach());
      } else {
        reserve = plan.reserve();
      }
    }
    if (breach.isEmpty()) {
      return result.with(
          next.withControl(next.control().withSpend(next.control().costMicros(), reserve, true)),
          result.event(),
          result.error(),
          result.control());
    }
    Decision.Stop stop = StepDecider.breach(budget, breach.get());
    RunStatus status = RunTransitions.take(next.status(), stop.event());
    if (result.outcome() instanceof ObjectNode outcome) {
      outcome.put("budgetStop", breach.get());
    }
    RunSnapshot stopped =
        next.withStatus(status)
            .withControl(
                next.control()
                    .withSpend(next.control().costMicros(), Reservation.NONE, true)
                    .withAttention(status == RunStatus.PAUSED ? breach.get() : null));
    JsonNode error =
        status == RunStatus.PAUSED
            ? null
            : Json.object().put("code", status.name()).put("message", breach.get());
    return result.with(stopped, stop.event(), error, result.control());
  }

  /** Whether the run's next decision will be a model call (nothing else is pending). */
  private static boolean modelCallIsNext(RunSnapshot run) {
    return run.pendingToolCalls().isEmpty()
        && run.openIntent().isEmpty()
        && run.invalidToolCalls() <= run.spec().budget().maxInvalidToolCalls();
  }

  /** The run with {@code cost} more charged. */
  static RunSnapshot addCost(RunSnapshot run, long cost) {
    RunSnapshot.Control c = run.control();
    return run.withControl(c.withSpend(c.costMicros() + cost, c.reserved(), c.reservationFresh()));
  }

  /** Usage with the lost reservation's calls and tokens charged. */
  static RunSnapshot.Usage charged(RunSnapshot run, RunSnapshot.Usage usage) {
    Reservation lost = StepDecider.lostReservation(run);
    if (lost.calls() == 0 && lost.tokens() == 0) {
      return usage;
    }
    return new RunSnapshot.Usage(
        usage.modelCalls() + lost.calls(),
        usage.toolCalls(),
        usage.inputTokens() + lost.tokens(),
        usage.outputTokens());
  }

  private static StepResult useApproval(StepResult result, java.util.UUID approvalId) {
    RunSnapshot next = result.next();
    List<ToolApproval> rest = new ArrayList<>(next.control().approvals());
    rest.removeIf(a -> a.id().equals(approvalId));
    return result.with(
        next.withControl(next.control().withApprovals(rest)),
        result.event(),
        result.error(),
        new ControlChanges(
            List.of(),
            List.of(),
            List.of(new ControlChanges.ApprovalUpdate(approvalId, ToolApproval.USED, null, null))));
  }

  static Message toolMessage(RunSnapshot run, ToolCallRequest call, String text) {
    return new Message(
        run.nextMessageIdx(),
        run.nextSeq(),
        Message.Role.TOOL,
        text,
        List.of(),
        call.id(),
        call.name());
  }

  static List<ToolCallRequest> withoutCall(List<ToolCallRequest> pending, ToolCallRequest call) {
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

  /**
   * The run after a step: new status (through the table), usage with any lost reservation charged,
   * conversation, and the step's seq.
   */
  static RunSnapshot next(
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
    // A reservation that was not fresh is charged (its call may have been paid by an owner that
    // died); a fresh one is released. The settlement reserves the next call's.
    Reservation lost = StepDecider.lostReservation(run);
    RunSnapshot.Control control =
        run.control()
            .withWait(null, null)
            .withAttention(null)
            .withSpend(run.control().costMicros() + lost.costMicros(), Reservation.NONE, true);
    return new RunSnapshot(
        run.id(),
        run.tenantId(),
        run.agentName(),
        run.agentVersion(),
        run.spec(),
        event == null ? run.status() : RunTransitions.take(run.status(), event),
        run.leaseEpoch(),
        run.nextSeq(),
        charged(run, usage),
        invalidToolCalls,
        retryAttempt,
        0,
        List.copyOf(pending),
        messages,
        java.util.Optional.empty(),
        run.lastHash(),
        run.createdAt(),
        control,
        run.summary());
  }
}
