package dev.cairn.runtime.events.inbound;

/** A dead letter the broker did not confirm: the original must not be acknowledged. */
public class DeadLetterFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the cause
   */
  public DeadLetterFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
