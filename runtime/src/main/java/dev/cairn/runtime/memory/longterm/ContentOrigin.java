package dev.cairn.runtime.memory.longterm;

import dev.cairn.runtime.engine.Message;
import java.util.List;

/**
 * Decides a remembered text's origin: what the agent declares, unless the text came verbatim from a
 * tool's answer in the run, in which case it is stored as the tool's (with the tool as source),
 * even when the agent calls it its own. Text labelled as a tool's or the web's is recalled as such
 * and never pinned.
 *
 * @param origin the origin to store
 * @param source the detail to store, or null
 */
record ContentOrigin(Origin origin, String source) {
  /** Shorter texts are too common to attribute by containment. */
  static final int MIN_ATTRIBUTED_CHARS = 16;

  static ContentOrigin of(Origin declared, String declaredSource, String content, List<Message> m) {
    if (declared == Origin.AGENT && content.strip().length() >= MIN_ATTRIBUTED_CHARS) {
      String needle = content.strip();
      for (int i = m.size() - 1; i >= 0; i--) {
        Message message = m.get(i);
        if (message.role() == Message.Role.TOOL
            && message.content() != null
            && message.content().contains(needle)) {
          return new ContentOrigin(Origin.TOOL, message.toolName());
        }
      }
    }
    return new ContentOrigin(declared, declaredSource);
  }
}
