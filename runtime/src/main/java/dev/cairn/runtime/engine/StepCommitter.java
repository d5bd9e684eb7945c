package dev.cairn.runtime.engine;

import dev.cairn.persistence.store.StepCommit;
import java.util.concurrent.CompletableFuture;

/** Commits a step's writes in a fenced transaction (alone, or grouped with other runs' steps). */
public interface StepCommitter {
  /**
   * Commits one step.
   *
   * @param step the step's writes
   * @return true if committed, false if the lease was lost (nothing written)
   * @throws dev.cairn.persistence.PersistenceException when the database is unreachable
   */
  boolean commit(StepCommit step);

  /**
   * Starts committing one step and returns; the future completes when the transaction did (or
   * failed, with the exception {@link #commit} would have thrown). This default commits on the
   * caller's thread before returning.
   *
   * @param step the step's writes
   * @return true once committed, false if the lease was lost
   */
  default CompletableFuture<Boolean> submit(StepCommit step) {
    try {
      return CompletableFuture.completedFuture(commit(step));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
