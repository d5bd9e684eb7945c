package dev.cairn.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/** Small JDBC helpers: transactions and null-safe parameter binding. */
public final class Jdbc {
  private Jdbc() {}

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface TxWork<T> {
    /**
     * Runs with a connection: auto-commit off in {@link #inTransaction}, on in {@link
     * #inAutoCommit}.
     *
     * @param connection the transaction's connection
     * @return the work's result
     * @throws SQLException on database errors, which roll the transaction back
     */
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: commits if it returns, rolls back if it throws.
   *
   * @param dataSource where to get the connection
   * @param what a short description used in error messages
   * @param work the work
   * @param <T> result type
   * @return the work's result
   */
  public static <T> T inTransaction(DataSource dataSource, String what, TxWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new PersistenceException(what + " failed", e);
    }
  }

  /**
   * Runs {@code work} with auto-commit on: meant for one statement, which is then its own
   * transaction and costs one round trip (no separate COMMIT).
   *
   * @param dataSource where to get the connection
   * @param what a short description used in error messages
   * @param work the work
   * @param <T> result type
   * @return the work's result
   */
  public static <T> T inAutoCommit(DataSource dataSource, String what, TxWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw new PersistenceException(what + " failed", e);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  /**
   * Binds an instant as a timestamp with time zone, or SQL NULL.
   *
   * @param ps statement
   * @param index parameter index
   * @param value instant or null
   * @throws SQLException on binding errors
   */
  public static void setInstant(PreparedStatement ps, int index, Instant value)
      throws SQLException {
    // pgjdbc sends a value as timestamptz but a null without a type (it never types a null
    // timestamp), leaving the server to infer one from the statement. A statement that takes a
    // nullable timestamp casts its parameter (?::timestamptz), so the server infers timestamptz
    // either way: one parse tree, one query id, one server-side statement per connection.
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }
  }

  /**
   * Binds a string or SQL NULL.
   *
   * @param ps statement
   * @param index parameter index
   * @param value string or null
   * @throws SQLException on binding errors
   */
  public static void setText(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  /**
   * Binds an array of UUIDs.
   *
   * @param ps statement
   * @param index parameter index
   * @param ids the ids
   * @throws SQLException on binding errors
   */
  public static void setUuidArray(PreparedStatement ps, int index, java.util.Collection<UUID> ids)
      throws SQLException {
    ps.setArray(index, ps.getConnection().createArrayOf("uuid", ids.toArray()));
  }

  /**
   * Reads a timestamp column as an instant.
   *
   * @param value the column value or null
   * @return the instant or null
   */
  public static Instant toInstant(Timestamp value) {
    return value == null ? null : value.toInstant();
  }
}
