package dev.cairn.runtime.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.ApprovalRow;
import dev.cairn.persistence.store.CommandRow;
import dev.cairn.persistence.store.RunControl;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.api.problem.TextSafety;
import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.CommandKind;
import dev.cairn.runtime.engine.CommandRules;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.engine.RunStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Validates a command against a run as its pending commands will leave it: the projected status
 * ({@link CommandRules}), the approval it decides, the budget it raises. Refusals are {@link
 * CairnException}s: 409 naming the state, 404 for an unknown approval, 400 for bad arguments.
 */
public final class CommandChecks {
  /** Longest steering text. */
  public static final int MAX_STEER_CHARS = 4000;

  /** Longest rejection reason. */
  public static final int MAX_REASON_CHARS = 1000;

  private CommandChecks() {}

  /**
   * The status the run will have once its pending commands are applied, skipping those that
   * conflict (the engine rejects them).
   *
   * @param status the run's status now
   * @param pending its pending commands in seq order
   * @return the projected status
   */
  public static RunStatus projected(RunStatus status, List<CommandRow> pending) {
    RunStatus projected = status;
    for (CommandRow row : pending) {
      CommandKind kind = CommandKind.valueOf(row.kind());
      if (CommandRules.conflict(projected, kind).isEmpty()) {
        projected = CommandRules.after(projected, kind);
      }
    }
    return projected;
  }

  /**
   * Refuses {@code request} if the run cannot take it.
   *
   * @param request the command
   * @param run the run, under its row lock
   * @param pending its pending commands in seq order
   * @param approvals its approval records
   */
  public static void check(
      CommandRequest request,
      RunControl run,
      List<CommandRow> pending,
      List<ApprovalRow> approvals) {
    RunStatus projected = projected(RunStatus.valueOf(run.status()), pending);
    Optional<String> conflict = CommandRules.conflict(projected, request.kind());
    if (conflict.isPresent()) {
      throw CairnException.conflict(conflict.get());
    }
    switch (request) {
      case CommandRequest.Steer steer -> text("text", steer.text(), MAX_STEER_CHARS);
      case CommandRequest.Approve approve -> {
        ApprovalRow approval = pendingApproval(approve.approvalId(), pending, approvals);
        if (!approval.argumentsHash().equals(approve.argumentsHash())) {
          throw CairnException.conflict("the arguments changed; approval refused");
        }
      }
      case CommandRequest.Reject reject -> {
        text("reason", reject.reason(), MAX_REASON_CHARS);
        pendingApproval(reject.approvalId(), pending, approvals);
      }
      case CommandRequest.Reconcile reconcile -> {
        if (reconcile.note() != null) {
          text("note", reconcile.note(), MAX_REASON_CHARS);
        }
      }
      case CommandRequest.RaiseBudget raise -> raise(raise, run, pending);
      case CommandRequest.Plain plain -> {}
    }
  }

  private static void text(String field, String text, int max) {
    if (text == null || text.isBlank()) {
      throw CairnException.invalid(field, "must not be blank");
    }
    if (text.length() > max) {
      throw CairnException.invalid(field, "longer than " + max + " characters");
    }
    String problem = TextSafety.problem(text);
    if (problem != null) {
      throw CairnException.invalid(field, problem);
    }
  }

  private static ApprovalRow pendingApproval(
      UUID id, List<CommandRow> pending, List<ApprovalRow> approvals) {
    ApprovalRow approval =
        approvals.stream()
            .filter(a -> a.id().equals(id))
            .findFirst()
            .orElseThrow(
                () -> CairnException.notFound("approval " + id + " does not exist for this run"));
    if (!"PENDING".equals(approval.state())) {
      throw CairnException.conflict("approval " + id + " is already " + approval.state());
    }
    for (CommandRow row : pending) {
      if ((row.kind().equals("APPROVE") || row.kind().equals("REJECT"))
          && id.toString().equals(payload(row).path("approvalId").asText())) {
        throw CairnException.conflict(
            "approval "
                + id
                + " is already decided by command "
                + row.id()
                + " ("
                + row.kind()
                + "), not yet applied");
      }
    }
    return approval;
  }

  private static void raise(
      CommandRequest.RaiseBudget raise, RunControl run, List<CommandRow> pending) {
    if (raise.payload().isEmpty()) {
      throw CairnException.invalid(
          "body",
          "name at least one of maxSteps, maxModelCalls, maxTokens, maxCostUsd,"
              + " maxDurationSeconds");
    }
    AgentSpec.Budget current = effectiveBudget(run.budgetJson(), pending);
    atLeast("maxSteps", raise.maxSteps(), (long) current.maxSteps());
    atLeast("maxModelCalls", raise.maxModelCalls(), (long) current.maxModelCalls());
    atLeast("maxTokens", raise.maxTokens(), current.maxTokens());
    atLeast("maxCostUsd", raise.maxCostMicros(), current.maxCostMicros());
    atLeast("maxDurationSeconds", raise.maxDurationSeconds(), current.maxDurationSeconds());
  }

  private static void atLeast(String field, Number wanted, Long current) {
    if (wanted == null) {
      return;
    }
    if (wanted.longValue() <= 0) {
      throw CairnException.invalid(field, "must be positive");
    }
    if (current == null) {
      throw CairnException.conflict(
          "the run has no " + field + " limit; raising one would lower it");
    }
    if (wanted.longValue() < current) {
      throw CairnException.conflict(
          field + " can only be raised: the run's limit is " + describe(field, current));
    }
  }

  private static String describe(String field, long current) {
    return field.equals("maxCostUsd")
        ? Money.amount(current).toPlainString()
        : Long.toString(current);
  }

  /**
   * The run's budget as its pending raises will leave it.
   *
   * @param budgetJson the stored effective budget
   * @param pending pending commands in seq order
   * @return the budget
   */
  static AgentSpec.Budget effectiveBudget(String budgetJson, List<CommandRow> pending) {
    AgentSpec.Budget budget = parse(budgetJson);
    for (CommandRow row : pending) {
      if (row.kind().equals("RAISE_BUDGET")) {
        JsonNode p = payload(row);
        budget =
            new AgentSpec.Budget(
                (int) max(p, "maxSteps", budget.maxSteps()),
                (int) max(p, "maxModelCalls", budget.maxModelCalls()),
                max(p, "maxTokens", budget.maxTokens()),
                budget.maxInvalidToolCalls(),
                maxOrNull(p, "maxCostMicros", budget.maxCostMicros()),
                maxOrNull(p, "maxDurationSeconds", budget.maxDurationSeconds()),
                budget.onBreach(),
                budget.onRetriesExhausted());
      }
    }
    return budget;
  }

  private static long max(JsonNode payload, String field, long current) {
    return payload.has(field) ? Math.max(current, payload.get(field).asLong()) : current;
  }

  private static Long maxOrNull(JsonNode payload, String field, Long current) {
    return current == null ? null : max(payload, field, current);
  }

  private static AgentSpec.Budget parse(String budgetJson) {
    if (budgetJson == null) {
      return dev.cairn.runtime.agents.AgentService.DEFAULT_BUDGET;
    }
    try {
      return Json.MAPPER.readValue(budgetJson, AgentSpec.Budget.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored budget is not valid", e);
    }
  }

  private static JsonNode payload(CommandRow row) {
    return Json.tryParse(row.payloadJson()).orElse(Json.object());
  }
}
