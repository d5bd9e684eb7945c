package dev.cairn.runtime.audit.checkpoints;

import java.util.UUID;

/**
 * The verdict on a run's checkpoint chain.
 *
 * @param runId the run
 * @param status {@code intact}, {@code broken}, or {@code unverifiable} (some checkpoints predate
 *     verifiable hashes and nothing else is wrong)
 * @param checkpoints checkpoints read
 * @param verified checkpoints whose hash was recomputed and matched
 * @param legacy checkpoints written before verifiable hashes (links checked, content not)
 * @param pruned checkpoints whose payloads retention replaced by digests
 * @param firstBrokenSeq the first seq that fails, or null
 * @param reason why it fails, or null
 * @param detail an explanation, or null
 * @param lastHash the hash the chain ends with, or null when the run has no checkpoint
 * @param elapsedMillis time spent verifying
 */
public record CheckpointVerification(
    UUID runId,
    String status,
    int checkpoints,
    int verified,
    int legacy,
    int pruned,
    Integer firstBrokenSeq,
    BreakReason reason,
    String detail,
    String lastHash,
    long elapsedMillis) {
  /** Every checkpoint recomputed and linked. */
  public static final String INTACT = "intact";

  /** A break was found. */
  public static final String BROKEN = "broken";

  /** No break found, but some checkpoints carry legacy hashes that cannot be recomputed. */
  public static final String UNVERIFIABLE = "unverifiable";
}
