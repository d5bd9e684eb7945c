package dev.cairn.tools;

/** A tool call failed; the message is shown to the model, so it must not carry secrets. */
public class ToolException extends Exception {
  /**
   * Creates the exception.
   *
   * @param message what went wrong, safe to show the model
   */
  public ToolException(String message) {
    super(message);
  }

  /**
   * Creates the exception.
   *
   * @param message what went wrong, safe to show the model
   * @param cause the cause
   */
  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
