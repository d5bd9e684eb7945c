package dev.cairn.runtime.engine;

import static dev.cairn.runtime.engine.RunEvent.*;
import static dev.cairn.runtime.engine.RunStatus.*;

import java.util.ArrayList;
import java.util.List;

/** The one table of allowed run status changes. Every status change goes through {@link #apply}. */
public final class RunTransitions {
  /**
   * One row of the table.
   *
   * @param from status before
   * @param event what happened
   * @param to status after
   */
  public record Transition(RunStatus from, RunEvent event, RunStatus to) {}

  private static final List<Transition> TABLE =
      List.of(
          new Transition(QUEUED, START, RUNNING),
          new Transition(QUEUED, CANCEL, CANCELLED),
          new Transition(QUEUED, PAUSE, PAUSED),
          new Transition(RUNNING, STEP, RUNNING),
          new Transition(RUNNING, WAIT_FOR_RETRY, WAITING),
          new Transition(RUNNING, AWAIT_APPROVAL, WAITING),
          new Transition(RUNNING, SUSPEND, WAITING),
          new Transition(RUNNING, COMPLETE, COMPLETED),
          new Transition(RUNNING, FAIL, FAILED),
          new Transition(RUNNING, EXCEED_BUDGET, BUDGET_EXCEEDED),
          new Transition(RUNNING, QUARANTINE, QUARANTINED),
          new Transition(RUNNING, NEED_RECONCILIATION, NEEDS_RECONCILIATION),
          new Transition(RUNNING, PAUSE, PAUSED),
          new Transition(RUNNING, CANCEL, CANCELLED),
          new Transition(WAITING, WAKE, RUNNING),
          new Transition(WAITING, PAUSE, PAUSED),
          new Transition(WAITING, CANCEL, CANCELLED),
          new Transition(PAUSED, RESUME, RUNNING),
          new Transition(PAUSED, CANCEL, CANCELLED),
          new Transition(NEEDS_RECONCILIATION, RECONCILE, RUNNING),
          new Transition(NEEDS_RECONCILIATION, CANCEL, CANCELLED),
          new Transition(FAILED, RETRY, RUNNING),
          new Transition(QUARANTINED, RETRY, RUNNING));

  private static final RunStatus[][] NEXT = index();

  private RunTransitions() {}

  private static RunStatus[][] index() {
    RunStatus[][] next = new RunStatus[RunStatus.values().length][RunEvent.values().length];
    for (Transition t : TABLE) {
      if (next[t.from().ordinal()][t.event().ordinal()] != null) {
        throw new IllegalStateException("duplicate transition " + t);
      }
      next[t.from().ordinal()][t.event().ordinal()] = t.to();
    }
    return next;
  }

  /**
   * The status after {@code event} in {@code from}.
   *
   * @param from current status
   * @param event what happened
   * @return the next status
   * @throws IllegalTransitionException when the table has no such row
   */
  public static RunStatus apply(RunStatus from, RunEvent event) {
    RunStatus to = NEXT[from.ordinal()][event.ordinal()];
    if (to == null) {
      throw new IllegalTransitionException(from, event);
    }
    return to;
  }

  /**
   * The engine's status change: {@link #apply}, and the row is recorded as taken (see {@link
   * TransitionLog}; only test builds record). Projections that change nothing, like the API's check
   * of a command against a run's expected status, use {@link #apply}.
   *
   * @param from current status
   * @param event what happened
   * @return the next status
   * @throws IllegalTransitionException when the table has no such row
   */
  public static RunStatus take(RunStatus from, RunEvent event) {
    RunStatus to = apply(from, event);
    TransitionLog.taken(from, event);
    return to;
  }

  /**
   * Whether the table has a row for this pair.
   *
   * @param from current status
   * @param event what happened
   * @return true if allowed
   */
  public static boolean allows(RunStatus from, RunEvent event) {
    return NEXT[from.ordinal()][event.ordinal()] != null;
  }

  /**
   * All rows, in table order.
   *
   * @return the rows
   */
  public static List<Transition> rows() {
    return TABLE;
  }

  /**
   * The table as a Mermaid state diagram, for the docs.
   *
   * @return Mermaid source
   */
  public static String toMermaid() {
    List<String> lines = new ArrayList<>();
    lines.add("stateDiagram-v2");
    lines.add("    [*] --> QUEUED");
    for (Transition t : TABLE) {
      lines.add("    " + t.from() + " --> " + t.to() + " : " + t.event());
    }
    for (RunStatus s : RunStatus.values()) {
      if (s.isTerminal()) {
        lines.add("    " + s + " --> [*]");
      }
    }
    return String.join("\n", lines) + "\n";
  }
}
