package dev.cairn.persistence.store;

/**
 * What one pruning transaction did to one run.
 *
 * @param taken false when the run was not taken (another replica holds it, it was pruned already,
 *     or it no longer qualifies); nothing was written then
 * @param checkpoints checkpoints pruned
 * @param messages messages pruned
 * @param toolCalls tool invocations pruned
 * @param finished true when the run has no payload left to prune (and is marked pruned)
 * @param progress where the next batch starts
 */
public record PruneBatch(
    boolean taken,
    int checkpoints,
    int messages,
    int toolCalls,
    boolean finished,
    PruneProgress progress) {

  /**
   * A batch that took nothing.
   *
   * @param progress the unchanged progress
   * @return the batch
   */
  public static PruneBatch notTaken(PruneProgress progress) {
    return new PruneBatch(false, 0, 0, 0, false, progress);
  }

  /**
   * Rows pruned in the batch.
   *
   * @return the sum over the three tables
   */
  public int rows() {
    return checkpoints + messages + toolCalls;
  }
}
