package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.audit.checkpoints.CheckpointVerification;
import dev.cairn.runtime.engine.CheckpointHash;

/**
 * The verdict on a run's checkpoint chain.
 *
 * @param runId the run
 * @param status intact, broken, or unverifiable (checkpoints written before verifiable hashes)
 * @param algorithm the hash algorithm this build verifies
 * @param checkpoints checkpoints read
 * @param verified checkpoints recomputed and matched
 * @param legacy checkpoints with legacy hashes (linked, content not verifiable)
 * @param pruned checkpoints whose payloads were pruned (their digests verified)
 * @param firstBrokenSeq the first seq that fails, or null
 * @param reason content-changed, row-missing, rows-reordered, tail-truncated or unknown-algorithm
 * @param detail an explanation
 * @param lastHash the hash the intact chain ends with
 * @param elapsedMillis time spent
 */
public record VerificationResponse(
    String runId,
    String status,
    String algorithm,
    int checkpoints,
    int verified,
    int legacy,
    int pruned,
    Integer firstBrokenSeq,
    String reason,
    String detail,
    String lastHash,
    long elapsedMillis) {

  /**
   * The answer for a verdict (also shown by the console).
   *
   * @param v the verdict
   * @return the answer
   */
  public static VerificationResponse of(CheckpointVerification v) {
    return new VerificationResponse(
        v.runId().toString(),
        v.status(),
        CheckpointHash.ALGORITHM,
        v.checkpoints(),
        v.verified(),
        v.legacy(),
        v.pruned(),
        v.firstBrokenSeq(),
        v.reason() == null ? null : v.reason().code(),
        v.detail(),
        v.lastHash(),
        v.elapsedMillis());
  }
}
