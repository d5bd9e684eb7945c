package dev.cairn.runtime.console;

import dev.cairn.runtime.api.dev.RunResponse;
import java.util.List;

/**
 * Two runs side by side from a seq (the fork point when one is a fork of the other), one page of
 * seqs.
 *
 * @param left the first run
 * @param right the second run
 * @param fromSeq the first seq shown
 * @param forkPoint the seq the fork continues after when one run is a fork of the other, or null
 * @param rows one row per seq
 * @param same how many rows of this page both runs did the same
 * @param nextHref the next page, or null at the end of both runs
 * @param startHref the comparison from seq 1 (the shared history included), or null when shown
 * @param selfHref this page (what the live refresh fetches)
 * @param live whether either run can still change (the rows refresh)
 */
public record CompareView(
    RunResponse left,
    RunResponse right,
    int fromSeq,
    Integer forkPoint,
    List<Line> rows,
    int same,
    String nextHref,
    String startHref,
    String selfHref,
    boolean live) {

  /**
   * One seq of both runs.
   *
   * @param seq the seq
   * @param same whether both recorded the same decision and outcome (the service's verdict)
   * @param left the first run's step, or null when it has none at this seq
   * @param right the second run's step, or null
   * @param kindDiffers whether the kinds differ
   * @param decisionDiffers whether the decisions differ
   * @param outcomeDiffers whether the outcomes differ
   */
  public record Line(
      int seq,
      boolean same,
      Side left,
      Side right,
      boolean kindDiffers,
      boolean decisionDiffers,
      boolean outcomeDiffers) {
    /**
     * What a reader sees as the row's verdict.
     *
     * @return {@code same}, {@code different}, {@code only left} or {@code only right}
     */
    public String verdict() {
      if (same) {
        return "same";
      }
      if (right == null) {
        return "only left";
      }
      if (left == null) {
        return "only right";
      }
      return "different";
    }
  }

  /**
   * One run's step, its payloads as indented JSON text (shown escaped).
   *
   * @param kind what the step did
   * @param statusAfter the run's status after it
   * @param actor who caused it
   * @param tokens tokens in and out, as text
   * @param decision the decision as text, or empty
   * @param outcome the outcome as text, or empty
   * @param pruned whether retention pruned the payloads
   * @param hash the checkpoint's hash
   * @param createdAt when it committed (ISO-8601)
   */
  public record Side(
      String kind,
      String statusAfter,
      String actor,
      String tokens,
      String decision,
      String outcome,
      boolean pruned,
      String hash,
      String createdAt) {}
}
