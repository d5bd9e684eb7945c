package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Approved catalogues of MCP servers. Installation-wide (servers serve every tenant): used in the
 * engine's scope by platform admins and at start, never in a tenant's scope.
 */
@ApplicationScoped
public class McpApprovalStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the datasource
   */
  public McpApprovalStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records a server's approved catalogue, replacing the previous approval (audited by trigger).
   *
   * @param row the approval
   */
  public void approve(McpApprovalRow row) {
    Jdbc.inTransaction(
        dataSource,
        "approve MCP catalogue",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("approve_mcp_catalog"))) {
            ps.setString(1, row.server());
            ps.setString(2, row.catalogHash());
            ps.setString(3, row.toolsJson());
            setInstant(ps, 4, row.approvedAt());
            ps.setString(5, row.approvedBy());
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Every approved catalogue.
   *
   * @return approvals in server order
   */
  public List<McpApprovalRow> loadAll() {
    return Jdbc.inTransaction(
        dataSource,
        "load MCP approvals",
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(SqlFile.load("load_mcp_catalog_approvals"));
              ResultSet rs = ps.executeQuery()) {
            List<McpApprovalRow> rows = new ArrayList<>();
            while (rs.next()) {
              rows.add(
                  new McpApprovalRow(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      Jdbc.toInstant(rs.getTimestamp(4)),
                      rs.getString(5)));
            }
            return rows;
          }
        });
  }
}
