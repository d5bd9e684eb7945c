package dev.cairn.persistence.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A write a capability adds to a step's commit (a memory version, a subtask, a child run, a timer):
 * it runs in the step's transaction, after the lease fence held, so it exists exactly when the
 * step's checkpoint does. A step that crashes before its commit leaves none of its writes behind.
 */
@FunctionalInterface
public interface StepWrite {
  /**
   * Writes, in the step's transaction.
   *
   * @param connection the step's connection (auto-commit off)
   * @param step the step being committed (run, tenant, seq, time)
   * @throws SQLException when the write fails; the whole step is rolled back
   */
  void write(Connection connection, StepCommit step) throws SQLException;
}
