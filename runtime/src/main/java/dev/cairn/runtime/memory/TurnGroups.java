package dev.cairn.runtime.memory;

import dev.cairn.runtime.engine.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a conversation into the units that are kept, dropped or summarised whole: an assistant
 * message with tool calls together with the tool results that answer it (a provider refuses a tool
 * result whose call is gone), and every other message alone.
 */
public final class TurnGroups {
  private TurnGroups() {}

  /**
   * The groups of the messages after the run's input, in order.
   *
   * @param messages the snapshot's messages
   * @return the groups
   */
  public static List<List<Message>> of(List<Message> messages) {
    List<List<Message>> groups = new ArrayList<>();
    List<Message> open = null;
    for (Message m : messages) {
      if (m.seq() == 0) {
        continue;
      }
      if (m.role() == Message.Role.TOOL && open != null) {
        open.add(m);
        continue;
      }
      open = new ArrayList<>();
      open.add(m);
      groups.add(open);
      if (m.role() != Message.Role.ASSISTANT || m.toolCalls().isEmpty()) {
        open = null;
      }
    }
    return groups;
  }

  /**
   * Estimated tokens of a group.
   *
   * @param group the group
   * @return tokens
   */
  public static long tokens(List<Message> group) {
    long n = 0;
    for (Message m : group) {
      n += TokenEstimator.tokens(m);
    }
    return n;
  }
}
