package dev.cairn.runtime.engine;

import java.util.List;

/**
 * One message of a run's conversation.
 *
 * @param idx position from 0
 * @param seq checkpoint seq that appended it (0 for the input)
 * @param role who spoke
 * @param content text, may be null for an assistant message with only tool calls
 * @param toolCalls tool calls of an assistant message
 * @param toolCallId for a tool message, the call answered
 * @param toolName for a tool message, the tool
 */
public record Message(
    int idx,
    int seq,
    Role role,
    String content,
    List<ToolCallRequest> toolCalls,
    String toolCallId,
    String toolName) {

  /** Who produced a message. */
  public enum Role {
    /** The run's input. */
    USER,
    /** Guidance from an operator (steering), given to the model as a system message. */
    SYSTEM,
    /** The model. */
    ASSISTANT,
    /** A tool result. */
    TOOL
  }
}
