package dev.cairn.runtime.memory;

import dev.cairn.runtime.engine.Message;
import dev.cairn.runtime.engine.ToolCallRequest;
import java.util.List;

/** The texts of a summary call and of the summary block in later calls. */
public final class SummaryPrompt {
  /** The summary call's instruction (its system message); summary requests start with it. */
  public static final String INSTRUCTION =
      "You maintain the running summary of an agent's conversation. Fold the earlier summary (if"
          + " any) and the turns below into one concise summary that keeps every fact, decision,"
          + " tool result and open question the agent needs to continue. Answer with the summary"
          + " only.";

  /** The heading of the summary block in ordinary calls. */
  public static final String HEADING = "Summary of the earlier conversation:\n";

  /** The heading of pinned memory in ordinary calls. */
  public static final String PINNED_HEADING = "Pinned memory:\n";

  /** The heading of the previous summary in a summary call. */
  public static final String PREVIOUS = "Earlier summary:\n";

  /** The heading of the turns in a summary call. */
  public static final String TURNS = "Turns to fold in:\n";

  private SummaryPrompt() {}

  /**
   * One message as a line of the transcript a summary call reads.
   *
   * @param m the message
   * @return the line
   */
  public static String line(Message m) {
    StringBuilder s = new StringBuilder();
    switch (m.role()) {
      case USER -> s.append("[user] ");
      case SYSTEM -> s.append("[system] ");
      case TOOL -> s.append("[tool ").append(m.toolName()).append("] ");
      case ASSISTANT -> s.append("[assistant] ");
    }
    if (m.content() != null) {
      s.append(m.content());
    }
    List<ToolCallRequest> calls = m.toolCalls();
    for (ToolCallRequest call : calls) {
      s.append(" calls ").append(call.name()).append(call.arguments());
    }
    return s.toString();
  }
}
