package dev.cairn.tools;

/**
 * A tool's output, as text for the model.
 *
 * @param output the text
 * @param error whether the output reports an error the model should react to
 */
public record ToolResult(String output, boolean error) {
  /** Largest output kept; longer output is cut so one tool cannot flood the conversation. */
  public static final int MAX_OUTPUT_CHARS = 16_384;

  /** Cuts over-long output. */
  public ToolResult {
    if (output == null) {
      output = "";
    }
    if (output.length() > MAX_OUTPUT_CHARS) {
      output = output.substring(0, MAX_OUTPUT_CHARS) + "...[truncated]";
    }
  }

  /**
   * A successful result.
   *
   * @param output the text
   * @return the result
   */
  public static ToolResult ok(String output) {
    return new ToolResult(output, false);
  }

  /**
   * An error result for the model.
   *
   * @param message the error
   * @return the result
   */
  public static ToolResult error(String message) {
    return new ToolResult(message, true);
  }
}
