package dev.cairn.persistence.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The wake-up signal for idle workers: a NOTIFY sent when a run becomes runnable. */
public final class RunnableSignal {
  /** Channel notified when a run becomes runnable, so idle workers wake at once. */
  public static final String RUNNABLE_CHANNEL = "cairn_runnable";

  private RunnableSignal() {}

  /**
   * Sends a NOTIFY on {@link #RUNNABLE_CHANNEL} inside the caller's transaction.
   *
   * @param c the transaction's connection
   * @throws SQLException on database errors
   */
  public static void notifyRunnable(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, '')")) {
      ps.setString(1, RUNNABLE_CHANNEL);
      ps.execute();
    }
  }
}
