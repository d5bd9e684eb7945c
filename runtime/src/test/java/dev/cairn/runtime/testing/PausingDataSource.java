package dev.cairn.runtime.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A datasource whose first commit stops until the test lets it go: a replica frozen between its
 * statement and its commit. Also tells the database backend of the last connection handed out, so a
 * test can see when that replica's statement waits for a lock.
 */
public final class PausingDataSource {
  private static final long TIMEOUT_SECONDS = 10;

  private final DataSource target;
  private final CountDownLatch atCommit = new CountDownLatch(1);
  private final CountDownLatch proceed = new CountDownLatch(1);
  private volatile int backendPid;

  /**
   * Wraps a datasource.
   *
   * @param target the real datasource
   */
  public PausingDataSource(DataSource target) {
    this.target = target;
  }

  /**
   * The datasource to hand to the code under test.
   *
   * @return the pausing datasource
   */
  public DataSource dataSource() {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = invoke(target, method, args);
              return result instanceof Connection c ? pausing(c) : result;
            });
  }

  /**
   * Waits until the first commit was asked for (the statement before it is done).
   *
   * @throws InterruptedException if interrupted
   */
  public void awaitCommit() throws InterruptedException {
    if (!atCommit.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no commit within " + TIMEOUT_SECONDS + "s");
    }
  }

  /**
   * Whether the first commit was asked for.
   *
   * @return whether the transaction waits at its commit
   */
  public boolean atCommit() {
    return atCommit.getCount() == 0;
  }

  /** Lets the paused commit (and every later one) go. */
  public void proceed() {
    proceed.countDown();
  }

  /**
   * The backend process of the last connection handed out.
   *
   * @return its pid
   */
  public int backendPid() {
    return backendPid;
  }

  private Connection pausing(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      backendPid = rs.getInt(1);
    }
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("commit") && proceed.getCount() > 0) {
            atCommit.countDown();
            if (!proceed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
              throw new SQLException("commit was not let go within " + TIMEOUT_SECONDS + "s");
            }
          }
          return invoke(connection, method, args);
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
