package dev.cairn.runtime.audit.fork;

import dev.cairn.runtime.agents.PublishAgent;

/**
 * What to fork and what to change.
 *
 * @param atSeq the original's seq the fork continues after (0, the run as submitted, to its last
 *     seq)
 * @param agentVersion another version of the same agent to run on, or null for the original's
 * @param model a model that replaces the definition's for the fork, or null
 * @param editedMessage a message of the conversation to replace, or null
 */
public record ForkRequest(
    int atSeq, Integer agentVersion, PublishAgent.Model model, EditedMessage editedMessage) {

  /**
   * A replaced message.
   *
   * @param index its index in the conversation (0 is the first)
   * @param content its new text
   */
  public record EditedMessage(int index, String content) {}
}
