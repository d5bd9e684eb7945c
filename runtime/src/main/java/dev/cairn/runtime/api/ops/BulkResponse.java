package dev.cairn.runtime.api.ops;

import java.util.List;
import java.util.UUID;

/**
 * What a bulk command did, or would do.
 *
 * @param kind the command
 * @param dryRun whether nothing was written
 * @param matched runs the filter matches
 * @param sample up to 20 matching runs (dry run)
 * @param acceptedCount commands accepted
 * @param skippedCount runs skipped
 * @param accepted the commands accepted
 * @param skipped the runs skipped, with why
 */
public record BulkResponse(
    String kind,
    boolean dryRun,
    long matched,
    List<Run> sample,
    int acceptedCount,
    int skippedCount,
    List<Accepted> accepted,
    List<Skipped> skipped) {

  /**
   * A matching run.
   *
   * @param id run id
   * @param status its status
   */
  public record Run(UUID id, String status) {}

  /**
   * A command given.
   *
   * @param runId the run
   * @param commandId the command
   */
  public record Accepted(UUID runId, UUID commandId) {}

  /**
   * A run left alone.
   *
   * @param runId the run
   * @param reason why
   */
  public record Skipped(UUID runId, String reason) {}
}
