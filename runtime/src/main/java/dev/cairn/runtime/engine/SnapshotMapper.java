package dev.cairn.runtime.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.ClaimedRunRow;
import dev.cairn.persistence.store.MessageRow;
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
   * @return the snapshot
   */
  public static RunSnapshot toSnapshot(
      ClaimedRunRow row, List<MessageRow> messages, List<ToolIntentRow> intents) {
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
    return new RunSnapshot(
        row.id(),
        row.tenantId(),
        row.agentName(),
        row.agentVersion(),
        readSpec(row.specJson()),
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
        row.createdAt());
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
