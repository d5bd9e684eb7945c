package dev.cairn.runtime.audit.replay;

import java.util.List;

/**
 * The answer of a shadow replay over a set of runs.
 *
 * @param agentVersion the definition version replayed against, or null for each run's own
 * @param runs runs replayed
 * @param matched runs whose every checkpoint matched
 * @param diverged runs that diverge
 * @param incomplete runs that stopped early without a difference
 * @param errors runs not replayed
 * @param results one report per run, in the order asked
 */
public record ShadowReport(
    Integer agentVersion,
    int runs,
    int matched,
    int diverged,
    int incomplete,
    int errors,
    List<ReplayReport> results) {
  /**
   * Summarizes reports.
   *
   * @param agentVersion the version replayed against, or null
   * @param results the reports
   * @return the summary
   */
  static ShadowReport of(Integer agentVersion, List<ReplayReport> results) {
    return new ShadowReport(
        agentVersion,
        results.size(),
        count(results, ReplayReport.MATCH),
        count(results, ReplayReport.DIVERGED),
        count(results, ReplayReport.INCOMPLETE),
        count(results, ReplayReport.ERROR),
        List.copyOf(results));
  }

  private static int count(List<ReplayReport> results, String result) {
    return (int) results.stream().filter(r -> result.equals(r.result())).count();
  }
}
