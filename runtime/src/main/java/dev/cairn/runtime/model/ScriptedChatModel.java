package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic offline model: answers with the agent's script, turn by turn. The turn is the
 * number of assistant messages already in the conversation, so a replayed or resumed run gets the
 * same answer for the same step.
 */
public final class ScriptedChatModel implements ChatModel {
  /** Answer once the script is used up. */
  public static final String END_OF_SCRIPT = "(end of script)";

  private final List<AgentSpec.ScriptTurn> script;
  private final int summarizedTurns;

  /**
   * Creates the model.
   *
   * @param script the answers, in order
   */
  public ScriptedChatModel(List<AgentSpec.ScriptTurn> script) {
    this(script, 0);
  }

  /**
   * Creates the model for a run whose earlier answers a summary replaced in the request.
   *
   * @param script the answers, in order
   * @param summarizedTurns the model's answers the run's summary covers
   */
  public ScriptedChatModel(List<AgentSpec.ScriptTurn> script, int summarizedTurns) {
    this.script = script == null ? List.of() : script;
    this.summarizedTurns = summarizedTurns;
  }

  /**
   * A deterministic summary of a summary request: which turns it folds in, and how many.
   *
   * @param request the summary request's transcript
   * @param fromIdx first message index covered
   * @param toIdx last message index covered
   * @return the summary
   */
  public static String summary(String request, int fromIdx, int toIdx) {
    long lines = request.lines().filter(l -> l.startsWith("[")).count();
    return "Scripted summary of messages "
        + fromIdx
        + " to "
        + toIdx
        + " ("
        + lines
        + " lines read).";
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    int turn =
        summarizedTurns + (int) messages.stream().filter(m -> m instanceof AiMessage).count();
    AgentSpec.ScriptTurn answer =
        turn < script.size()
            ? script.get(turn)
            : new AgentSpec.ScriptTurn(END_OF_SCRIPT, List.of(), 0);
    pause(answer.delayMs());
    AiMessage message = toMessage(answer, turn);
    int inputTokens = messages.stream().mapToInt(ScriptedChatModel::roughTokens).sum();
    int outputTokens = Math.max(1, answer.text() == null ? 4 : answer.text().length() / 4);
    return ChatResponse.builder()
        .aiMessage(message)
        .tokenUsage(new TokenUsage(inputTokens, outputTokens))
        .finishReason(
            message.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
        .build();
  }

  private static AiMessage toMessage(AgentSpec.ScriptTurn answer, int turn) {
    if (answer.toolCalls() == null || answer.toolCalls().isEmpty()) {
      return AiMessage.from(answer.text() == null ? "" : answer.text());
    }
    List<ToolExecutionRequest> calls = new ArrayList<>();
    for (int i = 0; i < answer.toolCalls().size(); i++) {
      AgentSpec.ScriptToolCall call = answer.toolCalls().get(i);
      calls.add(
          ToolExecutionRequest.builder()
              .id("call_" + turn + "_" + i)
              .name(call.name())
              .arguments(call.arguments())
              .build());
    }
    return answer.text() == null ? AiMessage.from(calls) : AiMessage.from(answer.text(), calls);
  }

  /** About four characters per token, counted on the message text only (cheap, deterministic). */
  private static int roughTokens(ChatMessage message) {
    String text =
        switch (message) {
          case AiMessage ai -> ai.text();
          case dev.langchain4j.data.message.UserMessage user ->
              user.hasSingleText() ? user.singleText() : null;
          case dev.langchain4j.data.message.SystemMessage system -> system.text();
          case dev.langchain4j.data.message.ToolExecutionResultMessage tool -> tool.text();
          default -> null;
        };
    return 1 + (text == null ? 8 : text.length() / 4);
  }

  private static void pause(long delayMs) {
    if (delayMs <= 0) {
      return;
    }
    try {
      Thread.sleep(delayMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scripted answer interrupted", e);
    }
  }
}
