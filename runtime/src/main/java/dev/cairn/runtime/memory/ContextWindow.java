package dev.cairn.runtime.memory;

import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.Budgets;

/**
 * How one model's window is shared out, in estimated tokens. A call's input (everything sent but
 * the answer) stays within {@link #inputBudget()}: the window less the answer's cap and the margin.
 *
 * @param window the model's context window
 * @param answerCap output cap of an ordinary call
 * @param summaryCap output cap of a summary call, and the most of a summary the context shows
 * @param margin tokens kept free for the estimator's error
 * @param pinned tokens pinned memory may take
 * @param tools tokens of the tool definitions sent with each ordinary call
 */
public record ContextWindow(
    int window, int answerCap, int summaryCap, int margin, int pinned, long tools) {

  /**
   * The window of a run's model.
   *
   * @param settings the settings
   * @param spec the agent definition
   * @param tools tokens of the definition's tools
   * @return the window
   */
  public static ContextWindow of(ContextSettings settings, AgentSpec spec, long tools) {
    int window = settings.windowOf(spec.model());
    Integer specCap = spec.model().maxOutputTokens();
    int cap = specCap == null || specCap < 1 ? Budgets.DEFAULT_MAX_OUTPUT_TOKENS : specCap;
    return new ContextWindow(
        window,
        Math.min(cap, window / 4),
        Math.max(32, (int) (window * settings.summaryShare())),
        (int) (window * settings.margin()),
        (int) (window * settings.pinnedShare()),
        tools);
  }

  /**
   * The most an ordinary call may send: tool definitions, system prompt, pinned memory, input,
   * summary and recent turns.
   *
   * @return tokens
   */
  public long inputBudget() {
    return (long) window - answerCap - margin;
  }

  /**
   * The most the messages of an ordinary call may take (the input budget less tool definitions).
   *
   * @return tokens
   */
  public long messageBudget() {
    return inputBudget() - tools;
  }

  /**
   * What the conversation (system prompt, input, summary, recent turns) may take: the message
   * budget less pinned memory's share. The summary threshold is a share of this.
   *
   * @return tokens
   */
  public long conversationBudget() {
    return messageBudget() - pinned;
  }

  /**
   * The most a summary call may send.
   *
   * @return tokens
   */
  public long summaryInputBudget() {
    return (long) window - summaryCap - margin;
  }
}
