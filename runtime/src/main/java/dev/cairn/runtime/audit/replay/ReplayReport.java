package dev.cairn.runtime.audit.replay;

import java.util.UUID;

/**
 * The answer of a recorded replay of one run.
 *
 * @param runId the run
 * @param agent its agent
 * @param recordedVersion the definition version the run was made with
 * @param replayedVersion the definition version it was replayed with
 * @param result MATCH (every checkpoint matched), DIVERGED (see {@code divergence}), INCOMPLETE
 *     (stopped early without a difference, see {@code reason}) or ERROR (not replayed, see {@code
 *     reason})
 * @param lastSeq the run's last recorded seq
 * @param checkpointsReplayed checkpoints replayed and matched
 * @param divergence the first difference, or null
 * @param reason why the replay stopped early or did not run, or null
 * @param modelCalls model calls made by the replay (always 0)
 * @param toolCalls tool calls made by the replay (always 0)
 * @param durationMillis how long the replay took
 */
public record ReplayReport(
    UUID runId,
    String agent,
    Integer recordedVersion,
    Integer replayedVersion,
    String result,
    int lastSeq,
    int checkpointsReplayed,
    Divergence divergence,
    String reason,
    int modelCalls,
    int toolCalls,
    long durationMillis) {
  /** Every checkpoint matched. */
  public static final String MATCH = "MATCH";

  /** A checkpoint differs. */
  public static final String DIVERGED = "DIVERGED";

  /** Stopped early without a difference. */
  public static final String INCOMPLETE = "INCOMPLETE";

  /** Not replayed. */
  public static final String ERROR = "ERROR";

  /**
   * The report of a fold over a whole history.
   *
   * @param f the fold
   * @param durationMillis how long it took
   * @return the report
   */
  static ReplayReport of(Folded f, long durationMillis) {
    String result =
        f.divergence() != null
            ? DIVERGED
            : f.incomplete() != null || f.lastSeq() < f.recordedLastSeq() ? INCOMPLETE : MATCH;
    return new ReplayReport(
        f.runId(),
        f.agent(),
        f.recordedVersion(),
        f.replayedVersion(),
        result,
        f.recordedLastSeq(),
        f.replayed(),
        f.divergence(),
        f.incomplete(),
        0,
        0,
        durationMillis);
  }

  /**
   * The report of a run that could not be replayed.
   *
   * @param runId the run
   * @param reason why
   * @return the report
   */
  static ReplayReport error(UUID runId, String reason) {
    return new ReplayReport(runId, null, null, null, ERROR, 0, 0, null, reason, 0, 0, 0);
  }
}
