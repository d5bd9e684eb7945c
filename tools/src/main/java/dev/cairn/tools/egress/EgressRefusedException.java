package dev.cairn.tools.egress;

/** A target Cairn will not send to; the message says why and is safe to show to the caller. */
public class EgressRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason why, for the caller
   */
  public EgressRefusedException(String reason) {
    super(reason);
  }
}
