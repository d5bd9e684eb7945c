package dev.cairn.runtime.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Direct SQL for test assertions on the database. */
public final class Db {
  private final DataSource dataSource;

  /**
   * Wraps a datasource.
   *
   * @param dataSource the application's datasource
   */
  public Db(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs a statement.
   *
   * @param sql the statement
   * @param params parameters
   */
  public void execute(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs a query returning one number.
   *
   * @param sql the query
   * @param params parameters
   * @return the number
   */
  public long count(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs a query returning one text value.
   *
   * @param sql the query
   * @param params parameters
   * @return the text of the first column of the first row, or null
   */
  public String text(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Row counts of what a request could create (runs in flight elsewhere do not change them).
   *
   * @return a fingerprint of row counts
   */
  public String rowCounts() {
    return "definitions="
        + count("SELECT count(*) FROM agent_definition")
        + " runs="
        + count("SELECT count(*) FROM agent_run")
        + " inputs="
        + count("SELECT count(*) FROM run_message WHERE seq = 0");
  }
}
