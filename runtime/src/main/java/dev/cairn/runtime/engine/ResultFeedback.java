package dev.cairn.runtime.engine;

import java.util.List;

/**
 * What the model is told when its final answer does not match the run's result schema, and how many
 * answers in a row did not. The count is read back from the conversation (each rejected answer is
 * followed by one feedback message of the same step), so it survives a crash without a column of
 * its own and replays from the recorded history.
 */
final class ResultFeedback {
  /** How every feedback message starts; it marks the message as feedback in the conversation. */
  static final String PREFIX = "Your final answer was not accepted as the run's result.";

  private ResultFeedback() {}

  /**
   * The message asking the model to answer again.
   *
   * @param errors the validator's errors, already bounded
   * @return the message text
   */
  static String text(List<String> errors) {
    StringBuilder text = new StringBuilder(PREFIX);
    text.append(" It must be a single JSON value that matches the result schema. Problems:");
    for (String error : errors) {
      text.append("\n- ").append(error);
    }
    text.append("\nAnswer again with only the corrected JSON, or call a tool if you need to.");
    return text.toString();
  }

  /**
   * Final answers rejected in a row at the end of the conversation: each is an assistant message
   * without tool calls followed by a feedback message.
   *
   * @param run the run
   * @return the number of rejected answers since the last other turn
   */
  static int rejectedInARow(RunSnapshot run) {
    List<Message> messages = run.messages();
    int count = 0;
    for (int i = messages.size() - 1; i >= 1; i -= 2) {
      Message feedback = messages.get(i);
      Message answer = messages.get(i - 1);
      boolean pair =
          isFeedback(feedback)
              && answer.role() == Message.Role.ASSISTANT
              && answer.toolCalls().isEmpty()
              && answer.seq() == feedback.seq();
      if (!pair) {
        break;
      }
      count++;
    }
    return count;
  }

  /**
   * The reason a run fails when its answers kept failing the schema.
   *
   * @param attempts answers rejected
   * @param errors the last answer's errors
   * @return the reason
   */
  static String failure(int attempts, List<String> errors) {
    String first = String.join("; ", errors.subList(0, Math.min(3, errors.size())));
    return "result did not match the schema after " + attempts + " attempts: " + first;
  }

  private static boolean isFeedback(Message m) {
    return m.role() == Message.Role.USER
        && m.seq() > 0
        && m.content() != null
        && m.content().startsWith(PREFIX);
  }
}
