package dev.cairn.runtime.console;

import dev.cairn.runtime.api.dev.RunResponse;
import dev.cairn.runtime.control.Approval;
import java.util.List;

/**
 * One run as shown.
 *
 * @param run the run
 * @param cost cost so far, as text
 * @param budget the budget as JSON text, or empty
 * @param pending approvals waiting for a decision
 * @param timeline newest checkpoints first (one page)
 * @param olderHref the link to the older page, or null
 * @param live whether the run can still change (the page listens for its events)
 */
public record RunView(
    RunResponse run,
    String cost,
    String budget,
    List<Approval> pending,
    List<TimelineEntry> timeline,
    String olderHref,
    boolean live) {

  /**
   * The newest seq on the page, where live updates continue from.
   *
   * @return the seq, or 0 for a run without checkpoints
   */
  public int newestSeq() {
    return timeline.isEmpty() ? 0 : timeline.getFirst().seq();
  }
}
