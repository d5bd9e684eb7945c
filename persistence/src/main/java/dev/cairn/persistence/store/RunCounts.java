package dev.cairn.persistence.store;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Run counts for metrics, across all tenants. */
@ApplicationScoped
public class RunCounts {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public RunCounts(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Counts runs per status.
   *
   * @return status name to count
   */
  public Map<String, Long> countByStatus() {
    return Jdbc.inTransaction(
        dataSource,
        "count runs",
        c -> {
          Map<String, Long> counts = new HashMap<>();
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("count_runs_by_status"));
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              counts.put(rs.getString(1), rs.getLong(2));
            }
          }
          return counts;
        });
  }
}
