package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Durable timers and signals: the engine's reads for the sleep and wait_for_signal tools, the
 * writes their steps commit, and the API's sending of a signal.
 */
@ApplicationScoped
public class WaitStore {
  /** Most signals a run may hold unconsumed. */
  public static final int MAX_UNCONSUMED_SIGNALS = 100;

  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the datasource
   */
  public WaitStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The timer a call recorded, for the engine.
   *
   * @param runId the run
   * @param callId the call
   * @return its timer, if the call waited before
   */
  public Optional<TimerRow> timer(UUID runId, String callId) {
    return Jdbc.inAutoCommit(
        dataSource,
        "read timer",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("find_timer"))) {
            ps.setObject(1, runId);
            ps.setString(2, callId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new TimerRow(
                      rs.getString(1),
                      Jdbc.toInstant(rs.getTimestamp(2)),
                      rs.getString(3),
                      rs.getInt(4)));
            }
          }
        });
  }

  /**
   * The oldest unconsumed signal of a name, for the engine.
   *
   * @param runId the run
   * @param name the signal's name
   * @return the signal, if one waits
   */
  public Optional<SignalRow> oldestSignal(UUID runId, String name) {
    return Jdbc.inAutoCommit(
        dataSource,
        "read signal",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("oldest_signal"))) {
            ps.setObject(1, runId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new SignalRow(
                      rs.getObject(1, UUID.class),
                      rs.getString(2),
                      Jdbc.toInstant(rs.getTimestamp(3)),
                      rs.getString(4)));
            }
          }
        });
  }

  /**
   * The write that records a waiting call's due time in its step.
   *
   * @param callId the call
   * @param kind SLEEP or SIGNAL
   * @param dueAt when the wait ends, or null for none
   * @param signalName the awaited signal, or null
   * @return the write
   */
  public static StepWrite startTimer(String callId, String kind, Instant dueAt, String signalName) {
    return (c, step) -> {
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_timer"))) {
        ps.setObject(1, step.runId());
        ps.setString(2, callId);
        ps.setString(3, step.tenantId());
        ps.setString(4, kind);
        setInstant(ps, 5, dueAt);
        setText(ps, 6, signalName);
        ps.setInt(7, step.checkpoint().seq());
        setInstant(ps, 8, step.now());
        ps.executeUpdate();
      }
    };
  }

  /**
   * The write that takes a signal in a call's step; fails the step if it was taken already.
   *
   * @param signalId the signal
   * @param callId the call taking it
   * @return the write
   */
  public static StepWrite consumeSignal(UUID signalId, String callId) {
    return (c, step) -> {
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("consume_signal"))) {
        ps.setInt(1, step.checkpoint().seq());
        ps.setString(2, callId);
        setInstant(ps, 3, step.now());
        ps.setObject(4, signalId);
        if (ps.executeUpdate() != 1) {
          throw new SQLException("signal " + signalId + " was consumed already");
        }
      }
    };
  }

  /**
   * The write that wakes the run at once if a signal of the name arrived while its step ran.
   *
   * @param name the awaited signal
   * @return the write
   */
  public static StepWrite wakeIfSignalled(String name) {
    return (c, step) -> {
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("wake_if_signalled"))) {
        setInstant(ps, 1, step.now());
        ps.setObject(2, step.runId());
        ps.setString(3, name);
        if (ps.executeUpdate() > 0) {
          RunnableSignal.notifyRunnable(c);
        }
      }
    };
  }

  /**
   * Stores a signal for a run and wakes the run if it waits for a signal, in the tenant's scope,
   * under the run's row lock; honours the idempotency key.
   *
   * @param signal the signal
   * @return what happened
   */
  public SignalOutcome send(NewSignal signal) {
    return Jdbc.inTransaction(
        dataSource,
        "send signal",
        c -> {
          TenantScope.enter(c, signal.tenantId());
          if (signal.idempotencyKey() != null) {
            if (!tryLockKey(c, signal)) {
              return new SignalOutcome.KeyInFlight();
            }
            Optional<SignalOutcome.KeyUsed> used = findByKey(c, signal);
            if (used.isPresent()) {
              return used.get();
            }
          }
          String status;
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("lock_run_for_signal"))) {
            ps.setObject(1, signal.runId());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return new SignalOutcome.RunMissing();
              }
              status = rs.getString(1);
            }
          }
          if (finished(status)) {
            return new SignalOutcome.RunFinished(status);
          }
          long waiting = unconsumed(c, signal.runId());
          if (waiting >= MAX_UNCONSUMED_SIGNALS) {
            return new SignalOutcome.TooMany(waiting);
          }
          insert(c, signal);
          boolean woke;
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("wake_signalled_run"))) {
            setInstant(ps, 1, signal.now());
            ps.setObject(2, signal.runId());
            woke = ps.executeUpdate() == 1;
          }
          if (woke) {
            RunnableSignal.notifyRunnable(c);
          }
          return new SignalOutcome.Sent(signal.id(), signal.now(), woke);
        });
  }

  private static boolean finished(String status) {
    return switch (status) {
      case "COMPLETED", "FAILED", "CANCELLED", "BUDGET_EXCEEDED", "QUARANTINED" -> true;
      default -> false;
    };
  }

  private static long unconsumed(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("count_unconsumed_signals"))) {
      ps.setObject(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void insert(Connection c, NewSignal s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_signal"))) {
      ps.setObject(1, s.id());
      ps.setString(2, s.tenantId());
      ps.setObject(3, s.runId());
      ps.setString(4, s.name());
      ps.setString(5, s.payloadJson());
      ps.setString(6, s.sentBy());
      setText(ps, 7, s.idempotencyKey());
      setText(ps, 8, s.requestHash());
      setInstant(ps, 9, s.now());
      ps.executeUpdate();
    }
  }

  private static boolean tryLockKey(Connection c, NewSignal s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
      ps.setString(1, s.tenantId() + ":signal:" + s.idempotencyKey());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static Optional<SignalOutcome.KeyUsed> findByKey(Connection c, NewSignal s)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(SqlFile.load("find_signal_by_idempotency_key"))) {
      ps.setString(1, s.tenantId());
      ps.setString(2, s.idempotencyKey());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new SignalOutcome.KeyUsed(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(4),
                Jdbc.toInstant(rs.getTimestamp(5))));
      }
    }
  }
}
