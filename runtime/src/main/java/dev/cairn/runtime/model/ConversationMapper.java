package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.Message;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.cairn.runtime.engine.ToolCallRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/** Maps a run's stored conversation to LangChain4j chat messages. */
public final class ConversationMapper {
  private ConversationMapper() {}

  /**
   * The chat messages for the run's next model call, the whole conversation the snapshot holds.
   *
   * @param run the run
   * @return system prompt first, then the conversation
   */
  public static List<ChatMessage> toChatMessages(RunSnapshot run) {
    List<ChatMessage> messages = new ArrayList<>(run.messages().size() + 1);
    String system = run.spec().systemPrompt();
    if (system != null && !system.isBlank()) {
      messages.add(SystemMessage.from(system));
    }
    messages.addAll(toChatMessages(run.messages()));
    return messages;
  }

  /**
   * The chat messages of a built context, in its order.
   *
   * @param context the messages
   * @return the chat messages
   */
  public static List<ChatMessage> toChatMessages(List<Message> context) {
    List<ChatMessage> messages = new ArrayList<>(context.size());
    for (Message m : context) {
      messages.add(toChatMessage(m));
    }
    return messages;
  }

  private static ChatMessage toChatMessage(Message m) {
    return switch (m.role()) {
      case USER -> UserMessage.from(m.content());
      case SYSTEM -> SystemMessage.from(m.content());
      case TOOL -> ToolExecutionResultMessage.from(m.toolCallId(), m.toolName(), m.content());
      case ASSISTANT -> assistant(m);
    };
  }

  private static AiMessage assistant(Message m) {
    if (m.toolCalls().isEmpty()) {
      return AiMessage.from(m.content() == null ? "" : m.content());
    }
    List<ToolExecutionRequest> calls = new ArrayList<>();
    for (ToolCallRequest call : m.toolCalls()) {
      calls.add(
          ToolExecutionRequest.builder()
              .id(call.id())
              .name(call.name())
              .arguments(call.arguments())
              .build());
    }
    return m.content() == null ? AiMessage.from(calls) : AiMessage.from(m.content(), calls);
  }
}
