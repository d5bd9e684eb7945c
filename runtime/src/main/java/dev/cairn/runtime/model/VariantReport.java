package dev.cairn.runtime.model;

import dev.cairn.persistence.store.VariantReportRow;
import dev.cairn.persistence.store.VariantReportStore;
import dev.cairn.runtime.api.problem.CairnException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How an agent's A/B variants compare (ADR 0026): runs, outcomes, usage, cost and model-call
 * latency per variant, with totals over the same runs. The window is bounded so the report reads a
 * bounded slice of runs.
 */
@ApplicationScoped
public class VariantReport {
  /** The window when none is asked for. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

  /** The longest window a report may cover. */
  public static final Duration MAX_WINDOW = Duration.ofDays(90);

  private final VariantReportStore store;
  private final Clock clock;

  /**
   * Creates the report.
   *
   * @param store the runs grouped by variant
   * @param clock the clock of the default window
   */
  public VariantReport(VariantReportStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The report of one agent.
   *
   * @param tenantId the caller's tenant
   * @param agent the agent
   * @param since only runs created since then (default 7 days ago, at most 90 days ago), or null
   * @param version only runs of this version, or null for all
   * @return the rows per variant and the totals
   * @throws CairnException invalid for a bad window (the caller checks that the agent exists)
   */
  public Result of(String tenantId, String agent, Instant since, Integer version) {
    Instant now = clock.instant();
    Instant from = since == null ? now.minus(DEFAULT_WINDOW) : since;
    if (from.isBefore(now.minus(MAX_WINDOW))) {
      throw CairnException.invalid("since", "at most " + MAX_WINDOW.toDays() + " days ago");
    }
    if (from.isAfter(now)) {
      throw CairnException.invalid("since", "must not be in the future");
    }
    List<VariantReportRow> rows = store.report(tenantId, agent, from, version);
    return new Result(from, version, rows.subList(0, rows.size() - 1), rows.getLast());
  }

  /**
   * A report.
   *
   * @param since the start of its window
   * @param version the version it covers, or null for all
   * @param variants one row per variant with runs, by name
   * @param totals the sums over those rows (latency percentiles over all their calls)
   */
  public record Result(
      Instant since, Integer version, List<VariantReportRow> variants, VariantReportRow totals) {}
}
