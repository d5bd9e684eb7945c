package dev.cairn.persistence.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The wake-up signal for idle workers: a NOTIFY sent when a run becomes runnable. */
public final class RunnableSignal {
  /** Channel notified when a run becomes runnable, so idle workers wake at once. */
  public static final String RUNNABLE_CHANNEL = "cairn_runnable";

  /**
   * Channel notified when an operator command is accepted; the payload is the run id, followed by
   * {@code :CANCEL} for a cancel (so the replica advancing the run interrupts its model call).
   */
  public static final String COMMAND_CHANNEL = "cairn_command";

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

  /**
   * Sends a NOTIFY on {@link #COMMAND_CHANNEL} inside the caller's transaction (delivered when it
   * commits).
   *
   * @param c the transaction's connection
   * @param runId the run
   * @param cancel whether the command is a cancel
   * @throws SQLException on database errors
   */
  public static void notifyCommand(Connection c, java.util.UUID runId, boolean cancel)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      ps.setString(1, COMMAND_CHANNEL);
      ps.setString(2, runId + (cancel ? ":CANCEL" : ""));
      ps.execute();
    }
  }

  /**
   * A parsed command notification.
   *
   * @param runId the run
   * @param cancel whether it is a cancel
   */
  public record CommandNotice(java.util.UUID runId, boolean cancel) {
    /**
     * Parses a notification payload; garbage yields empty.
     *
     * @param payload the payload
     * @return the notice
     */
    public static java.util.Optional<CommandNotice> parse(String payload) {
      if (payload == null) {
        return java.util.Optional.empty();
      }
      boolean cancel = payload.endsWith(":CANCEL");
      String id = cancel ? payload.substring(0, payload.length() - ":CANCEL".length()) : payload;
      try {
        return java.util.Optional.of(new CommandNotice(java.util.UUID.fromString(id), cancel));
      } catch (IllegalArgumentException e) {
        return java.util.Optional.empty();
      }
    }
  }
}
