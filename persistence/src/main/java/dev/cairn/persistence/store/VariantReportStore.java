package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads an agent's runs grouped by A/B variant, in the tenant's scope. */
@ApplicationScoped
public class VariantReportStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public VariantReportStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * One row per variant (by name), then the totals row (variant null), which always exists.
   *
   * @param tenantId the tenant
   * @param agentName the agent
   * @param since only runs created at or after this time
   * @param version only runs of this definition version, or null for all
   * @return the variant rows, then the totals
   */
  public List<VariantReportRow> report(
      String tenantId, String agentName, Instant since, Integer version) {
    return Jdbc.inTransaction(
        dataSource,
        "variant report",
        c -> {
          TenantScope.enter(c, tenantId);
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("variant_report"))) {
            ps.setString(1, tenantId);
            ps.setString(2, agentName);
            setInstant(ps, 3, since);
            if (version == null) {
              ps.setNull(4, Types.INTEGER);
              ps.setNull(5, Types.INTEGER);
            } else {
              ps.setInt(4, version);
              ps.setInt(5, version);
            }
            try (ResultSet rs = ps.executeQuery()) {
              List<VariantReportRow> rows = new ArrayList<>();
              while (rs.next()) {
                rows.add(row(rs));
              }
              return rows;
            }
          }
        });
  }

  private static VariantReportRow row(ResultSet rs) throws SQLException {
    return new VariantReportRow(
        rs.getBoolean("total") ? null : rs.getString("variant"),
        rs.getLong("runs"),
        rs.getLong("completed"),
        rs.getLong("failed"),
        rs.getLong("steps"),
        rs.getLong("input_tokens"),
        rs.getLong("output_tokens"),
        rs.getLong("cost_micros"),
        rs.getLong("timed_calls"),
        rs.getObject("p50", Long.class),
        rs.getObject("p95", Long.class),
        rs.getObject("p99", Long.class));
  }
}
