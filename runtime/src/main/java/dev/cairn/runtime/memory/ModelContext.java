package dev.cairn.runtime.memory;

import dev.cairn.runtime.engine.Message;
import java.util.List;

/**
 * What one model call sends, in order, and its estimated size. Synthetic messages (system prompt,
 * pinned memory, summary, summary instruction) have index -1.
 *
 * @param messages the messages, stable prefix first
 * @param tokens estimated tokens of the messages
 * @param budget the most the messages may take
 */
public record ModelContext(List<Message> messages, long tokens, long budget) {
  /** Index of messages that are not part of the stored conversation. */
  public static final int SYNTHETIC = -1;
}
