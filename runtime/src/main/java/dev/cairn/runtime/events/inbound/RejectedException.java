package dev.cairn.runtime.events.inbound;

/** A message that cannot become a run, with the reason it is dead-lettered for. */
public class RejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The reason. */
  private final transient Rejection rejection;

  /**
   * Creates the exception.
   *
   * @param rejection the reason
   */
  public RejectedException(Rejection rejection) {
    super(rejection.detail());
    this.rejection = rejection;
  }

  /**
   * The reason.
   *
   * @return the rejection
   */
  public Rejection rejection() {
    return rejection;
  }
}
