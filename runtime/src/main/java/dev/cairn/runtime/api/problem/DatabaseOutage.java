package dev.cairn.runtime.api.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Recognises a database that cannot be reached, whatever layer reports it: the pool's acquisition
 * timeout, the driver's connection errors (SQLSTATE class 08, or a server shutting down or starting
 * up), Hibernate's connection exception, and Cairn's persistence exception caused by one of these.
 */
public final class DatabaseOutage {
  /** Seconds a client is asked to wait before retrying while the database is unreachable. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseOutage() {}

  /**
   * Whether the error, or one of its causes, says the database is unreachable.
   *
   * @param e the error
   * @return whether the database is unreachable
   */
  public static boolean causedBy(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause()) {
      if (isOutage(t)) {
        return true;
      }
      depth++;
    }
    return false;
  }

  private static boolean isOutage(Throwable t) {
    if (t instanceof JDBCConnectionException
        || t instanceof SQLTransientConnectionException
        || t instanceof SQLNonTransientConnectionException
        || t instanceof ConnectException) {
      return true;
    }
    if (t instanceof SQLException sql) {
      String state = sql.getSQLState();
      if (state != null
          && (state.startsWith("08")
              || state.equals("57P01")
              || state.equals("57P02")
              || state.equals("57P03"))) {
        return true;
      }
      // Agroal reports an acquisition timeout as a plain SQLException caused by a timeout.
      return sql.getCause() instanceof TimeoutException
          || (sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout"));
    }
    return false;
  }
}
