package dev.cairn.runtime.console;

import io.quarkus.qute.TemplateExtension;
import java.util.Set;

/**
 * Which timeline entries offer "Fork from here": a fork continues after a seq, so the run must not
 * have ended at that seq (the fork service refuses that with 409).
 */
public final class ForkPoints {
  private static final Set<String> TERMINAL =
      Set.of("COMPLETED", "FAILED", "CANCELLED", "BUDGET_EXCEEDED", "QUARANTINED");

  private ForkPoints() {}

  /**
   * Whether a run can be forked after this entry.
   *
   * @param entry a timeline entry
   * @return false when the run had ended at this seq
   */
  @TemplateExtension
  public static boolean forkable(TimelineEntry entry) {
    return !TERMINAL.contains(entry.statusAfter());
  }
}
