package dev.cairn.runtime.console;

import dev.cairn.runtime.control.BulkService;
import java.util.List;

/**
 * What a confirmed bulk action did.
 *
 * @param action {@code pause}, {@code resume} or {@code cancel}
 * @param verb {@code paused}, {@code resumed} or {@code cancelled}
 * @param confirmed the count the operator confirmed
 * @param acceptedCount runs that got the command
 * @param skippedCount runs left alone
 * @param accepted the first commands given
 * @param skipped the first runs left alone, with why
 * @param backHref the runs view with the same filter
 */
public record BulkResultView(
    String action,
    String verb,
    long confirmed,
    int acceptedCount,
    int skippedCount,
    List<BulkService.Given> accepted,
    List<BulkService.Skipped> skipped,
    String backHref) {
  /**
   * Skipped runs not listed.
   *
   * @return how many
   */
  public int moreSkipped() {
    return skippedCount - skipped.size();
  }
}
