package dev.cairn.runtime.engine;

import java.util.Optional;

/**
 * Which commands a run accepts in which status, and the status each leaves it in. The API checks a
 * new command against the run's status as its pending commands will leave it; the engine checks
 * again when it applies the command, against the status it really has then. Status changes go
 * through {@link RunTransitions}.
 */
public final class CommandRules {
  private CommandRules() {}

  /**
   * Why {@code kind} cannot be applied in {@code status}, if it cannot.
   *
   * @param status the run's status (projected over its pending commands)
   * @param kind the command
   * @return the conflict, naming the status, or empty when allowed
   */
  public static Optional<String> conflict(RunStatus status, CommandKind kind) {
    boolean allowed =
        switch (kind) {
          case PAUSE -> RunTransitions.allows(status, RunEvent.PAUSE);
          case RESUME -> RunTransitions.allows(status, RunEvent.RESUME);
          case CANCEL -> RunTransitions.allows(status, RunEvent.CANCEL);
          case RETRY -> RunTransitions.allows(status, RunEvent.RETRY);
          case RECONCILE -> RunTransitions.allows(status, RunEvent.RECONCILE);
          case STEER, APPROVE, REJECT, RAISE_BUDGET -> !status.isTerminal();
        };
    if (allowed) {
      return Optional.empty();
    }
    return Optional.of("cannot " + verb(kind) + " a run that is " + status);
  }

  /**
   * The status after {@code kind}, assuming {@link #conflict} found none. Approvals wake a run that
   * waits for them only when the engine applies them (it knows which approvals remain), so here
   * they leave the status as it is.
   *
   * @param status the status before
   * @param kind the command
   * @return the status after
   */
  public static RunStatus after(RunStatus status, CommandKind kind) {
    return switch (kind) {
      case PAUSE -> RunTransitions.apply(status, RunEvent.PAUSE);
      case RESUME -> RunTransitions.apply(status, RunEvent.RESUME);
      case CANCEL -> RunTransitions.apply(status, RunEvent.CANCEL);
      case RETRY -> RunTransitions.apply(status, RunEvent.RETRY);
      case RECONCILE -> RunTransitions.apply(status, RunEvent.RECONCILE);
      case STEER, APPROVE, REJECT, RAISE_BUDGET -> status;
    };
  }

  private static String verb(CommandKind kind) {
    return switch (kind) {
      case PAUSE -> "pause";
      case RESUME -> "resume";
      case CANCEL -> "cancel";
      case STEER -> "steer";
      case APPROVE -> "approve a tool call of";
      case REJECT -> "reject a tool call of";
      case RETRY -> "retry";
      case RECONCILE -> "reconcile";
      case RAISE_BUDGET -> "raise the budget of";
    };
  }
}
