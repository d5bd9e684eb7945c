package dev.cairn.runtime.engine;

import dev.cairn.persistence.store.StepCommit;

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
}
