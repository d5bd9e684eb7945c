package dev.cairn.runtime.api.dev;

import dev.cairn.persistence.store.VariantReportRow;
import dev.cairn.runtime.model.VariantReport;
import java.time.Instant;
import java.util.List;

/**
 * How an agent's A/B variants compare.
 *
 * @param agent the agent
 * @param since the start of the report's window
 * @param version the definition version it covers, or null for all
 * @param variants one entry per variant that has runs in the window
 * @param totals the sums over the variants' runs
 */
public record VariantReportResponse(
    String agent,
    Instant since,
    Integer version,
    List<VariantStats> variants,
    VariantStats totals) {

  /**
   * One variant's runs, or all of them.
   *
   * @param name the variant, or null for the totals
   * @param runs runs
   * @param completed runs that completed
   * @param failed runs that failed
   * @param completionRate completed divided by runs (0 without runs)
   * @param steps steps
   * @param inputTokens prompt tokens
   * @param outputTokens completion tokens
   * @param costMicros cost in millionths of the price table's currency
   * @param latencyMillis model-call latency percentiles
   */
  public record VariantStats(
      String name,
      long runs,
      long completed,
      long failed,
      double completionRate,
      long steps,
      long inputTokens,
      long outputTokens,
      long costMicros,
      Latency latencyMillis) {}

  /**
   * Percentiles of model-call latency, in milliseconds; null without timed calls.
   *
   * @param calls model calls that recorded a latency
   * @param p50 median
   * @param p95 95th percentile
   * @param p99 99th percentile
   */
  public record Latency(long calls, Long p50, Long p95, Long p99) {}

  static VariantReportResponse of(String agent, VariantReport.Result result) {
    return new VariantReportResponse(
        agent,
        result.since(),
        result.version(),
        result.variants().stream().map(VariantReportResponse::stats).toList(),
        stats(result.totals()));
  }

  private static VariantStats stats(VariantReportRow r) {
    return new VariantStats(
        r.variant(),
        r.runs(),
        r.completed(),
        r.failed(),
        r.runs() == 0 ? 0 : (double) r.completed() / r.runs(),
        r.steps(),
        r.inputTokens(),
        r.outputTokens(),
        r.costMicros(),
        new Latency(r.timedCalls(), r.p50(), r.p95(), r.p99()));
  }
}
