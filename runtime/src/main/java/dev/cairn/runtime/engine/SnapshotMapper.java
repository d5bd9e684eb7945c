package dev.cairn.runtime.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.ClaimedRunRow;
import dev.cairn.persistence.store.MessageRow;
import dev.cairn.persistence.store.OpenApprovalRow;
import dev.cairn.persistence.store.PendingCommandRow;
import dev.cairn.persistence.store.SummaryRow;
import dev.cairn.persistence.store.ToolIntentRow;
import dev.cairn.tools.SideEffect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Maps stored rows to the engine's snapshot and back (JSON columns). */
public final class SnapshotMapper {
  private static final TypeReference<List<ToolCallRequest>> CALLS = new TypeReference<>() {};

  private SnapshotMapper() {}

  /**
   * Builds the snapshot of a freshly claimed run.
   *
   * @param row the claimed row
   * @param messages its conversation
   * @param intents its open tool intents
   * @param approvals its approvals not used yet
   * @param prices the prices of a model
   * @return the snapshot
   */
  public static RunSnapshot toSnapshot(
      ClaimedRunRow row,
      List<MessageRow> messages,
      List<ToolIntentRow> intents,
      List<OpenApprovalRow> approvals,
      java.util.function.Function<AgentSpec.ModelSpec, ModelPrice> prices) {
    return toSnapshot(row, messages, null, intents, approvals, prices);
  }

  /**
   * Builds the snapshot of a freshly claimed run that may have a running summary.
   *
   * @param row the claimed row
   * @param messages its input and the messages after its summary
   * @param summary its latest summary, or null
   * @param intents its open tool intents
   * @param approvals its approvals not used yet
   * @param prices the prices of a model
   * @return the snapshot
   */
  public static RunSnapshot toSnapshot(
      ClaimedRunRow row,
      List<MessageRow> messages,
      SummaryRow summary,
      List<ToolIntentRow> intents,
      List<OpenApprovalRow> approvals,
      java.util.function.Function<AgentSpec.ModelSpec, ModelPrice> prices) {
    List<Message> conversation = new ArrayList<>(messages.size());
    for (MessageRow m : messages) {
      conversation.add(
          new Message(
              m.idx(),
              m.seq(),
              Message.Role.valueOf(m.role()),
              m.content(),
              m.toolCallsJson() == null ? List.of() : readCalls(m.toolCallsJson()),
              m.toolCallId(),
              m.toolName()));
    }
    Optional<OpenIntent> intent =
        intents.stream()
            .filter(i -> i.seq() == row.stepCount() + 1)
            .findFirst()
            .map(
                i ->
                    new OpenIntent(
                        i.seq(),
                        new ToolCallRequest(i.toolCallId(), i.toolName(), i.argumentsJson()),
                        SideEffect.valueOf(i.sideEffect()),
                        i.attempts()));
    AgentSpec spec = readSpec(row.specJson());
    AgentSpec.Budget budget =
        row.budgetJson() == null ? spec.budget() : readBudget(row.budgetJson());
    List<ToolApproval> approvalList =
        approvals.stream()
            .map(
                a ->
                    new ToolApproval(
                        a.id(),
                        a.seq(),
                        a.toolCallId(),
                        a.toolName(),
                        a.argumentsHash(),
                        a.state(),
                        a.reason()))
            .toList();
    // A reservation survives a clean hand-over of the lease; after a lapsed lease (recoveries > 0)
    // its call may have been paid for, so it is charged before the next one.
    RunSnapshot.Control control =
        new RunSnapshot.Control(
            row.waitReason(),
            row.wakeAt(),
            budget,
            row.deadlineAt(),
            row.costMicros(),
            new Reservation(row.reservedCalls(), row.reservedTokens(), row.reservedCostMicros()),
            row.consecutiveRecoveries() == 0,
            approvalList,
            null,
            ModelRoute.ceilingPrice(spec, prices));
    return new RunSnapshot(
        row.id(),
        row.tenantId(),
        row.agentName(),
        row.agentVersion(),
        spec,
        RunStatus.valueOf(row.status()),
        row.leaseEpoch(),
        row.stepCount(),
        new RunSnapshot.Usage(
            row.modelCalls(), row.toolCalls(), row.inputTokens(), row.outputTokens()),
        row.invalidToolCalls(),
        row.retryAttempt(),
        row.consecutiveRecoveries(),
        readCalls(row.pendingToolCallsJson()),
        List.copyOf(conversation),
        intent,
        row.lastHash(),
        row.createdAt(),
        control,
        summary == null
            ? null
            : new ConversationSummary(
                summary.seq(),
                summary.fromIdx(),
                summary.toIdx(),
                summary.text(),
                summary.assistantTurns()));
  }

  /**
   * Reads a run's stored effective budget.
   *
   * @param json the budget
   * @return the budget
   */
  public static AgentSpec.Budget readBudget(String json) {
    try {
      return Json.MAPPER.readValue(json, AgentSpec.Budget.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored run budget is not readable", e);
    }
  }

  /**
   * Maps stored pending commands.
   *
   * @param rows the rows
   * @return the commands, in order
   */
  public static List<OperatorCommand> toCommands(List<PendingCommandRow> rows) {
    List<OperatorCommand> commands = new ArrayList<>(rows.size());
    for (PendingCommandRow r : rows) {
      commands.add(
          new OperatorCommand(
              r.id(),
              r.seq(),
              CommandKind.valueOf(r.kind()),
              r.payloadJson() == null ? Json.object() : Json.parse(r.payloadJson()),
              r.actor()));
    }
    return List.copyOf(commands);
  }

  /**
   * Reads an agent spec stored by the definition service.
   *
   * @param json the spec
   * @return the spec
   */
  public static AgentSpec readSpec(String json) {
    try {
      return Json.MAPPER.readValue(json, AgentSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored agent spec is not readable", e);
    }
  }

  /**
   * Reads a stored list of tool calls.
   *
   * @param json JSON array
   * @return the calls
   */
  public static List<ToolCallRequest> readCalls(String json) {
    try {
      return List.copyOf(Json.MAPPER.readValue(json, CALLS));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored tool calls are not readable", e);
    }
  }

  /**
   * Serializes tool calls for storage.
   *
   * @param calls the calls
   * @return JSON array text
   */
  public static String writeCalls(List<ToolCallRequest> calls) {
    return Json.write(calls);
  }

  /**
   * A JSON node as text, or null.
   *
   * @param node the node or null
   * @return text or null
   */
  public static String textOrNull(JsonNode node) {
    return node == null ? null : node.toString();
  }
}
