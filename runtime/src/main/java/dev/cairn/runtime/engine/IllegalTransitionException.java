package dev.cairn.runtime.engine;

/** A status change that the transition table does not allow. */
public class IllegalTransitionException extends IllegalStateException {
  private final RunStatus from;
  private final RunEvent event;

  /**
   * Creates the exception.
   *
   * @param from current status
   * @param event the event that has no row for it
   */
  public IllegalTransitionException(RunStatus from, RunEvent event) {
    super("no transition from " + from + " on " + event);
    this.from = from;
    this.event = event;
  }

  /**
   * The status the run was in.
   *
   * @return the status
   */
  public RunStatus from() {
    return from;
  }

  /**
   * The rejected event.
   *
   * @return the event
   */
  public RunEvent event() {
    return event;
  }
}
