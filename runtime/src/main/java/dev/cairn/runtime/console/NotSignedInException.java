package dev.cairn.runtime.console;

/** A console request without a live session: answered by sending the browser to sign in. */
public class NotSignedInException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public NotSignedInException() {
    super("not signed in");
  }
}
