package dev.cairn.persistence;

/** A database operation failed; the message never carries SQL text or parameters. */
public class PersistenceException extends RuntimeException {
  /**
   * Creates the exception.
   *
   * @param message what failed, without SQL or values
   * @param cause the driver's exception
   */
  public PersistenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
