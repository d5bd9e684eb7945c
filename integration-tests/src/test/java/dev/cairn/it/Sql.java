package dev.cairn.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC reads against the test database, for assertions and measurements. */
final class Sql {

  private Sql() {}

  /** Maps each row of the result. Instants among the parameters are bound as timestamptz. */
  static <T> List<T> query(
      TestDatabase database, String sql, RowMapper<T> mapper, Object... params) {
    List<T> result = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        Object param = params[i];
        statement.setObject(
            i + 1, param instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : param);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          result.add(mapper.map(rs));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql, e);
    }
    return result;
  }

  /** The first column of every row, as text. */
  static List<String> column(TestDatabase database, String sql, Object... params) {
    return query(database, sql, rs -> rs.getString(1), params);
  }

  /** Every row rendered as {@code {col=value, ...}}, for failure messages. */
  static List<String> rows(TestDatabase database, String sql, Object... params) {
    return query(database, sql, Sql::render, params);
  }

  private static String render(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    StringBuilder row = new StringBuilder("{");
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      row.append(i > 1 ? ", " : "").append(meta.getColumnLabel(i)).append('=');
      row.append(rs.getString(i));
    }
    return row.append('}').toString();
  }

  /** Turns the current row into a value. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }
}
